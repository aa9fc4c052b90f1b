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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * How the introspection client authenticates itself to the identity provider.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.1">RFC 7662 §2.1</a>
 */
public abstract sealed class ClientAuthentication {

	private ClientAuthentication() {
	}

	/**
	 * HTTP Basic with the client id and secret, each form-urlencoded before Base64 as RFC
	 * 6749 §2.3.1 says.
	 * @param clientId the client identifier
	 * @param clientSecret the client secret
	 * @return the authentication
	 */
	public static ClientAuthentication clientSecretBasic(String clientId, String clientSecret) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.notNull(clientSecret, "clientSecret cannot be null");
		String credentials = formEncode(clientId) + ":" + formEncode(clientSecret);
		return new Header("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The client id and secret as {@code client_id} and {@code client_secret} form
	 * parameters.
	 * @param clientId the client identifier
	 * @param clientSecret the client secret
	 * @return the authentication
	 */
	public static ClientAuthentication clientSecretPost(String clientId, String clientSecret) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.notNull(clientSecret, "clientSecret cannot be null");
		return new FormParameters("&client_id=" + formEncode(clientId) + "&client_secret=" + formEncode(clientSecret));
	}

	/**
	 * A fixed bearer token in the {@code Authorization} header.
	 * @param token the token
	 * @return the authentication
	 */
	public static ClientAuthentication bearer(String token) {
		Assert.hasText(token, "token cannot be empty");
		return new Header("Bearer " + token);
	}

	/**
	 * No client authentication.
	 * @return the authentication
	 */
	public static ClientAuthentication none() {
		return None.INSTANCE;
	}

	/**
	 * Adds this authentication's headers.
	 * @param headers the request headers
	 */
	abstract void applyTo(HttpHeaders headers);

	/**
	 * The form parameters this authentication adds, already encoded and each starting
	 * with {@code &}, or an empty string.
	 * @return the encoded parameters
	 */
	abstract String formParameters();

	static String formEncode(@Nullable String value) {
		return (value != null) ? URLEncoder.encode(value, StandardCharsets.UTF_8) : "";
	}

	@Override
	public String toString() {
		return getClass().getSimpleName();
	}

	private static final class Header extends ClientAuthentication {

		private final String authorization;

		Header(String authorization) {
			this.authorization = authorization;
		}

		@Override
		void applyTo(HttpHeaders headers) {
			headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
		}

		@Override
		String formParameters() {
			return "";
		}

	}

	private static final class FormParameters extends ClientAuthentication {

		private final String parameters;

		FormParameters(String parameters) {
			this.parameters = parameters;
		}

		@Override
		void applyTo(HttpHeaders headers) {
		}

		@Override
		String formParameters() {
			return this.parameters;
		}

	}

	private static final class None extends ClientAuthentication {

		static final None INSTANCE = new None();

		@Override
		void applyTo(HttpHeaders headers) {
		}

		@Override
		String formParameters() {
			return "";
		}

	}

}
