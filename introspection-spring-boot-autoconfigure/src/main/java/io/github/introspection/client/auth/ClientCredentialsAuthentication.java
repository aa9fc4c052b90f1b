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

package io.github.introspection.client.auth;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.introspection.client.ClientAuthentication;
import io.github.introspection.client.IntrospectionUnavailableException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Authenticates introspection calls with an access token of the client's own (RFC 6749
 * §4.4, client credentials grant), sent as {@code Authorization: Bearer}. The token is
 * fetched from the token endpoint with the client's credentials (any other
 * {@link ClientAuthentication}), cached until shortly before it expires
 * ({@code expires_in}), and fetched again once when the identity provider answers 401.
 * Concurrent calls that find no usable token make one request to the token endpoint. The
 * token is never logged.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>
 */
public final class ClientCredentialsAuthentication extends ClientAuthentication.PerCall {

	// a token without expires_in is used this long
	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);

	// a token is renewed this long (at most a fifth of its lifetime) before it expires
	private static final Duration RENEWAL_MARGIN = Duration.ofSeconds(30);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private static final int MAX_RESPONSE_BYTES = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient restClient;

	private final Supplier<URI> tokenEndpoint;

	private final ClientAuthentication clientAuthentication;

	private final @Nullable String scope;

	private final Clock clock;

	private final Object lock = new Object();

	private volatile @Nullable AccessToken token;

	/**
	 * Creates the authentication.
	 * @param restClient the client for the token endpoint (timeouts, TLS, no redirects)
	 * @param tokenEndpoint the token endpoint, resolved when a token is needed (it may be
	 * discovered)
	 * @param clientAuthentication how the client authenticates at the token endpoint
	 * @param scope the scope asked for, or {@code null} for the default
	 * @param clock the clock
	 */
	public ClientCredentialsAuthentication(RestClient restClient, Supplier<URI> tokenEndpoint,
			ClientAuthentication clientAuthentication, @Nullable String scope, Clock clock) {
		Assert.notNull(restClient, "restClient cannot be null");
		Assert.notNull(tokenEndpoint, "tokenEndpoint cannot be null");
		Assert.notNull(clientAuthentication, "clientAuthentication cannot be null");
		Assert.isTrue(!(clientAuthentication instanceof ClientCredentialsAuthentication),
				"the token endpoint needs the client's own credentials");
		this.restClient = restClient;
		this.tokenEndpoint = tokenEndpoint;
		this.clientAuthentication = clientAuthentication;
		this.scope = StringUtils.hasText(scope) ? scope : null;
		this.clock = clock;
	}

	@Override
	public Credentials credentials() {
		AccessToken current = this.token;
		if (current != null && current.isUsable(this.clock.instant())) {
			return current.credentials;
		}
		synchronized (this.lock) {
			current = this.token;
			if (current == null || !current.isUsable(this.clock.instant())) {
				current = fetch();
				this.token = current;
			}
			return current.credentials;
		}
	}

	@Override
	public boolean rejected(Credentials rejected) {
		synchronized (this.lock) {
			AccessToken current = this.token;
			if (current != null && current.credentials == rejected) {
				this.token = null;
			}
		}
		return true;
	}

	private AccessToken fetch() {
		URI endpoint = this.tokenEndpoint.get();
		Credentials credentials = this.clientAuthentication.credentials();
		String form = "grant_type=client_credentials" + ((this.scope != null)
				? "&scope=" + java.net.URLEncoder.encode(this.scope, StandardCharsets.UTF_8) : "")
				+ credentials.encodedForm();
		Instant start = this.clock.instant();
		try {
			return this.restClient.post()
				.uri(endpoint)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.headers(credentials::applyTo)
				.body(form.getBytes(StandardCharsets.US_ASCII))
				.exchange((request, response) -> read(response.getStatusCode(), response.getBody(), start), true);
		}
		catch (RestClientException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw unavailable("the token endpoint could not be reached (" + cause.getClass().getSimpleName() + ")");
		}
	}

	private AccessToken read(HttpStatusCode status, InputStream body, Instant start) throws java.io.IOException {
		if (status.is5xxServerError() || status.value() == 429) {
			throw unavailable("the token endpoint answered HTTP " + status.value());
		}
		if (!status.is2xxSuccessful()) {
			throw unavailable("the token endpoint refused this client's credentials (HTTP " + status.value()
					+ "); check introspection.client-config.auth");
		}
		byte[] bytes;
		try (body) {
			bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
		}
		if (bytes.length > MAX_RESPONSE_BYTES) {
			throw unavailable("the token endpoint's answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
		}
		JsonNode answer;
		try {
			answer = JSON.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw unavailable("the token endpoint's answer is not JSON");
		}
		JsonNode accessToken = answer.get("access_token");
		JsonNode tokenType = answer.get("token_type");
		if (accessToken == null || !accessToken.isString() || !StringUtils.hasText(accessToken.stringValue())) {
			throw unavailable("the token endpoint's answer has no access_token");
		}
		if (tokenType != null && !(tokenType.isString() && "bearer".equalsIgnoreCase(tokenType.stringValue()))) {
			throw unavailable("the token endpoint's answer has a token_type other than Bearer");
		}
		JsonNode expiresIn = answer.get("expires_in");
		Duration lifetime = (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.longValue() > 0)
				? Duration.ofSeconds(expiresIn.longValue()) : DEFAULT_LIFETIME;
		Duration margin = lifetime.dividedBy(5).compareTo(RENEWAL_MARGIN) < 0 ? lifetime.dividedBy(5) : RENEWAL_MARGIN;
		return new AccessToken(Credentials.header("Bearer " + accessToken.stringValue()),
				start.plus(lifetime).minus(margin));
	}

	private static IntrospectionUnavailableException unavailable(String reason) {
		return new IntrospectionUnavailableException(reason, RETRY_AFTER, null, true);
	}

	@Override
	public String toString() {
		return "ClientCredentials";
	}

	private record AccessToken(Credentials credentials, Instant renewAt) {

		boolean isUsable(Instant now) {
			return now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "AccessToken [renew at " + this.renewAt + "]";
		}

	}

}
