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

package io.github.introspection.provider;

import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ProviderAuthenticationManagerResolver} chooses a provider: path, then
 * header, then the unverified issuer of a JWT-shaped token, else the default.
 */
class ProviderAuthenticationManagerResolverTests {

	private static final String ISSUER = "https://idp.example.com/realms/b";

	private final AuthenticationManager defaultManager = (authentication) -> authentication;

	private final AuthenticationManager pathManager = (authentication) -> authentication;

	private final AuthenticationManager headerManager = (authentication) -> authentication;

	private final AuthenticationManager issuerManager = (authentication) -> new TestingAuthenticationToken("x", "y");

	private final ProviderAuthenticationManagerResolver resolver = new ProviderAuthenticationManagerResolver(
			IntrospectionProvider.of("default", this.defaultManager),
			List.of(new IntrospectionProvider("a", this.pathManager,
					PathPatternRequestMatcher.withDefaults().matcher("/a/**"), null, null, Set.of()),
					new IntrospectionProvider("b", this.headerManager, null, "X-Realm", "b", Set.of()),
					new IntrospectionProvider("c", this.issuerManager, null, null, null, Set.of(ISSUER))),
			new DefaultBearerTokenResolver());

	@Test
	void resolveWhenPathMatchesThenItsProviderEvenWithAnotherHeaderAndIssuer() {
		MockHttpServletRequest request = request("/a/items", jwt(ISSUER));
		request.addHeader("X-Realm", "b");
		assertThat(this.resolver.resolve(request)).isSameAs(this.pathManager);
	}

	@Test
	void resolveWhenHeaderMatchesThenItsProvider() {
		MockHttpServletRequest request = request("/items", jwt(ISSUER));
		request.addHeader("X-Realm", "b");
		assertThat(this.resolver.resolve(request)).isSameAs(this.headerManager);
	}

	@Test
	void resolveWhenHeaderHasAnotherValueThenTheDefault() {
		MockHttpServletRequest request = request("/items", "opaque");
		request.addHeader("X-Realm", "B");
		assertThat(this.resolver.resolve(request)).isSameAs(this.defaultManager);
	}

	@Test
	void resolveWhenAnUnsecuredOrSignedJwtNamesAnIssuerThenItsProviderCheckingTheAnswer() throws JOSEException {
		assertThat(this.resolver.resolve(request("/items", jwt(ISSUER))))
			.isInstanceOf(IssuerMatchingAuthenticationManager.class);
		SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				new JWTClaimsSet.Builder().issuer(ISSUER).build());
		signed.sign(new MACSigner(new byte[32]));
		assertThat(this.resolver.resolve(request("/items", signed.serialize())))
			.isInstanceOf(IssuerMatchingAuthenticationManager.class);
	}

	@Test
	void resolveWhenTheTokenIsOpaqueOrNamesAnotherIssuerThenTheDefault() {
		assertThat(this.resolver.resolve(request("/items", "opaque-token"))).isSameAs(this.defaultManager);
		assertThat(this.resolver.resolve(request("/items", "a.b.c"))).isSameAs(this.defaultManager);
		assertThat(this.resolver.resolve(request("/items", jwt("https://elsewhere.example.com"))))
			.isSameAs(this.defaultManager);
		assertThat(this.resolver.resolve(request("/items", null))).isSameAs(this.defaultManager);
	}

	@Test
	void unverifiedIssuerReadsOnlyThreePartTokens() {
		assertThat(UnverifiedIssuer.of(jwt(ISSUER))).isEqualTo(ISSUER);
		assertThat(UnverifiedIssuer.of(jwt(ISSUER) + ".x.y")).isNull();
		assertThat(UnverifiedIssuer.of("opaque")).isNull();
		assertThat(UnverifiedIssuer.of("not.a.jwt")).isNull();
		assertThat(UnverifiedIssuer.of("..")).isNull();
	}

	private static MockHttpServletRequest request(String path, String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		if (token != null) {
			request.addHeader("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static String jwt(String issuer) {
		return new PlainJWT(new JWTClaimsSet.Builder().issuer(issuer).build()).serialize();
	}

}
