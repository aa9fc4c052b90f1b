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

package io.github.introspection.sample;

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

import io.github.introspection.sample.demoidp.DemoIdp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for the end-to-end tests: gets tokens from the demo IdP and calls
 * the app over HTTP.
 */
final class E2eHttp {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private E2eHttp() {
	}

	/** An access token by {@code client_credentials} (client_secret_basic). */
	static String token(DemoIdp idp, String clientId, String secret, String scope) {
		return token(idp.tokenUri(), clientId, secret, scope);
	}

	/** An access token by {@code client_credentials} from the given token endpoint. */
	static String token(String tokenUri, String clientId, String secret, String scope) {
		String form = "grant_type=client_credentials" + (scope.isEmpty() ? "" : "&scope=" + encode(scope));
		HttpResponse<String> response = post(tokenUri, clientId, secret, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("access_token").asString();
	}

	static String demoClientToken(DemoIdp idp) {
		return token(idp, "demo-client", "demo-secret", "orders:read orders:write");
	}

	static String adminClientToken(DemoIdp idp) {
		return token(idp, "admin-client", "admin-secret", "orders:read");
	}

	static String opsClientToken(DemoIdp idp) {
		return token(idp, "ops-client", "ops-secret", "orders:read");
	}

	/** The app's own client: a token with no scope, no {@code group} and no roles. */
	static String sampleAppToken(DemoIdp idp) {
		return token(idp, "sample-app", "sample-secret", "");
	}

	/** Revokes a token at the IdP (RFC 7009), as the client it was issued to. */
	static void revoke(DemoIdp idp, String clientId, String secret, String token) {
		HttpResponse<String> response = post(idp.revocationUri(), clientId, secret,
				"token=" + encode(token) + "&token_type_hint=access_token");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	/** GET with optional header pairs ({@code name, value, name, value, …}). */
	static HttpResponse<String> get(String uri, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	/** POST of a JSON body, with optional header pairs ({@code name, value, …}). */
	static HttpResponse<String> postJson(String uri, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> post(String uri, String clientId, String secret, String form) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
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
