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
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque",
				Instant.now(), Instant.now().plusSeconds(60));
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
