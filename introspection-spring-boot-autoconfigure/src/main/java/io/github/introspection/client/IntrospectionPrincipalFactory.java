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

package io.github.introspection.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.util.Assert;

/**
 * Builds the {@link OAuth2AuthenticatedPrincipal} of an active token from its claims: all
 * claims as attributes, the name from the username claim (falling back to {@code sub},
 * then {@code client_id}), and authorities from the configured claim mappings.
 */
public final class IntrospectionPrincipalFactory {

	private final String usernameClaim;

	private final List<ClaimAuthorityMapping> authorityMappings;

	// Tokens of one user or client carry the same authorities: cached principals share
	// one list.
	private final SharedValues sharedAuthorities = new SharedValues();

	/**
	 * Creates a factory.
	 * @param usernameClaim the claim used as the principal's name
	 * @param authorityMappings the claims mapped to authorities
	 */
	public IntrospectionPrincipalFactory(String usernameClaim, List<ClaimAuthorityMapping> authorityMappings) {
		Assert.hasText(usernameClaim, "usernameClaim cannot be empty");
		Assert.notNull(authorityMappings, "authorityMappings cannot be null");
		this.usernameClaim = usernameClaim;
		this.authorityMappings = List.copyOf(authorityMappings);
	}

	/**
	 * A factory with Spring Security's defaults: name from {@code sub}, {@code scope}
	 * mapped to {@code SCOPE_} authorities.
	 * @return the factory
	 */
	public static IntrospectionPrincipalFactory withDefaults() {
		return new IntrospectionPrincipalFactory(OAuth2TokenIntrospectionClaimNames.SUB,
				List.of(ClaimAuthorityMapping.of(OAuth2TokenIntrospectionClaimNames.SCOPE, "SCOPE_", null)));
	}

	/**
	 * Builds the principal.
	 * @param claims the converted claims of an active token
	 * @return the principal
	 */
	public OAuth2AuthenticatedPrincipal create(Map<String, Object> claims) {
		LinkedHashSet<GrantedAuthority> authorities = new LinkedHashSet<>();
		for (ClaimAuthorityMapping mapping : this.authorityMappings) {
			mapping.addAuthorities(claims, authorities);
		}
		return new OAuth2IntrospectionAuthenticatedPrincipal(name(claims), claims,
				this.sharedAuthorities.share(List.copyOf(authorities)));
	}

	private String name(Map<String, Object> claims) {
		for (String claim : new String[] { this.usernameClaim, OAuth2TokenIntrospectionClaimNames.SUB,
				OAuth2TokenIntrospectionClaimNames.CLIENT_ID }) {
			if (claims.get(claim) instanceof String name && !name.isEmpty()) {
				return name;
			}
		}
		return "";
	}

}
