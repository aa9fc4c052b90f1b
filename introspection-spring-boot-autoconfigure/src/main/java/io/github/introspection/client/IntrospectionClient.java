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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
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
 * bytes, so that no HTTP client logger prints it; authenticates as a client; reads at
 * most a fixed number of bytes of the answer; and tells three outcomes apart: an active
 * token (a principal), an inactive one ({@link BadOpaqueTokenException}) and an identity
 * provider that could not answer ({@link IntrospectionUnavailableException}).
 * <p>
 * Under load it protects both the application and the identity provider:
 * <ul>
 * <li>a <b>deadline</b> bounds the whole time one request spends on the identity provider
 * (waiting for a slot, attempts, backoff): each attempt gets at most what is left of it,
 * and a retry starts only when a whole attempt still fits;</li>
 * <li>a <b>bulkhead</b> (Resilience4j) bounds the calls in flight; a request that gets no
 * slot within a short wait is answered 503 at once, so a hung identity provider cannot
 * hold every server thread;</li>
 * <li>a <b>retry budget</b> lets retries (after transport errors, 5xx and 429 answers,
 * with backoff) add only a share of the first attempts;</li>
 * <li>a <b>circuit breaker</b> (Resilience4j) opens on the failure ratio over a sliding
 * window and lets a bounded number of probes through when half-open; only the identity
 * provider's own failures count toward it, never an unusable answer about one token.</li>
 * </ul>
 * Outages are logged in a few lines per incident, not one per request.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>
 */
public final class IntrospectionClient implements OpaqueTokenIntrospector {

	private static final Log logger = LogFactory.getLog(IntrospectionClient.class);

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private static final Duration BULKHEAD_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	private final RestClient restClient;

	private final URI endpoint;

	private final ClientAuthentication clientAuthentication;

	private final Map<String, String> headers;

	private final String tokenTypeHint;

	private final Supplier<URI> endpointSource;

	private final @Nullable SignedIntrospectionResponseVerifier signedResponses;

	private final int maxResponseBytes;

	private final int maxRetries;

	private final Duration retryDelay;

	private final long attemptTimeoutNanos;

	private final long deadlineNanos;

	private final IntrospectionResponseParser parser = new IntrospectionResponseParser();

	private final IntrospectionPrincipalFactory principalFactory;

	private final CircuitBreaker circuitBreaker;

	private final Duration openRetryAfter;

	private final Bulkhead bulkhead;

	private final Semaphore waitingRoom;

	private final RetryBudget retryBudget;

	private final LongSupplier nanoTime;

	private final IdpAvailabilityLog availability;

	private final IntrospectionListener listener;

	private IntrospectionClient(Builder builder) {
		this.restClient = builder.restClient;
		this.endpoint = builder.endpoint;
		this.clientAuthentication = builder.clientAuthentication;
		this.headers = Map.copyOf(builder.headers);
		this.tokenTypeHint = (builder.tokenTypeHint != null)
				? "&token_type_hint=" + ClientAuthentication.formEncode(builder.tokenTypeHint) : "";
		this.endpointSource = (builder.endpointSource != null) ? builder.endpointSource : () -> this.endpoint;
		this.signedResponses = builder.signedResponses;
		this.maxResponseBytes = builder.maxResponseBytes;
		this.maxRetries = builder.maxRetries;
		this.retryDelay = builder.retryDelay;
		this.attemptTimeoutNanos = builder.attemptTimeout.toNanos();
		this.deadlineNanos = ((builder.deadline != null) ? builder.deadline : defaultDeadline(builder.attemptTimeout))
			.toNanos();
		this.circuitBreaker = builder.circuitBreaker;
		// the breaker's wait in the open state, at least the one second Retry-After can
		// say
		long openMillis = this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
		this.openRetryAfter = Duration.ofMillis(Math.max(openMillis, 1000));
		this.bulkhead = builder.bulkhead;
		this.waitingRoom = new Semaphore(builder.maxWaitingCalls);
		this.retryBudget = builder.retryBudget;
		this.nanoTime = builder.nanoTime;
		this.principalFactory = builder.principalFactory;
		this.availability = new IdpAvailabilityLog(this.endpoint, builder.logInterval, this.nanoTime);
		this.listener = builder.listener;
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

	/**
	 * The default deadline for a per-attempt timeout: a quarter more than one attempt, so
	 * that a request never waits much longer than one timeout, a timed-out attempt is
	 * never followed by another, and a fast failure (a refused connection, a quick 503)
	 * is still retried.
	 * @param attemptTimeout the time limit of one attempt
	 * @return the deadline
	 */
	public static Duration defaultDeadline(Duration attemptTimeout) {
		return attemptTimeout.plus(attemptTimeout.dividedBy(4));
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		return introspect(token, null);
	}

	/**
	 * Introspects a fixed string that is no token, for a health check: proves that the
	 * identity provider is reachable and accepts this application's credentials (an
	 * answer, {@code "active": false} expected). The call goes through the circuit
	 * breaker, the bulkhead and the retries like any other, so that a probe can close an
	 * open circuit; it is reported to the {@link IntrospectionListener listener} as a
	 * call but not as a request, and its failure is logged by no one but the caller: it
	 * is only recorded in {@link #getStatus()}.
	 * @param nonToken the string introspected, never a real token
	 * @return what the call found
	 */
	public IdpProbeResult probe(String nonToken) {
		Assert.hasText(nonToken, "nonToken cannot be empty");
		Probe probe = new Probe();
		try {
			introspect(nonToken, probe);
		}
		catch (BadOpaqueTokenException | IntrospectionUnavailableException ex) {
			// the probe holds what happened
		}
		return new IdpProbeResult(probe.kind, probe.status, probe.cause, this.availability.now());
	}

	private OAuth2AuthenticatedPrincipal introspect(String token, @Nullable Probe probe) {
		long start = this.nanoTime.getAsLong();
		URI endpoint;
		try {
			// discovery: unknown until the issuer's metadata is read (it says why)
			endpoint = this.endpointSource.get();
		}
		catch (IntrospectionUnavailableException ex) {
			// shown in the health details; the discovery logs it itself, once
			this.availability.probeFailed(ex.getMessage());
			if (probe != null) {
				probe.notAttempted(ex.getMessage());
			}
			else {
				this.listener.introspected(IntrospectionListener.Source.IDP, IntrospectionListener.Outcome.UNAVAILABLE);
			}
			throw ex;
		}
		// The breaker's permission first: an open circuit whose wait has passed turns
		// half-open only when asked for one (its state alone stays open), and a request
		// it refuses takes no bulkhead slot.
		if (!this.circuitBreaker.tryAcquirePermission()) {
			throw rejected("the circuit breaker is open", this.openRetryAfter,
					IntrospectionListener.Outcome.UNAVAILABLE, probe);
		}
		if (!tryAcquireSlot()) {
			this.circuitBreaker.releasePermission();
			throw rejected(
					"all " + this.bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
							+ " introspection calls are in flight",
					BULKHEAD_RETRY_AFTER, IntrospectionListener.Outcome.REJECTED, probe);
		}
		try {
			return call(token, endpoint, start, probe);
		}
		finally {
			this.bulkhead.onComplete();
		}
	}

	/**
	 * A bulkhead slot: at once when one is free; otherwise a wait for one, but only while
	 * fewer than {@code maxWaitingCalls} requests wait. Every waiting request holds a
	 * server thread, so a burst beyond that is answered 503 at once and leaves the
	 * threads to public paths and cached tokens.
	 */
	private boolean tryAcquireSlot() {
		if (this.bulkhead.getMetrics().getAvailableConcurrentCalls() > 0) {
			return this.bulkhead.tryAcquirePermission();
		}
		if (!this.waitingRoom.tryAcquire()) {
			return false;
		}
		try {
			return this.bulkhead.tryAcquirePermission();
		}
		finally {
			this.waitingRoom.release();
		}
	}

	private OAuth2AuthenticatedPrincipal call(String token, URI endpoint, long start, @Nullable Probe probe) {
		String form = "token=" + ClientAuthentication.formEncode(token) + this.tokenTypeHint;
		long callStart = this.nanoTime.getAsLong();
		Deadline deadline = new Deadline(start + this.deadlineNanos);
		// Whatever happens, the breaker learns the outcome: a probe that ended without
		// one (an Error, say) would keep the circuit half-open for good.
		Outcome outcome = Outcome.UNKNOWN;
		Throwable failure = null;
		IntrospectionListener.Outcome result = IntrospectionListener.Outcome.UNAVAILABLE;
		try {
			Map<String, Object> claims;
			try {
				this.retryBudget.onFirstAttempt();
				RetryDecision retries = new RetryDecision(deadline);
				RetryTemplate retryTemplate = new RetryTemplate(retries.policy());
				retryTemplate.setRetryListener(retries);
				byte[] answer = retryTemplate.execute(() -> attempt(endpoint, form, deadline));
				claims = this.parser
					.parse((this.signedResponses != null) ? this.signedResponses.verify(answer) : answer);
			}
			catch (BadOpaqueTokenException ex) {
				outcome = Outcome.ANSWERED;
				result = IntrospectionListener.Outcome.INACTIVE;
				throw ex;
			}
			catch (RetryException ex) {
				failure = (ex.getLastException() != null) ? ex.getLastException() : ex;
				outcome = Outcome.of(failure);
				throw unavailable(token, failure, outcome, deadline.lastStatus, probe);
			}
			catch (RuntimeException ex) {
				failure = ex;
				outcome = Outcome.of(ex);
				throw unavailable(token, ex, outcome, deadline.lastStatus, probe);
			}
			outcome = Outcome.ANSWERED;
			OAuth2AuthenticatedPrincipal principal = this.principalFactory.create(claims);
			result = IntrospectionListener.Outcome.ACTIVE;
			return principal;
		}
		finally {
			long nanos = this.nanoTime.getAsLong() - callStart;
			outcome.record(this.circuitBreaker, nanos, failure);
			if (outcome == Outcome.ANSWERED) {
				this.availability.answered();
			}
			this.listener.idpCalled(result, deadline.lastStatus, nanos);
			if (probe == null) {
				this.listener.introspected(IntrospectionListener.Source.IDP, result);
			}
			else if (result != IntrospectionListener.Outcome.UNAVAILABLE) {
				probe.answered(deadline.lastStatus);
			}
		}
	}

	private IntrospectionUnavailableException rejected(String reason, Duration retryAfter,
			IntrospectionListener.Outcome result, @Nullable Probe probe) {
		if (probe != null) {
			probe.notAttempted(reason);
		}
		else {
			this.listener.introspected(IntrospectionListener.Source.IDP, result);
			this.availability.rejected(reason, this::circuitState);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Token introspection not attempted, answering 503: " + reason);
		}
		return new IntrospectionUnavailableException("Identity provider unavailable: " + reason, retryAfter, null,
				true);
	}

	private String circuitState() {
		return this.circuitBreaker.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	// One attempt; when the identity provider refuses credentials computed per call (an
	// access token it no longer accepts), once more at once with new ones.
	private byte[] attempt(URI endpoint, String form, Deadline deadline) {
		ClientAuthentication.Credentials credentials = this.clientAuthentication.credentials();
		try {
			return exchange(endpoint, form, credentials, deadline);
		}
		catch (ClientCredentialsRejectedException ex) {
			if (deadline.lastStatus != 401 || deadline.renewedCredentials
					|| !this.clientAuthentication.rejected(credentials)) {
				throw ex;
			}
			deadline.renewedCredentials = true;
			return exchange(endpoint, form, this.clientAuthentication.credentials(), deadline);
		}
	}

	private byte[] exchange(URI endpoint, String form, ClientAuthentication.Credentials credentials,
			Deadline deadline) {
		long remaining = deadline.remainingNanos(this.nanoTime.getAsLong());
		if (remaining <= 0) {
			throw new RetryableIntrospectionException("timed out (the request's deadline passed)", null, null);
		}
		deadline.lastStatus = 0;
		byte[] body = (form + credentials.encodedForm()).getBytes(StandardCharsets.US_ASCII);
		try {
			return this.restClient.post()
				.uri(endpoint)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept((this.signedResponses != null) ? SignedIntrospectionResponseVerifier.MEDIA_TYPE
						: MediaType.APPLICATION_JSON)
				.headers((httpHeaders) -> {
					this.headers.forEach(httpHeaders::set);
					credentials.applyTo(httpHeaders);
				})
				.attribute(UrlConnectionIntrospectionRequestFactory.TIMEOUT_ATTRIBUTE,
						Duration.ofNanos(Math.min(remaining, this.attemptTimeoutNanos)))
				.body(body)
				.exchange((request, response) -> read(response, deadline), true);
		}
		catch (ResourceAccessException ex) {
			throw new RetryableIntrospectionException(describe(ex), null, ex);
		}
	}

	private byte[] read(ClientHttpResponse response, Deadline deadline) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		deadline.lastStatus = status.value();
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

	private IntrospectionUnavailableException unavailable(String token, Throwable failure, Outcome outcome, int status,
			@Nullable Probe probe) {
		String reason = (failure instanceof MalformedIntrospectionResponseException
				|| failure instanceof RetryableIntrospectionException
				|| failure instanceof ClientCredentialsRejectedException
				|| failure instanceof IntrospectionUnavailableException) ? failure.getMessage()
						: "unexpected " + failure.getClass().getSimpleName();
		if (probe != null) {
			probe.failed(failure, status, reason);
			this.availability.probeFailed(reason);
		}
		else if (outcome == Outcome.OUTAGE) {
			this.availability.outage(reason, this::circuitState);
		}
		else {
			this.availability.badAnswer(reason);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Token introspection at " + IdpAvailabilityLog.withoutQuery(this.endpoint)
					+ " failed, answering 503: " + reason + " (token hash " + TokenHash.fingerprint(token) + ")");
		}
		Duration retryAfter = (failure instanceof RetryableIntrospectionException retryable
				&& retryable.getRetryAfter() != null) ? retryable.getRetryAfter() : DEFAULT_RETRY_AFTER;
		return new IntrospectionUnavailableException("Identity provider unavailable: " + reason, retryAfter, failure,
				outcome == Outcome.OUTAGE);
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
	 * The circuit breaker in front of the identity provider.
	 * @return the circuit breaker
	 */
	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * What this client last saw of the identity provider: when it last answered, when a
	 * call last failed and why.
	 * @return the status
	 */
	public IdpStatus getStatus() {
		return this.availability.status();
	}

	/**
	 * The introspection endpoint, without its query or user information.
	 * @return the endpoint
	 */
	public String getEndpoint() {
		return IdpAvailabilityLog.withoutQuery(this.endpoint);
	}

	/**
	 * The bulkhead that bounds the calls in flight.
	 * @return the bulkhead
	 */
	public Bulkhead getBulkhead() {
		return this.bulkhead;
	}

	/**
	 * The end of one request's time on the identity provider, and the HTTP status of the
	 * last answer it got ({@code 0} when its last attempt got none).
	 */
	private static final class Deadline {

		private final long endNanos;

		// written and read on the request's thread
		int lastStatus;

		boolean renewedCredentials;

		Deadline(long endNanos) {
			this.endNanos = endNanos;
		}

		long remainingNanos(long now) {
			return this.endNanos - now;
		}

	}

	/**
	 * What a health probe found.
	 */
	private static final class Probe {

		IdpProbeResult.Kind kind = IdpProbeResult.Kind.UNAVAILABLE;

		int status;

		@Nullable String cause;

		void answered(int status) {
			this.kind = IdpProbeResult.Kind.ANSWERED;
			this.status = status;
		}

		void notAttempted(String reason) {
			this.kind = IdpProbeResult.Kind.NOT_ATTEMPTED;
			this.cause = reason;
		}

		void failed(Throwable failure, int status, String reason) {
			this.status = status;
			this.cause = reason;
			if (failure instanceof ClientCredentialsRejectedException || status == 401 || status == 403) {
				// 403: what some identity providers answer a client not allowed to
				// introspect; for this fixed string it cannot be about a token
				this.kind = IdpProbeResult.Kind.CREDENTIALS_REJECTED;
				if (!(failure instanceof ClientCredentialsRejectedException)) {
					this.cause = "the identity provider refused this client (HTTP " + status
							+ "); check introspection.client-config.auth";
				}
			}
			else if (failure instanceof MalformedIntrospectionResponseException) {
				this.kind = IdpProbeResult.Kind.BAD_ANSWER;
			}
			else {
				this.kind = IdpProbeResult.Kind.UNAVAILABLE;
			}
		}

	}

	/**
	 * Whether one request retries a failed attempt: a retryable failure, within
	 * {@code maxRetries}, when a whole attempt (after the backoff and a short
	 * {@code Retry-After}) still fits before the deadline, and when the retry budget
	 * allows it. Each failure is decided once, so the budget is charged once per retry.
	 * Also waits out a short {@code Retry-After} of a 429 or 503 answer before the retry,
	 * on top of the backoff.
	 */
	private final class RetryDecision implements Predicate<Throwable>, RetryListener {

		private final Deadline deadline;

		private @Nullable Throwable decided;

		private boolean decision;

		private int failures;

		RetryDecision(Deadline deadline) {
			this.deadline = deadline;
		}

		RetryPolicy policy() {
			Duration delay = IntrospectionClient.this.retryDelay;
			return RetryPolicy.builder()
				.maxRetries(IntrospectionClient.this.maxRetries)
				.delay(delay)
				.multiplier(2)
				.jitter(delay.dividedBy(2))
				.maxDelay(MAX_BACKOFF)
				.predicate(this)
				.build();
		}

		@Override
		public boolean test(Throwable failure) {
			if (failure != this.decided) {
				this.decided = failure;
				this.failures++;
				this.decision = decide(failure);
			}
			return this.decision;
		}

		private boolean decide(Throwable failure) {
			if (!(failure instanceof RetryableIntrospectionException retryable) || this.failures > maxRetries) {
				return false;
			}
			Duration retryAfter = retryable.getRetryAfter();
			if (retryAfter != null && retryAfter.compareTo(RetryAfterWait.LONGEST_WAIT) > 0) {
				// longer than we would wait anyway: give up now and pass it on
				return false;
			}
			long wait = longestBackoffNanos() + ((retryAfter != null) ? retryAfter.toNanos() : 0);
			long remaining = this.deadline.remainingNanos(IntrospectionClient.this.nanoTime.getAsLong());
			return remaining - wait >= IntrospectionClient.this.attemptTimeoutNanos
					&& IntrospectionClient.this.retryBudget.tryAcquireRetry();
		}

		// the retry policy's next delay at most: delay * 2^(n-1) plus jitter, capped
		private long longestBackoffNanos() {
			long delay = IntrospectionClient.this.retryDelay.toNanos();
			long next = delay << Math.min(this.failures - 1, 20);
			return Math.min(next + delay / 2, MAX_BACKOFF.toNanos());
		}

		@Override
		public void onRetryableExecution(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
			if (retryState.isSuccessful()
					|| !(retryState.getLastException() instanceof RetryableIntrospectionException failure)
					|| failure.getRetryAfter() == null || !test(failure)) {
				return;
			}
			RetryAfterWait.sleep(failure.getRetryAfter());
		}

	}

	/**
	 * What one call tells the circuit breaker. Only the identity provider's own failures
	 * count against it; an unusable answer about one token shows that the provider
	 * answers; an outcome that says nothing about the provider (an unexpected exception
	 * or an Error) only releases its permission, so that a half-open probe always ends.
	 */
	private enum Outcome {

		ANSWERED, OUTAGE, UNKNOWN;

		static Outcome of(Throwable failure) {
			if (failure instanceof RetryableIntrospectionException
					|| failure instanceof ClientCredentialsRejectedException
					|| (failure instanceof IntrospectionUnavailableException unavailable && unavailable.isOutage())) {
				return OUTAGE;
			}
			return (failure instanceof MalformedIntrospectionResponseException) ? ANSWERED : UNKNOWN;
		}

		void record(CircuitBreaker circuitBreaker, long nanos, @Nullable Throwable failure) {
			switch (this) {
				case ANSWERED -> circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
				case OUTAGE -> circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS,
						(failure != null) ? failure : new IllegalStateException("outage"));
				case UNKNOWN -> circuitBreaker.releasePermission();
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

		private Duration attemptTimeout = Duration.ofSeconds(5);

		private @Nullable Duration deadline;

		private int maxResponseBytes = 256 * 1024;

		private IntrospectionPrincipalFactory principalFactory = IntrospectionPrincipalFactory.withDefaults();

		private CircuitBreaker circuitBreaker = disabledCircuitBreaker();

		private Bulkhead bulkhead = Bulkhead.of("introspection",
				BulkheadConfig.custom().maxConcurrentCalls(Integer.MAX_VALUE).maxWaitDuration(Duration.ZERO).build());

		private int maxWaitingCalls = Integer.MAX_VALUE;

		private RetryBudget retryBudget = RetryBudget.unlimited();

		private LongSupplier nanoTime = System::nanoTime;

		private Duration logInterval = Duration.ofSeconds(30);

		private IntrospectionListener listener = IntrospectionListener.none();

		private @Nullable Supplier<URI> endpointSource;

		private @Nullable SignedIntrospectionResponseVerifier signedResponses;

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
		 * The time limit of one attempt, which the request factory enforces: a retry
		 * starts only when one still fits before the deadline; default 5 s.
		 * @param attemptTimeout the time limit of one attempt
		 * @return this builder
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			Assert.isTrue(attemptTimeout != null && attemptTimeout.toNanos() > 0, "attemptTimeout must be positive");
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * The whole time one request may spend on the identity provider: waiting for a
		 * bulkhead slot, attempts and backoff; default {@link #defaultDeadline(Duration)
		 * a quarter more than one attempt}.
		 * @param deadline the deadline
		 * @return this builder
		 */
		public Builder deadline(Duration deadline) {
			Assert.isTrue(deadline != null && deadline.toNanos() > 0, "deadline must be positive");
			this.deadline = deadline;
			return this;
		}

		/**
		 * The circuit breaker in front of the identity provider; default a disabled one.
		 * Only the identity provider's own failures are recorded as errors.
		 * @param circuitBreaker the circuit breaker
		 * @return this builder
		 */
		public Builder circuitBreaker(CircuitBreaker circuitBreaker) {
			Assert.notNull(circuitBreaker, "circuitBreaker cannot be null");
			this.circuitBreaker = circuitBreaker;
			return this;
		}

		/**
		 * The bulkhead that bounds the calls in flight; its wait for a slot is part of
		 * the deadline. Default unbounded.
		 * @param bulkhead the bulkhead
		 * @return this builder
		 */
		public Builder bulkhead(Bulkhead bulkhead) {
			Assert.notNull(bulkhead, "bulkhead cannot be null");
			this.bulkhead = bulkhead;
			return this;
		}

		/**
		 * The most requests that wait for a bulkhead slot at once; beyond them a request
		 * that finds no free slot is refused at once. Default unbounded.
		 * @param maxWaitingCalls the most waiting requests, zero for none
		 * @return this builder
		 */
		public Builder maxWaitingCalls(int maxWaitingCalls) {
			Assert.isTrue(maxWaitingCalls >= 0, "maxWaitingCalls cannot be negative");
			this.maxWaitingCalls = maxWaitingCalls;
			return this;
		}

		/**
		 * The budget that caps retries at a share of first attempts; default unlimited.
		 * @param retryBudget the budget
		 * @return this builder
		 */
		public Builder retryBudget(RetryBudget retryBudget) {
			Assert.notNull(retryBudget, "retryBudget cannot be null");
			this.retryBudget = retryBudget;
			return this;
		}

		/**
		 * The time source of deadlines and of the outage log; default
		 * {@code System::nanoTime}.
		 * @param nanoTime the time source
		 * @return this builder
		 */
		public Builder nanoTime(LongSupplier nanoTime) {
			Assert.notNull(nanoTime, "nanoTime cannot be null");
			this.nanoTime = nanoTime;
			return this;
		}

		/**
		 * The longest time between two summary lines of one outage; default 30 s.
		 * @param logInterval the interval
		 * @return this builder
		 */
		public Builder logInterval(Duration logInterval) {
			Assert.isTrue(logInterval != null && !logInterval.isNegative(), "logInterval cannot be negative");
			this.logInterval = logInterval;
			return this;
		}

		/**
		 * Hears how the requests that reach this client end and how its calls to the
		 * identity provider go, for metrics; default none.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(IntrospectionListener listener) {
			Assert.notNull(listener, "listener cannot be null");
			this.listener = listener;
			return this;
		}

		/**
		 * Where each call goes, when the endpoint is only known at run time (discovered
		 * from the issuer's metadata); the supplier throws an
		 * {@link IntrospectionUnavailableException} while it is unknown. Default: the
		 * endpoint given to the builder, which then only names the identity provider in
		 * logs and observations.
		 * @param endpointSource the source of the endpoint
		 * @return this builder
		 */
		public Builder endpointSource(Supplier<URI> endpointSource) {
			Assert.notNull(endpointSource, "endpointSource cannot be null");
			this.endpointSource = endpointSource;
			return this;
		}

		/**
		 * Asks for signed answers (RFC 9701) and accepts nothing else; default none
		 * (plain JSON answers).
		 * @param verifier the verifier of the signed answers
		 * @return this builder
		 */
		public Builder signedResponses(@Nullable SignedIntrospectionResponseVerifier verifier) {
			this.signedResponses = verifier;
			return this;
		}

		private static CircuitBreaker disabledCircuitBreaker() {
			CircuitBreaker circuitBreaker = CircuitBreaker.of("introspection", CircuitBreakerConfig.ofDefaults());
			circuitBreaker.transitionToDisabledState();
			return circuitBreaker;
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
