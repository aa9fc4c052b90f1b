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

package io.github.introspection.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients and the user of {@code keycloak/interop-realm.json}, and the calls a test
 * makes to Keycloak itself: a token for the user (password grant), a revocation.
 */
final class InteropRealm {

	/** The application's own client, for the introspection endpoint. */
	static final String API_CLIENT = "interop-api";

	static final String API_SECRET = "interop-api-secret";

	/** Issues the user's tokens (password grant); its secret is its id + "-secret". */
	static final String USER_CLIENT = "interop-user";

	/** Issues lightweight access tokens (almost no claims in the JWT). */
	static final String LIGHTWEIGHT_CLIENT = "interop-lightweight";

	/** Issues access tokens that live {@value #SHORT_LIFESPAN_SECONDS} seconds. */
	static final String SHORT_LIVED_CLIENT = "interop-short-lived";

	static final int SHORT_LIFESPAN_SECONDS = 3;

	/**
	 * Authenticates with a JWT signed by interop-rsa.key (kid interop-rsa) or
	 * interop-ec.key (kid interop-ec).
	 */
	static final String PRIVATE_KEY_JWT_CLIENT = "interop-private-key-jwt";

	/** Authenticates with a JWT signed with its secret (HS256). */
	static final String CLIENT_SECRET_JWT_CLIENT = "interop-client-secret-jwt";

	static final String CLIENT_SECRET_JWT_SECRET = "interop-client-secret-jwt-0123456789abcdefghijklmnop";

	static final String USER = "alice";

	static final String USER_ROLE = "orders-reader";

	private static final String PASSWORD = "alice-password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private InteropRealm() {
	}

	/**
	 * Signs the user in with the password grant through one of the realm's user clients.
	 * @param keycloak the server
	 * @param clientId {@link #USER_CLIENT}, {@link #LIGHTWEIGHT_CLIENT} or
	 * {@link #SHORT_LIVED_CLIENT}
	 * @return the access token
	 */
	static String accessToken(Keycloak keycloak, String clientId) {
		JsonNode answer = post(keycloak.openIdConnect("token"), clientId,
				Map.of("grant_type", "password", "username", USER, "password", PASSWORD));
		return answer.get("access_token").asString();
	}

	/**
	 * Revokes an access token at Keycloak's RFC 7009 revocation endpoint.
	 * @param keycloak the server
	 * @param clientId the client the token was issued to
	 * @param token the access token
	 */
	static void revoke(Keycloak keycloak, String clientId, String token) {
		post(keycloak.openIdConnect("revoke"), clientId, Map.of("token", token, "token_type_hint", "access_token"));
	}

	/**
	 * The claims in a JWT access token's payload, read without checking its signature.
	 * @param token the access token
	 * @return the payload
	 */
	static JsonNode payload(String token) {
		String[] parts = token.split("\\.");
		return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
	}

	private static JsonNode post(String endpoint, String clientId, Map<String, String> parameters) {
		Map<String, String> form = new LinkedHashMap<>(parameters);
		form.put("client_id", clientId);
		form.put("client_secret", clientId + "-secret");
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s answered %s", endpoint, response.body()).isEqualTo(200);
			return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
