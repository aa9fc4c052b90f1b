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

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.util.Assert;

/**
 * An {@link OpaqueTokenAuthenticationConverter} that hands back one ready
 * {@link BearerTokenAuthentication} per answer cached in an {@link IntrospectionCache},
 * instead of building one on every request.
 * <p>
 * The authentication is what Spring Security's default converter builds: the principal,
 * the token with its {@code iat} and {@code exp} (an {@code iat} not before {@code exp}
 * is dropped), and the principal's authorities plus {@code FACTOR_BEARER}; for a cached
 * answer it shares the principal's claims instead of copying them
 * ({@link SharedClaimsBearerTokenAuthentication}). It is built once, on the first request
 * that uses the cached answer, and kept exactly as long as the answer. Because that
 * instance is shared by concurrent requests, its details are fixed to a
 * {@link WebAuthenticationDetails} without address or session, so that
 * {@link OpaqueTokenAuthenticationProvider} does not pin the first request's details on
 * it; treat it as immutable. A principal that is not cached (another introspector, or an
 * answer the cache did not keep) gets a new authentication whose details are left to the
 * provider.
 */
public final class CachingOpaqueTokenAuthenticationConverter implements OpaqueTokenAuthenticationConverter {

	static final WebAuthenticationDetails SHARED_DETAILS = new WebAuthenticationDetails(null, null);

	private final @Nullable IntrospectionCache cache;

	/**
	 * Creates a converter for the principals of a cache.
	 * @param cache the cache whose principals get shared authentications
	 */
	public CachingOpaqueTokenAuthenticationConverter(IntrospectionCache cache) {
		Assert.notNull(cache, "cache cannot be null");
		this.cache = cache;
	}

	/**
	 * Creates a converter without a cache: every conversion builds a new authentication.
	 */
	public CachingOpaqueTokenAuthenticationConverter() {
		this.cache = null;
	}

	@Override
	public BearerTokenAuthentication convert(String introspectedToken, OAuth2AuthenticatedPrincipal principal) {
		CacheEntry entry = (this.cache != null) ? this.cache.entryOf(principal) : null;
		if (entry == null) {
			return create(introspectedToken, principal);
		}
		BearerTokenAuthentication authentication = entry.authentication();
		// The token check only matters for a delegate that returns one principal instance
		// for different tokens.
		if (authentication == null || !authentication.getToken().getTokenValue().equals(introspectedToken)) {
			authentication = new SharedClaimsBearerTokenAuthentication(principal,
					accessToken(introspectedToken, principal), authorities(principal));
			authentication.setDetails(SHARED_DETAILS);
			entry.authentication(authentication);
		}
		return authentication;
	}

	private static BearerTokenAuthentication create(String token, OAuth2AuthenticatedPrincipal principal) {
		return new BearerTokenAuthentication(principal, accessToken(token, principal), authorities(principal));
	}

	private static OAuth2AccessToken accessToken(String token, OAuth2AuthenticatedPrincipal principal) {
		Instant issuedAt = instant(principal, OAuth2TokenIntrospectionClaimNames.IAT);
		Instant expiresAt = instant(principal, OAuth2TokenIntrospectionClaimNames.EXP);
		if (issuedAt != null && expiresAt != null && !expiresAt.isAfter(issuedAt)) {
			// OAuth2AccessToken requires expiresAt after issuedAt; exp is the one that
			// matters.
			issuedAt = null;
		}
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, issuedAt, expiresAt);
	}

	private static Set<GrantedAuthority> authorities(OAuth2AuthenticatedPrincipal principal) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>(principal.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
		return authorities;
	}

	private static @Nullable Instant instant(OAuth2AuthenticatedPrincipal principal, String claim) {
		return (principal.getAttributes().get(claim) instanceof Instant instant) ? instant : null;
	}

}
