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

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

import io.github.introspection.claims.ClaimValues;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Reads the claims of an authenticated introspected token.
 */
public final class AuthenticationClaims {

	private AuthenticationClaims() {
	}

	/**
	 * Return the claims of an authentication whose principal is an
	 * {@link OAuth2AuthenticatedPrincipal}.
	 * @param authentication the authentication, possibly {@code null}
	 * @return the claims, or {@code null} when the authentication is absent, not
	 * authenticated or not token-based
	 */
	public static @Nullable Map<String, Object> of(@Nullable Authentication authentication) {
		if (authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal) {
			return principal.getAttributes();
		}
		return null;
	}

	/**
	 * Return whether a claim value is, or holds as an array element, a scalar whose text
	 * form equals the given value.
	 * @param claim the claim value
	 * @param value the expected text
	 * @return whether it matches
	 */
	static boolean holds(@Nullable Object claim, String value) {
		if (claim instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (value.equals(ClaimValues.toScalarText(element))) {
					return true;
				}
			}
			return false;
		}
		if (claim != null && claim.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(claim); i++) {
				if (value.equals(ClaimValues.toScalarText(Array.get(claim, i)))) {
					return true;
				}
			}
			return false;
		}
		return value.equals(ClaimValues.toScalarText(claim));
	}

}
