/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.introspection.cache;

import java.time.Duration;

import io.github.introspection.client.IntrospectionUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for serve-stale ({@code staleIfError}) in {@link CachingOpaqueTokenIntrospector},
 * with a fake ticker and clock: ttl 60 s, window 30 s.
 */
class CachingOpaqueTokenIntrospectorStaleTests {

	private static final String TOKEN = "s3cr3t-T0ken.value_~+/";

	private final FakeTime time = new FakeTime();

	private final FakeIntrospector idp = new FakeIntrospector();

	private final IntrospectionUnavailableException unavailable = new IntrospectionUnavailableException("down",
			Duration.ofSeconds(5));

	private CachingOpaqueTokenIntrospector cache(Duration staleIfError) {
		return CachingOpaqueTokenIntrospector.builder(this.idp)
			.ttl(Duration.ofSeconds(60))
			.staleIfError(staleIfError)
			.ticker(this.time.ticker())
			.clock(this.time.clock())
			.executor(Runnable::run)
			.build();
	}

	@Test
	void introspectWhenUnavailableInsideWindowThenStalePrincipalIsServed() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		OAuth2AuthenticatedPrincipal cached = cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		this.idp.answerFailure(this.unavailable);
		assertThat(cache.introspect(TOKEN)).isSameAs(cached);
		this.time.advance(Duration.ofSeconds(19));
		assertThat(cache.introspect(TOKEN)).isSameAs(cached);
		// Every request past the fresh lifetime asks the identity provider again.
		assertThat(this.idp.calls()).isEqualTo(3);
	}

	@Test
	void introspectWhenTheAnswerAboutTheTokenIsMalformedThenTheStalePrincipalIsNotServed() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		IntrospectionUnavailableException malformed = new IntrospectionUnavailableException(
				"Identity provider unavailable: Claim 'exp' is not an integer", Duration.ofSeconds(5), null, false);
		this.idp.answerFailure(malformed);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN))
			.isSameAs(malformed);
	}

	@Test
	void introspectWhenTheIdpHasSinceCalledTheTokenInactiveThenAnOutageNeverServesItStale() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(120));
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(61));
		this.idp.answerInactive();
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect(TOKEN));
		this.idp.answerFailure(this.unavailable);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> cache.introspect(TOKEN));
			this.time.advance(Duration.ofSeconds(1));
		}
	}

	@Test
	void introspectWhenUnavailableAfterWindowThenFailureIsThrown() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(90));
		this.idp.answerFailure(this.unavailable);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN))
			.isSameAs(this.unavailable);
	}

	@Test
	void introspectWhenUnavailableAndExpReachedThenFailureIsThrown() {
		this.idp.answerActive(this.time.now().plusSeconds(80));
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		OAuth2AuthenticatedPrincipal cached = cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(79));
		this.idp.answerFailure(this.unavailable);
		assertThat(cache.introspect(TOKEN)).isSameAs(cached);
		this.time.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN));
	}

	@Test
	void introspectWhenUnavailableAndClockPassedExpThenFailureIsThrown() {
		this.idp.answerActive(this.time.now().plusSeconds(80));
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		this.time.advanceClock(Duration.ofSeconds(10));
		this.idp.answerFailure(this.unavailable);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN));
	}

	@Test
	void introspectWhenStaleIfErrorIsOffThenFailureIsThrown() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ZERO);
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(60));
		this.idp.answerFailure(this.unavailable);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN));
	}

	@Test
	void introspectWhenOtherFailureInsideWindowThenFailureIsThrown() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		this.idp.answerFailure(new IllegalStateException("bug"));
		assertThatIllegalStateException().isThrownBy(() -> cache.introspect(TOKEN));
	}

	@Test
	void introspectWhenRefreshSucceedsThenNewAnswerIsCachedForItsOwnLifetime() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		OAuth2AuthenticatedPrincipal stale = cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		OAuth2AuthenticatedPrincipal refreshed = cache.introspect(TOKEN);
		assertThat(refreshed).isNotSameAs(stale);
		this.time.advance(Duration.ofSeconds(59));
		assertThat(cache.introspect(TOKEN)).isSameAs(refreshed);
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenRefreshFindsTokenRevokedThenStaleAnswerIsGone() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		this.idp.answerInactive();
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect(TOKEN));
		assertThat(cache.cache().keys()).isEmpty();
		this.idp.answerFailure(this.unavailable);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN));
	}

	@Test
	void introspectWhenUnavailableThenNextRequestAsksAgain() {
		CachingOpaqueTokenIntrospector cache = cache(Duration.ofSeconds(30));
		OAuth2AuthenticatedPrincipal stale = cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		this.idp.answerFailure(this.unavailable);
		assertThat(cache.introspect(TOKEN)).isSameAs(stale);
		this.idp.answerActive(null);
		assertThat(cache.introspect(TOKEN)).isNotSameAs(stale);
		assertThat(this.idp.calls()).isEqualTo(3);
	}

}
