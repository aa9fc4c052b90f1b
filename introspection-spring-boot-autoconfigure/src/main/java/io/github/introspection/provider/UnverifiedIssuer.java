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

import java.text.ParseException;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code iss} claim of a JWT-shaped token without verifying it: it only chooses
 * which identity provider is asked, and that provider's answer decides.
 */
final class UnverifiedIssuer {

	private UnverifiedIssuer() {
	}

	/**
	 * The token's issuer, when it is a JWS or unsecured JWT (three dot-separated parts)
	 * whose claims name one.
	 * @param token the token
	 * @return its unverified issuer, or {@code null}
	 */
	static @Nullable String of(String token) {
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0 || token.indexOf('.', second + 1) >= 0) {
			return null;
		}
		try {
			JWT jwt = JWTParser.parse(token);
			return jwt.getJWTClaimsSet().getIssuer();
		}
		catch (ParseException | RuntimeException ex) {
			// not a JWT: an opaque token with dots
			return null;
		}
	}

}
