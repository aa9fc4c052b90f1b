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

package io.github.introspection.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class IntrospectionClaimsValidatorTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private static final Duration SKEW = Duration.ofSeconds(30);

	private final IntrospectionClaimsValidator lenient = validator(List.of(), List.of(), List.of());

	@Test
	void validateWhenTimesAreCurrentThenPasses() {
		assertThatNoException().isThrownBy(() -> this.lenient.validate(principal(
				Map.of("exp", NOW.plusSeconds(60), "nbf", NOW.minusSeconds(60), "iat", NOW.minusSeconds(60)))));
	}

	@Test
	void validateWhenExpiredBeyondTheSkewThenInvalidToken() {
		assertInvalidToken(this.lenient, Map.of("exp", NOW.minusSeconds(31)), "expired");
	}

	@Test
	void validateWhenExpiredWithinTheSkewThenPasses() {
		assertThatNoException().isThrownBy(() -> this.lenient.validate(principal(Map.of("exp", NOW.minusSeconds(29)))));
	}

	@Test
	void validateWhenNotBeforeIsInTheFutureThenInvalidToken() {
		assertInvalidToken(this.lenient, Map.of("nbf", NOW.plusSeconds(31)), "not valid yet");
	}

	@Test
	void validateWhenIssuedInTheFutureThenInvalidToken() {
		assertInvalidToken(this.lenient, Map.of("iat", NOW.plusSeconds(31)), "issued in the future");
	}

	@Test
	void validateWhenIssuerIsAcceptedThenPasses() {
		IntrospectionClaimsValidator validator = validator(List.of("https://idp.example.com"), List.of(), List.of());
		assertThatNoException()
			.isThrownBy(() -> validator.validate(principal(Map.of("iss", "https://idp.example.com"))));
	}

	@Test
	void validateWhenIssuerIsOtherOrMissingThenInvalidToken() {
		IntrospectionClaimsValidator validator = validator(List.of("https://idp.example.com"), List.of(), List.of());
		assertInvalidToken(validator, Map.of("iss", "https://evil.example.com"), "issuer");
		assertInvalidToken(validator, Map.of("sub", "alice"), "issuer");
	}

	@Test
	void validateWhenAudienceStringOrArrayContainsAnAcceptedOneThenPasses() {
		IntrospectionClaimsValidator validator = validator(List.of(), List.of("orders-api", "billing-api"), List.of());
		assertThatNoException().isThrownBy(() -> validator.validate(principal(Map.of("aud", "orders-api"))));
		assertThatNoException()
			.isThrownBy(() -> validator.validate(principal(Map.of("aud", List.of("other", "billing-api")))));
	}

	@Test
	void validateWhenAudienceIsOtherOrMissingThenInvalidToken() {
		IntrospectionClaimsValidator validator = validator(List.of(), List.of("orders-api"), List.of());
		assertInvalidToken(validator, Map.of("aud", List.of("other")), "audience");
		assertInvalidToken(validator, Map.of("aud", "other"), "audience");
		assertInvalidToken(validator, Map.of("sub", "alice"), "audience");
	}

	@Test
	void validateWhenEveryRequiredScopeIsGrantedThenPasses() {
		IntrospectionClaimsValidator validator = validator(List.of(), List.of(),
				List.of("orders:read", "orders:write"));
		assertThatNoException().isThrownBy(
				() -> validator.validate(principal(Map.of("scope", "profile orders:write  orders:read orders:read"))));
	}

	@Test
	void validateWhenARequiredScopeIsMissingThenInsufficientScopeNamingTheScopes() {
		IntrospectionClaimsValidator validator = validator(List.of(), List.of(),
				List.of("orders:read", "orders:write"));
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> validator.validate(principal(Map.of("scope", "orders:read"))))
			.satisfies((ex) -> {
				BearerTokenError error = (BearerTokenError) ex.getError();
				assertThat(error.getErrorCode()).isEqualTo("insufficient_scope");
				assertThat(error.getHttpStatus()).isEqualTo(HttpStatus.FORBIDDEN);
				assertThat(error.getScope()).isEqualTo("orders:read orders:write");
			});
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> validator.validate(principal(Map.of("sub", "alice"))));
	}

	private static IntrospectionClaimsValidator validator(List<String> issuers, List<String> audiences,
			List<String> scopes) {
		return new IntrospectionClaimsValidator(issuers, audiences, scopes, SKEW, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static void assertInvalidToken(IntrospectionClaimsValidator validator, Map<String, Object> claims,
			String description) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> validator.validate(principal(claims)))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token");
				assertThat(ex.getError().getDescription()).contains(description);
			});
	}

	private static OAuth2AuthenticatedPrincipal principal(Map<String, Object> claims) {
		Map<String, Object> attributes = new LinkedHashMap<>(claims);
		attributes.putIfAbsent("sub", "alice");
		return new OAuth2IntrospectionAuthenticatedPrincipal("alice", attributes, List.of());
	}

}
