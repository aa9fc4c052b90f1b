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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * An {@link OpaqueTokenIntrospector} that calls an RFC 7662 introspection endpoint with
 * Spring's {@link RestClient}.
 * <p>
 * It posts {@code token} (and {@code token_type_hint} when set) as a form written as
 * bytes, so that no HTTP client logger prints it; authenticates as a client; retries
 * transport errors, 5xx and 429 answers with backoff; reads at most a fixed number of
 * bytes of the answer; and tells three outcomes apart: an active token (a principal), an
 * inactive one ({@link BadOpaqueTokenException}) and an identity provider that could not
 * answer ({@link IntrospectionUnavailableException}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>
 */
public final class IntrospectionClient implements OpaqueTokenIntrospector {

	private static final Log logger = LogFactory.getLog(IntrospectionClient.class);

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private final RestClient restClient;

	private final URI endpoint;

	private final ClientAuthentication clientAuthentication;

	private final Map<String, String> headers;

	private final String formSuffix;

	private final int maxResponseBytes;

	private final RetryTemplate retryTemplate;

	private final IntrospectionResponseParser parser = new IntrospectionResponseParser();

	private final IntrospectionPrincipalFactory principalFactory;

	private final IdpCircuitBreaker circuitBreaker;

	private IntrospectionClient(Builder builder) {
		this.restClient = builder.restClient;
		this.endpoint = builder.endpoint;
		this.clientAuthentication = builder.clientAuthentication;
		this.headers = Map.copyOf(builder.headers);
		this.formSuffix = ((builder.tokenTypeHint != null)
				? "&token_type_hint=" + ClientAuthentication.formEncode(builder.tokenTypeHint) : "")
				+ builder.clientAuthentication.formParameters();
		this.maxResponseBytes = builder.maxResponseBytes;
		this.retryTemplate = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(builder.maxRetries)
			.delay(builder.retryDelay)
			.multiplier(2)
			.jitter(builder.retryDelay.dividedBy(2))
			.maxDelay(Duration.ofSeconds(2))
			.predicate(IntrospectionClient::isRetryable)
			.build());
		this.retryTemplate.setRetryListener(new RetryAfterListener(builder.maxRetries));
		this.circuitBreaker = builder.circuitBreaker;
		this.principalFactory = builder.principalFactory;
	}

	/**
	 * Starts a builder.
	 * @param restClient the client used for the calls; configure its request factory with
	 * timeouts, TLS and no redirects
	 * @param endpoint the introspection endpoint
	 * @return the builder
	 */
	public static Builder builder(RestClient restClient, URI endpoint) {
		return new Builder(restClient, endpoint);
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		Duration wait = this.circuitBreaker.tryAcquire();
		if (wait != null) {
			throw new IntrospectionUnavailableException("Identity provider unavailable: the circuit breaker is open",
					wait);
		}
		byte[] body = ("token=" + ClientAuthentication.formEncode(token) + this.formSuffix)
			.getBytes(StandardCharsets.US_ASCII);
		// Whatever happens, the breaker learns the outcome: a probe that ended without
		// one (an Error, say) would keep the circuit half-open for good.
		Outcome outcome = Outcome.UNKNOWN;
		try {
			Map<String, Object> claims;
			try {
				claims = this.parser.parse(this.retryTemplate.execute(() -> call(body)));
			}
			catch (BadOpaqueTokenException ex) {
				outcome = Outcome.ANSWERED;
				throw ex;
			}
			catch (RetryException ex) {
				Throwable failure = (ex.getLastException() != null) ? ex.getLastException() : ex;
				outcome = Outcome.of(failure);
				throw unavailable(token, failure, outcome == Outcome.OUTAGE);
			}
			catch (RuntimeException ex) {
				outcome = Outcome.of(ex);
				throw unavailable(token, ex, outcome == Outcome.OUTAGE);
			}
			outcome = Outcome.ANSWERED;
			return this.principalFactory.create(claims);
		}
		finally {
			outcome.record(this.circuitBreaker);
		}
	}

	private byte[] call(byte[] body) {
		try {
			return this.restClient.post()
				.uri(this.endpoint)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.headers(this::addHeaders)
				.body(body)
				.exchange((request, response) -> read(response), true);
		}
		catch (ResourceAccessException ex) {
			throw new RetryableIntrospectionException(describe(ex), null, ex);
		}
	}

	// A Retry-After longer than we would wait anyway means: give up now and pass it on.
	private static boolean isRetryable(Throwable failure) {
		return failure instanceof RetryableIntrospectionException retryable && (retryable.getRetryAfter() == null
				|| retryable.getRetryAfter().compareTo(RetryAfterListener.LONGEST_WAIT) <= 0);
	}

	private void addHeaders(HttpHeaders httpHeaders) {
		this.headers.forEach(httpHeaders::set);
		this.clientAuthentication.applyTo(httpHeaders);
	}

	private byte[] read(ClientHttpResponse response) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (status.value() == 429 || status.is5xxServerError()) {
			throw new RetryableIntrospectionException("the identity provider answered HTTP " + status.value(),
					RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)), null);
		}
		if (status.value() == 401) {
			throw new ClientCredentialsRejectedException(status.value());
		}
		if (!status.is2xxSuccessful()) {
			// RFC 6749 §5.2 allows 400 invalid_client; any other 4xx (a WAF refusing one
			// token's request, say) is a failure of that token alone.
			if (status.is4xxClientError() && IntrospectionResponseParser.isInvalidClientError(readLimited(response))) {
				throw new ClientCredentialsRejectedException(status.value());
			}
			throw new MalformedIntrospectionResponseException(
					"the identity provider answered HTTP " + status.value() + " instead of 200");
		}
		return readLimited(response);
	}

	private byte[] readLimited(ClientHttpResponse response) throws IOException {
		long contentLength = response.getHeaders().getContentLength();
		if (contentLength > this.maxResponseBytes) {
			throw oversized();
		}
		try (InputStream in = response.getBody()) {
			// one byte more than the limit shows an oversized body (without overflowing
			// int)
			byte[] bytes = in.readNBytes((int) Math.min(this.maxResponseBytes + 1L, Integer.MAX_VALUE));
			if (bytes.length > this.maxResponseBytes) {
				throw oversized();
			}
			return bytes;
		}
	}

	private MalformedIntrospectionResponseException oversized() {
		return new MalformedIntrospectionResponseException(
				"the introspection answer is larger than " + this.maxResponseBytes + " bytes");
	}

	private IntrospectionUnavailableException unavailable(String token, Throwable failure, boolean outage) {
		String reason = (failure instanceof MalformedIntrospectionResponseException
				|| failure instanceof RetryableIntrospectionException
				|| failure instanceof ClientCredentialsRejectedException) ? failure.getMessage()
						: "unexpected " + failure.getClass().getSimpleName();
		logger.warn("Token introspection at " + this.endpoint + " failed, answering 503: " + reason + " (token hash "
				+ TokenHash.fingerprint(token) + ")");
		Duration retryAfter = (failure instanceof RetryableIntrospectionException retryable
				&& retryable.getRetryAfter() != null) ? retryable.getRetryAfter() : DEFAULT_RETRY_AFTER;
		return new IntrospectionUnavailableException("Identity provider unavailable: " + reason, retryAfter, failure,
				outage);
	}

	private static String describe(ResourceAccessException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			String type = cause.getClass().getSimpleName();
			if (type.contains("Timeout") || "Request cancelled".equals(cause.getMessage())) {
				return "timed out (" + type + ")";
			}
			if (type.contains("Connect") || type.contains("UnknownHost") || type.contains("SSL")) {
				return "could not connect to the identity provider (" + type + ")";
			}
		}
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return "the exchange with the identity provider failed (" + cause.getClass().getSimpleName() + ")";
	}

	/**
	 * What one call tells the circuit breaker. Only the identity provider's own failures
	 * count against it; an unusable answer about one token shows that the provider
	 * answers; an outcome that says nothing about the provider (an unexpected exception
	 * or an Error) only releases a half-open probe.
	 */
	private enum Outcome {

		ANSWERED, OUTAGE, UNKNOWN;

		static Outcome of(Throwable failure) {
			if (failure instanceof RetryableIntrospectionException
					|| failure instanceof ClientCredentialsRejectedException) {
				return OUTAGE;
			}
			return (failure instanceof MalformedIntrospectionResponseException) ? ANSWERED : UNKNOWN;
		}

		void record(IdpCircuitBreaker circuitBreaker) {
			switch (this) {
				case ANSWERED -> circuitBreaker.onSuccess();
				case OUTAGE -> circuitBreaker.onFailure();
				case UNKNOWN -> circuitBreaker.onInconclusive();
			}
		}

	}

	@Override
	public String toString() {
		return "IntrospectionClient [endpoint=" + this.endpoint + ", authentication=" + this.clientAuthentication + "]";
	}

	/**
	 * Builds an {@link IntrospectionClient}.
	 */
	public static final class Builder {

		private final RestClient restClient;

		private final URI endpoint;

		private ClientAuthentication clientAuthentication = ClientAuthentication.none();

		private Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable String tokenTypeHint;

		private int maxRetries = 3;

		private Duration retryDelay = Duration.ofMillis(100);

		private int maxResponseBytes = 256 * 1024;

		private IntrospectionPrincipalFactory principalFactory = IntrospectionPrincipalFactory.withDefaults();

		private IdpCircuitBreaker circuitBreaker = IdpCircuitBreaker.disabled();

		private Builder(RestClient restClient, URI endpoint) {
			Assert.notNull(restClient, "restClient cannot be null");
			Assert.notNull(endpoint, "endpoint cannot be null");
			this.restClient = restClient;
			this.endpoint = endpoint;
		}

		/**
		 * How the client authenticates itself; default none.
		 * @param clientAuthentication the authentication
		 * @return this builder
		 */
		public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
			Assert.notNull(clientAuthentication, "clientAuthentication cannot be null");
			this.clientAuthentication = clientAuthentication;
			return this;
		}

		/**
		 * Extra headers sent with every call.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder headers(Map<String, String> headers) {
			Assert.notNull(headers, "headers cannot be null");
			this.headers = new LinkedHashMap<>(headers);
			return this;
		}

		/**
		 * The {@code token_type_hint} sent with every call, or {@code null} for none.
		 * @param tokenTypeHint the hint
		 * @return this builder
		 */
		public Builder tokenTypeHint(@Nullable String tokenTypeHint) {
			this.tokenTypeHint = tokenTypeHint;
			return this;
		}

		/**
		 * Retries after a transport error, a 5xx or a 429; default 3.
		 * @param maxRetries the number of retries
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			Assert.isTrue(maxRetries >= 0, "maxRetries cannot be negative");
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * The first delay between retries, doubled for each further retry (with jitter,
		 * at most 2 s); default 100 ms.
		 * @param retryDelay the delay
		 * @return this builder
		 */
		public Builder retryDelay(Duration retryDelay) {
			Assert.isTrue(retryDelay != null && !retryDelay.isNegative(), "retryDelay cannot be negative");
			this.retryDelay = retryDelay;
			return this;
		}

		/**
		 * The largest answer read; default 256 KB.
		 * @param maxResponseBytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxResponseBytes(int maxResponseBytes) {
			Assert.isTrue(maxResponseBytes > 0, "maxResponseBytes must be positive");
			this.maxResponseBytes = maxResponseBytes;
			return this;
		}

		/**
		 * Builds the principal of an active token; default: name from {@code sub},
		 * {@code SCOPE_} authorities.
		 * @param principalFactory the factory
		 * @return this builder
		 */
		public Builder principalFactory(IntrospectionPrincipalFactory principalFactory) {
			Assert.notNull(principalFactory, "principalFactory cannot be null");
			this.principalFactory = principalFactory;
			return this;
		}

		/**
		 * The circuit breaker in front of the identity provider; default none.
		 * @param circuitBreaker the circuit breaker
		 * @return this builder
		 */
		public Builder circuitBreaker(IdpCircuitBreaker circuitBreaker) {
			Assert.notNull(circuitBreaker, "circuitBreaker cannot be null");
			this.circuitBreaker = circuitBreaker;
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 */
		public IntrospectionClient build() {
			return new IntrospectionClient(this);
		}

	}

}
