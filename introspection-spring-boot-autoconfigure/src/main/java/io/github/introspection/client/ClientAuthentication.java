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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * How the introspection client authenticates itself to the identity provider: fixed
 * credentials (HTTP Basic, form parameters, a bearer token, a client id for mutual TLS),
 * or credentials computed for each call by a {@link PerCall} subclass (a signed
 * assertion, an access token fetched from the token endpoint).
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
		return new Fixed("ClientSecretBasic", new Credentials(
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)), Map.of()));
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
		return new Fixed("ClientSecretPost",
				Credentials.form(orderedMap("client_id", clientId, "client_secret", clientSecret)));
	}

	/**
	 * Mutual TLS client authentication (RFC 8705 §2): the client certificate of the TLS
	 * connection authenticates the client; the form only names it in {@code client_id}.
	 * @param clientId the client identifier
	 * @return the authentication
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8705#section-2">RFC 8705 §2</a>
	 */
	public static ClientAuthentication tlsClientAuth(String clientId) {
		Assert.hasText(clientId, "clientId cannot be empty");
		return new Fixed("TlsClientAuth", Credentials.form(Map.of("client_id", clientId)));
	}

	/**
	 * A fixed bearer token in the {@code Authorization} header.
	 * @param token the token
	 * @return the authentication
	 */
	public static ClientAuthentication bearer(String token) {
		Assert.hasText(token, "token cannot be empty");
		return new Fixed("Bearer", new Credentials("Bearer " + token, Map.of()));
	}

	/**
	 * No client authentication.
	 * @return the authentication
	 */
	public static ClientAuthentication none() {
		return Fixed.NONE;
	}

	/**
	 * The credentials of the next call.
	 * @return the credentials
	 */
	public abstract Credentials credentials();

	/**
	 * Told that the identity provider answered 401 to a call made with these credentials;
	 * by default nothing changes.
	 * @param rejected the credentials the call carried
	 * @return whether the next credentials differ and may be accepted, so that the call
	 * is made once more at once
	 */
	public boolean rejected(Credentials rejected) {
		return false;
	}

	static String formEncode(@Nullable String value) {
		return (value != null) ? URLEncoder.encode(value, StandardCharsets.UTF_8) : "";
	}

	private static Map<String, String> orderedMap(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName();
	}

	/**
	 * What one call sends to authenticate: an {@code Authorization} header value, form
	 * parameters, or both. Its {@code toString()} never shows a credential.
	 */
	public static final class Credentials {

		private final @Nullable String authorization;

		private final Map<String, String> formParameters;

		private final String encodedForm;

		/**
		 * Creates credentials.
		 * @param authorization the {@code Authorization} header value, or {@code null}
		 * @param formParameters the form parameters, in order
		 */
		public Credentials(@Nullable String authorization, Map<String, String> formParameters) {
			Assert.notNull(formParameters, "formParameters cannot be null");
			this.authorization = authorization;
			this.formParameters = Collections.unmodifiableMap(new LinkedHashMap<>(formParameters));
			StringBuilder form = new StringBuilder();
			formParameters.forEach(
					(name, value) -> form.append('&').append(formEncode(name)).append('=').append(formEncode(value)));
			this.encodedForm = form.toString();
		}

		/**
		 * Credentials sent as form parameters only.
		 * @param formParameters the form parameters, in order
		 * @return the credentials
		 */
		public static Credentials form(Map<String, String> formParameters) {
			return new Credentials(null, formParameters);
		}

		/**
		 * Credentials sent as an {@code Authorization} header only.
		 * @param authorization the header value, such as {@code Bearer ...}
		 * @return the credentials
		 */
		public static Credentials header(String authorization) {
			Assert.hasText(authorization, "authorization cannot be empty");
			return new Credentials(authorization, Map.of());
		}

		/**
		 * The {@code Authorization} header value.
		 * @return the value, or {@code null} for none
		 */
		public @Nullable String authorization() {
			return this.authorization;
		}

		/**
		 * The form parameters.
		 * @return the parameters, in order
		 */
		public Map<String, String> formParameters() {
			return this.formParameters;
		}

		/**
		 * The form parameters, encoded, each starting with {@code &}.
		 * @return the encoded parameters, or an empty string
		 */
		public String encodedForm() {
			return this.encodedForm;
		}

		/**
		 * Sets the {@code Authorization} header, if any.
		 * @param headers the request headers
		 */
		public void applyTo(HttpHeaders headers) {
			if (this.authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
			}
		}

		@Override
		public String toString() {
			return "Credentials [hidden]";
		}

	}

	/**
	 * Credentials computed for each call, such as a signed client assertion or an access
	 * token fetched from the token endpoint. A subclass may throw an
	 * {@link IntrospectionUnavailableException} when it cannot make them (the token
	 * endpoint is down): the request is answered 503.
	 */
	public abstract static non-sealed class PerCall extends ClientAuthentication {

		/**
		 * Creates an authentication computed per call.
		 */
		protected PerCall() {
		}

	}

	private static final class Fixed extends ClientAuthentication {

		static final Fixed NONE = new Fixed("None", new Credentials(null, Map.of()));

		private final String name;

		private final Credentials credentials;

		Fixed(String name, Credentials credentials) {
			this.name = name;
			this.credentials = credentials;
		}

		@Override
		public Credentials credentials() {
			return this.credentials;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
