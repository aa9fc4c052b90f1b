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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.introspection.client.IntrospectionUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the lifetimes, failures, size bound and keys of
 * {@link CachingOpaqueTokenIntrospector}, with a fake ticker and clock.
 */
class CachingOpaqueTokenIntrospectorTests {

	private static final String TOKEN = "s3cr3t-T0ken.value_~+/";

	private final FakeTime time = new FakeTime();

	private final FakeIntrospector idp = new FakeIntrospector();

	private CachingOpaqueTokenIntrospector.Builder builder() {
		return CachingOpaqueTokenIntrospector.builder(this.idp)
			.endpoint("https://idp.example/introspect")
			.ttl(Duration.ofSeconds(60))
			.ticker(this.time.ticker())
			.clock(this.time.clock())
			.executor(Runnable::run);
	}

	@Test
	void introspectWhenHitThenDelegateIsNotCalledAndPrincipalIsTheSame() {
		CachingOpaqueTokenIntrospector cache = builder().build();
		OAuth2AuthenticatedPrincipal first = cache.introspect(TOKEN);
		assertThat(cache.introspect(TOKEN)).isSameAs(first);
		assertThat(this.idp.calls()).isEqualTo(1);
	}

	@Test
	void introspectWhenExpBeforeTtlThenEntryLivesUntilExp() {
		this.idp.answerActive(this.time.now().plusSeconds(10));
		CachingOpaqueTokenIntrospector cache = builder().build();
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(10).minusNanos(1));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(1);
		this.time.advance(Duration.ofNanos(1));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenExpAfterTtlThenEntryLivesTtl() {
		this.idp.answerActive(this.time.now().plusSeconds(3600));
		CachingOpaqueTokenIntrospector cache = builder().build();
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(59));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(1);
		this.time.advance(Duration.ofSeconds(1));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenNoExpThenEntryLivesTtl() {
		this.idp.answerActive(null);
		CachingOpaqueTokenIntrospector cache = builder().ttl(Duration.ofSeconds(5)).build();
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofMillis(4999));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(1);
		this.time.advance(Duration.ofMillis(1));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenHitThenLifetimeIsNotExtended() {
		CachingOpaqueTokenIntrospector cache = builder().build();
		cache.introspect(TOKEN);
		for (int i = 0; i < 5; i++) {
			this.time.advance(Duration.ofSeconds(11));
			cache.introspect(TOKEN);
		}
		assertThat(this.idp.calls()).isEqualTo(1);
		this.time.advance(Duration.ofSeconds(5));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenExpIsNowThenAnswerIsReturnedButNotCached() {
		this.idp.answerActive(this.time.now());
		CachingOpaqueTokenIntrospector cache = builder().build();
		assertThat(cache.introspect(TOKEN).getName()).isEqualTo("alice");
		assertThat(cache.introspect(TOKEN).getName()).isEqualTo("alice");
		assertThat(this.idp.calls()).isEqualTo(2);
		assertThat(cache.cache().keys()).isEmpty();
	}

	@Test
	void introspectWhenExpPassedThenAnswerIsReturnedButNotCached() {
		this.idp.answerActive(this.time.now().minusSeconds(1));
		CachingOpaqueTokenIntrospector cache = builder().build();
		cache.introspect(TOKEN);
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(2);
		assertThat(cache.cache().keys()).isEmpty();
	}

	@Test
	void introspectWhenExpIsNotAnInstantThenAnswerIsNotCached() {
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector
			.builder((token) -> new OAuth2IntrospectionAuthenticatedPrincipal(Map.of("sub", "alice", "exp", "tomorrow"),
					List.of()))
			.ticker(this.time.ticker())
			.executor(Runnable::run)
			.build();
		cache.introspect(TOKEN);
		assertThat(cache.cache().keys()).isEmpty();
	}

	@Test
	void introspectWhenUnavailableThenFailureIsNotCached() {
		IntrospectionUnavailableException unavailable = new IntrospectionUnavailableException("down",
				Duration.ofSeconds(5));
		this.idp.answerFailure(unavailable);
		CachingOpaqueTokenIntrospector cache = builder().build();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> cache.introspect(TOKEN))
			.isSameAs(unavailable);
		assertThat(cache.cache().keys()).isEmpty();
		this.idp.answerActive(null);
		assertThat(cache.introspect(TOKEN).getName()).isEqualTo("alice");
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenDelegateThrowsAnyRuntimeExceptionThenFailureIsNotCached() {
		this.idp.answerFailure(new IllegalStateException("bug"));
		CachingOpaqueTokenIntrospector cache = builder().build();
		assertThatIllegalStateException().isThrownBy(() -> cache.introspect(TOKEN));
		assertThatIllegalStateException().isThrownBy(() -> cache.introspect(TOKEN));
		assertThat(this.idp.calls()).isEqualTo(2);
		assertThat(cache.cache().keys()).isEmpty();
	}

	@Test
	void introspectWhenInactiveAndNoInactiveTtlThenVerdictIsNotCached() {
		this.idp.answerInactive();
		CachingOpaqueTokenIntrospector cache = builder().build();
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect(TOKEN));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect(TOKEN));
		assertThat(this.idp.calls()).isEqualTo(2);
		assertThat(cache.cache().keys()).isEmpty();
	}

	@Test
	void introspectWhenInactiveTtlThenVerdictIsCachedThatLongAndRethrownFresh() {
		this.idp.answerInactive();
		CachingOpaqueTokenIntrospector cache = builder().inactiveTtl(Duration.ofSeconds(5)).build();
		BadOpaqueTokenException first = catchBadToken(cache);
		this.time.advance(Duration.ofMillis(4999));
		BadOpaqueTokenException second = catchBadToken(cache);
		assertThat(this.idp.calls()).isEqualTo(1);
		assertThat(second).isNotSameAs(first);
		assertThat(second.getMessage()).isEqualTo("Provided token isn't active").doesNotContain(TOKEN);
		this.time.advance(Duration.ofMillis(1));
		catchBadToken(cache);
		assertThat(this.idp.calls()).isEqualTo(2);
	}

	@Test
	void introspectWhenMoreTokensThanMaxSizeThenSomeAreEvicted() {
		CachingOpaqueTokenIntrospector cache = builder().maxSize(2).build();
		for (int i = 0; i < 3; i++) {
			cache.introspect(TOKEN + i);
		}
		cache.cache().cleanUp();
		assertThat(cache.cache().estimatedSize()).isEqualTo(2);
		for (int i = 0; i < 3; i++) {
			cache.introspect(TOKEN + i);
		}
		assertThat(this.idp.calls()).isGreaterThan(3);
	}

	@Test
	void keysNeverContainTheToken() {
		CachingOpaqueTokenIntrospector cache = builder().inactiveTtl(Duration.ofSeconds(5)).build();
		cache.introspect(TOKEN);
		this.idp.answerInactive();
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect(TOKEN + "2"));
		assertThat(cache.cache().keys()).hasSize(2).allSatisfy((key) -> {
			assertThat(key.toString()).doesNotContain(TOKEN);
			assertThat(key.tokenHash()).hasSize(32);
			assertThat(new String(key.tokenHash(), StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
		});
	}

	@Test
	void keysOfTheSameTokenAtDifferentEndpointsDiffer() {
		assertThat(CacheKey.of("https://a.example", TOKEN)).isEqualTo(CacheKey.of("https://a.example", TOKEN))
			.hasSameHashCodeAs(CacheKey.of("https://a.example", TOKEN))
			.isNotEqualTo(CacheKey.of("https://b.example", TOKEN))
			.isNotEqualTo(CacheKey.of("https://a.example", TOKEN + "x"));
	}

	@Test
	void builderWhenNegativeDurationThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().ttl(Duration.ofSeconds(-1)))
			.withMessage("ttl cannot be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().inactiveTtl(Duration.ofSeconds(-1)))
			.withMessage("inactiveTtl cannot be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().staleIfError(Duration.ofSeconds(-1)))
			.withMessage("staleIfError cannot be negative");
	}

	@Test
	void introspectWhenTtlIsHugeThenNothingOverflows() {
		this.idp.answerActive(this.time.now().plus(Duration.ofDays(365 * 1000)));
		CachingOpaqueTokenIntrospector cache = builder().ttl(Duration.ofDays(365 * 1000))
			.staleIfError(Duration.ofDays(365 * 1000))
			.build();
		cache.introspect(TOKEN);
		this.time.advance(Duration.ofDays(3650));
		cache.introspect(TOKEN);
		assertThat(this.idp.calls()).isEqualTo(1);
	}

	private BadOpaqueTokenException catchBadToken(CachingOpaqueTokenIntrospector cache) {
		try {
			cache.introspect(TOKEN);
		}
		catch (BadOpaqueTokenException ex) {
			return ex;
		}
		throw new AssertionError("expected BadOpaqueTokenException");
	}

}
