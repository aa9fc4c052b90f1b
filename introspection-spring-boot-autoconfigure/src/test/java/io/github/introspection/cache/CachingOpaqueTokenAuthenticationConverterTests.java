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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.Transient;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachingOpaqueTokenAuthenticationConverter}.
 */
class CachingOpaqueTokenAuthenticationConverterTests {

	private static final String TOKEN = "s3cr3t-T0ken.value_~+/";

	private final FakeTime time = new FakeTime();

	private final Map<String, Object> claims = new LinkedHashMap<>(
			Map.of("sub", "alice", "iat", this.time.now().minusSeconds(5), "exp", this.time.now().plusSeconds(300)));

	private final OpaqueTokenIntrospector idp = (token) -> new OAuth2IntrospectionAuthenticatedPrincipal("alice",
			this.claims, List.of(new SimpleGrantedAuthority("SCOPE_read")));

	private final CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(this.idp)
		.ttl(Duration.ofSeconds(60))
		.ticker(this.time.ticker())
		.clock(this.time.clock())
		.executor(Runnable::run)
		.build();

	private final CachingOpaqueTokenAuthenticationConverter converter = new CachingOpaqueTokenAuthenticationConverter(
			this.cache.getCache());

	@Test
	void convertWhenSameCachedPrincipalThenSameAuthentication() {
		Authentication first = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		Authentication second = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		assertThat(second).isSameAs(first);
		assertThat(first.getDetails()).isSameAs(CachingOpaqueTokenAuthenticationConverter.SHARED_DETAILS);
	}

	@Test
	void convertWhenDifferentPrincipalThenDifferentAuthentication() {
		Authentication first = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		this.time.advance(Duration.ofSeconds(60));
		OAuth2AuthenticatedPrincipal renewed = this.cache.introspect(TOKEN);
		Authentication second = this.converter.convert(TOKEN, renewed);
		assertThat(second).isNotSameAs(first);
		assertThat(second.getPrincipal()).isSameAs(renewed);
		assertThat(this.converter.convert("other-token", this.cache.introspect("other-token"))).isNotSameAs(second);
	}

	@Test
	void convertThenAuthenticationIsWhatSpringSecurityBuilds() {
		BearerTokenAuthentication authentication = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(authentication.getToken().getTokenValue()).isEqualTo(TOKEN);
		assertThat(authentication.getToken().getIssuedAt()).isEqualTo(this.claims.get("iat"));
		assertThat(authentication.getToken().getExpiresAt()).isEqualTo(this.claims.get("exp"));
		assertThat(authentication.getTokenAttributes()).containsEntry("sub", "alice");
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("SCOPE_read", FactorGrantedAuthority.BEARER_AUTHORITY);
	}

	@Test
	void convertWhenCachedThenClaimsAreSharedNotCopied() {
		OAuth2AuthenticatedPrincipal principal = this.cache.introspect(TOKEN);
		BearerTokenAuthentication authentication = this.converter.convert(TOKEN, principal);
		assertThat(authentication.getTokenAttributes()).isSameAs(principal.getAttributes());
		assertThat(authentication.getPrincipal()).isSameAs(principal);
		assertThat(authentication.getCredentials()).isSameAs(authentication.getToken());
	}

	@Test
	void convertWhenCachedThenAuthenticationBehavesAsSpringSecuritys() throws Exception {
		OAuth2AuthenticatedPrincipal principal = this.cache.introspect(TOKEN);
		BearerTokenAuthentication shared = this.converter.convert(TOKEN, principal);
		BearerTokenAuthentication spring = new BearerTokenAuthentication(principal, shared.getToken(),
				shared.getAuthorities());
		spring.setDetails(shared.getDetails());
		assertThat(shared).isInstanceOf(BearerTokenAuthentication.class);
		// never saved in an HTTP session, like Spring's class
		assertThat(AnnotatedElementUtils.hasAnnotation(shared.getClass(), Transient.class)).isTrue();
		assertThat(shared).isEqualTo(spring).hasSameHashCodeAs(spring);
		assertThat(spring).isEqualTo(shared);
		assertThat(shared.getTokenAttributes()).isEqualTo(spring.getTokenAttributes());
		Authentication rebuilt = shared.toBuilder().build();
		assertThat(rebuilt).isInstanceOf(BearerTokenAuthentication.class);
		assertThat(rebuilt.getPrincipal()).isSameAs(principal);
		assertThat(((BearerTokenAuthentication) rebuilt).getTokenAttributes()).isEqualTo(principal.getAttributes());
		assertThat(rebuilt.getName()).isEqualTo("alice");
		BearerTokenAuthentication copy = (BearerTokenAuthentication) deserialize(serialize(shared));
		assertThat(copy.getTokenAttributes()).isEqualTo(principal.getAttributes());
		assertThat(copy.getName()).isEqualTo("alice");
	}

	@Test
	void convertWhenIatIsNotBeforeExpThenIatIsLeftOut() {
		this.claims.put("iat", this.claims.get("exp"));
		BearerTokenAuthentication authentication = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		assertThat(authentication.getToken().getIssuedAt()).isNull();
		assertThat(authentication.getToken().getExpiresAt()).isEqualTo(this.claims.get("exp"));
	}

	@Test
	void convertWhenTimesAreNotInstantsThenTheyAreLeftOut() {
		this.claims.put("iat", "yesterday");
		this.claims.put("exp", 1.0e300);
		BearerTokenAuthentication authentication = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		assertThat(authentication.getToken().getIssuedAt()).isNull();
		assertThat(authentication.getToken().getExpiresAt()).isNull();
	}

	@Test
	void convertWhenAnswerIsNotCachedThenNewAuthenticationEachTime() {
		this.claims.put("exp", this.time.now());
		Authentication first = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		Authentication second = this.converter.convert(TOKEN, this.cache.introspect(TOKEN));
		assertThat(second).isNotSameAs(first);
		assertThat(first.getDetails()).isNull();
	}

	@Test
	void convertWhenNoCacheThenNewAuthenticationEachTime() {
		CachingOpaqueTokenAuthenticationConverter plain = new CachingOpaqueTokenAuthenticationConverter();
		OAuth2AuthenticatedPrincipal principal = this.idp.introspect(TOKEN);
		Authentication first = plain.convert(TOKEN, principal);
		assertThat(plain.convert(TOKEN, principal)).isNotSameAs(first);
		assertThat(first.getDetails()).isNull();
	}

	@Test
	void convertWhenAnotherTokenHasTheSamePrincipalThenItsOwnTokenIsUsed() {
		OAuth2AuthenticatedPrincipal shared = this.idp.introspect(TOKEN);
		CachingOpaqueTokenIntrospector sameInstance = CachingOpaqueTokenIntrospector.builder((token) -> shared)
			.executor(Runnable::run)
			.build();
		CachingOpaqueTokenAuthenticationConverter converter = new CachingOpaqueTokenAuthenticationConverter(
				sameInstance.getCache());
		BearerTokenAuthentication first = converter.convert(TOKEN, sameInstance.introspect(TOKEN));
		BearerTokenAuthentication second = converter.convert("other-token", sameInstance.introspect("other-token"));
		assertThat(first.getToken().getTokenValue()).isEqualTo(TOKEN);
		assertThat(second.getToken().getTokenValue()).isEqualTo("other-token");
	}

	@Test
	void authenticateWhenSharedAuthenticationThenNoRequestDetailsArePinnedOnIt() {
		OpaqueTokenAuthenticationProvider provider = new OpaqueTokenAuthenticationProvider(this.cache);
		provider.setAuthenticationConverter(this.converter);
		Authentication first = provider.authenticate(request("10.0.0.1"));
		Authentication second = provider.authenticate(request("10.0.0.2"));
		assertThat(second).isSameAs(first);
		assertThat(second.getDetails()).isSameAs(CachingOpaqueTokenAuthenticationConverter.SHARED_DETAILS);
	}

	@Test
	void convertWhenAnswerLeavesTheCacheThenItsAuthenticationIsNotRetained() {
		WeakReference<Authentication> authentication = convertOnce();
		System.gc();
		assertThat(authentication.get()).as("kept while the answer is cached").isNotNull();
		this.time.advance(Duration.ofSeconds(60));
		this.cache.cache().cleanUp();
		for (int i = 0; i < 50 && authentication.get() != null; i++) {
			System.gc();
		}
		assertThat(authentication.get()).as("released with the answer").isNull();
	}

	private WeakReference<Authentication> convertOnce() {
		return new WeakReference<>(this.converter.convert(TOKEN, this.cache.introspect(TOKEN)));
	}

	private static byte[] serialize(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return in.readObject();
		}
	}

	private static BearerTokenAuthenticationToken request(String details) {
		BearerTokenAuthenticationToken request = new BearerTokenAuthenticationToken(TOKEN);
		request.setDetails(details);
		return request;
	}

}
