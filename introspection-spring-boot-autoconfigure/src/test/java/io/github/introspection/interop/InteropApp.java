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
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web application protected by the starter on a random port, with one
 * endpoint, {@code GET /api/me}, that answers what the application sees of the caller:
 * name, authorities and e-mail claim. Header, {@code access_token} query parameter and
 * {@code access_token} cookie are token sources; Keycloak's {@code preferred_username} is
 * the name, its realm roles are {@code ROLE_} authorities; the cache is off, so that
 * every request asks Keycloak.
 */
final class InteropApp implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private InteropApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the application.
	 * @param properties {@code key=value} pairs, such as the introspection endpoint and
	 * client authentication
	 * @return the running application
	 */
	static InteropApp start(String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("introspection.token-source.query", "access_token");
		defaults.put("introspection.token-source.cookie", "access_token");
		defaults.put("introspection.username-claim", "preferred_username");
		defaults.put("introspection.authorities[0].claim", "scope");
		defaults.put("introspection.authorities[0].prefix", "SCOPE_");
		defaults.put("introspection.authorities[1].claim", "realm_access.roles");
		defaults.put("introspection.authorities[1].prefix", "ROLE_");
		defaults.put("introspection.cache.enabled", "false");
		String[] args = Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
		return new InteropApp(new SpringApplicationBuilder(App.class).properties(defaults).run(args));
	}

	/**
	 * The properties that point the application at Keycloak's introspection endpoint with
	 * the realm's {@code interop-api} client and a client secret.
	 * @param keycloak the server
	 * @param method {@code client-secret-basic} or {@code client-secret-post}
	 * @param secret the secret to send
	 * @return {@code key=value} pairs for {@link #start(String...)}
	 */
	static String[] clientSecret(Keycloak keycloak, String method, String secret) {
		return new String[] { "introspection.client-config.url=" + keycloak.introspectionEndpoint(),
				"introspection.client-config.auth.method=" + method,
				"introspection.client-config.auth.client-id=" + InteropRealm.API_CLIENT,
				"introspection.client-config.auth.client-secret=" + secret };
	}

	/**
	 * Calls {@code GET /api/me} with the token in the {@code Authorization} header.
	 * @param token the access token
	 * @return the answer
	 */
	Answer me(String token) {
		return get("/api/me", "Authorization", "Bearer " + token);
	}

	/**
	 * Calls the application.
	 * @param pathAndQuery such as {@code /api/me?access_token=...}
	 * @param headers header names and values, alternately
	 * @return the answer
	 */
	Answer get(String pathAndQuery, String... headers) {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * An answer of the application.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body
	 */
	record Answer(int status, HttpHeaders headers, String body) {

		/**
		 * The body as JSON.
		 * @return the parsed body
		 */
		JsonNode json() {
			return JSON.readTree(this.body);
		}

		/**
		 * The first value of a header, or an empty string.
		 * @param name the header name
		 * @return the value
		 */
		String header(String name) {
			return this.headers.firstValue(name).orElse("");
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@RestController
	static class App {

		@GetMapping("/api/me")
		Map<String, Object> me(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
			Map<String, Object> me = new LinkedHashMap<>();
			me.put("name", principal.getName());
			me.put("authorities",
					principal.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
			me.put("email", String.valueOf(principal.getAttributes().get("email")));
			return me;
		}

	}

}
