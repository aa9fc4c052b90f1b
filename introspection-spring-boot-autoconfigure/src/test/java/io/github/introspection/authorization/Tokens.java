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

package io.github.introspection.authorization;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;

/**
 * Authentications as the introspection client produces them, for tests.
 */
final class Tokens {

	private Tokens() {
	}

	static BearerTokenAuthentication authentication(Map<String, Object> claims) {
		OAuth2IntrospectionAuthenticatedPrincipal principal = new OAuth2IntrospectionAuthenticatedPrincipal("alice",
				claims, List.of());
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque", Instant.now(),
				Instant.now().plusSeconds(60));
		return new BearerTokenAuthentication(principal, token, AuthorityUtils.NO_AUTHORITIES);
	}

	static void signIn(Map<String, Object> claims) {
		SecurityContextHolder.getContext().setAuthentication(authentication(claims));
	}

	static Map<String, Object> keycloakClaims() {
		return Map.of("sub", "alice", "group", "dev", "scope", "orders:read profile", "email_verified", true,
				"realm_access", Map.of("roles", List.of("orders-reader", "user")), "age", 42);
	}

}
