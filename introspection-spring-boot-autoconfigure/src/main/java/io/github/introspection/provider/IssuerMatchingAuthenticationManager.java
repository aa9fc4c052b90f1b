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

import java.util.Objects;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The manager of a provider chosen by a token's unverified {@code iss}: the provider's
 * answer must name the same issuer, else the token is invalid.
 */
final class IssuerMatchingAuthenticationManager implements AuthenticationManager {

	private final AuthenticationManager delegate;

	private final String issuer;

	IssuerMatchingAuthenticationManager(AuthenticationManager delegate, String issuer) {
		this.delegate = delegate;
		this.issuer = issuer;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Authentication result = this.delegate.authenticate(authentication);
		Object answered = (result != null && result.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal)
				? principal.getAttributes().get(OAuth2TokenIntrospectionClaimNames.ISS) : null;
		if (answered == null || !this.issuer.equals(Objects.toString(answered))) {
			// the issuer values are not part of the message: they came with the token
			throw new InvalidBearerTokenException("The token's issuer is not the identity provider's");
		}
		return result;
	}

}
