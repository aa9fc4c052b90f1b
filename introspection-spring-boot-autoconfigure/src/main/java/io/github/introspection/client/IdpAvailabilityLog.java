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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The operator's view of an identity provider outage, in a few lines however many
 * requests it touches: one WARN when the identity provider becomes unavailable (cause,
 * endpoint without its query, circuit state), at most one WARN summary per interval while
 * it stays so (requests answered 503 meanwhile), and one INFO when it answers again (how
 * long it was out, how many requests got 503). Per-request detail goes to DEBUG. Unusable
 * answers about single tokens (a malformed body, a 4xx) are summed up the same way, at
 * most one WARN per interval. Never a token, a secret or a raw answer.
 */
final class IdpAvailabilityLog {

	private static final Log logger = LogFactory.getLog(IntrospectionClient.class);

	private final String endpoint;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final Log log;

	private volatile boolean unavailable;

	private long outageStart;

	private long lastLine;

	private long rejectedSinceStart;

	private long rejectedSinceLine;

	private String lastCause = "";

	private volatile @Nullable Instant lastAnswer;

	private volatile @Nullable Instant lastFailure;

	private volatile @Nullable String lastFailureCause;

	private final Clock clock;

	private long badAnswersSinceLine;

	private long lastBadAnswerLine;

	private boolean badAnswerLogged;

	IdpAvailabilityLog(URI endpoint, Duration interval, LongSupplier nanoTime) {
		this(endpoint, interval, nanoTime, logger);
	}

	IdpAvailabilityLog(URI endpoint, Duration interval, LongSupplier nanoTime, Log log) {
		this(endpoint, interval, nanoTime, log, Clock.systemUTC());
	}

	IdpAvailabilityLog(URI endpoint, Duration interval, LongSupplier nanoTime, Log log, Clock clock) {
		this.clock = clock;
		this.endpoint = withoutQuery(endpoint);
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.log = log;
	}

	/**
	 * Records a call that failed because the identity provider was unavailable.
	 * @param cause what went wrong, token-free
	 * @param circuit the circuit breaker's state after the failure
	 */
	synchronized void outage(String cause, Supplier<String> circuit) {
		this.lastFailure = this.clock.instant();
		this.lastFailureCause = cause;
		answered503(cause, circuit);
	}

	/**
	 * Records a request answered 503 without a call (open circuit, no bulkhead slot):
	 * when no failure came first (every slot busy), an incident all the same.
	 * @param reason why no call was made, token-free
	 * @param circuit the circuit breaker's state
	 */
	synchronized void rejected(String reason, Supplier<String> circuit) {
		answered503(this.unavailable ? this.lastCause : reason, circuit);
	}

	private void answered503(String cause, Supplier<String> circuit) {
		long now = this.nanoTime.getAsLong();
		this.lastCause = cause;
		this.rejectedSinceStart++;
		this.rejectedSinceLine++;
		if (this.unavailable) {
			summaryIfDue(now, circuit);
			return;
		}
		this.unavailable = true;
		this.outageStart = now;
		this.lastLine = now;
		this.rejectedSinceLine = 0;
		this.log.warn("Identity provider at " + this.endpoint + " unavailable: " + cause + "; circuit " + circuit.get()
				+ "; answering 503 with Retry-After to requests it cannot check");
	}

	/**
	 * Records an answer of the identity provider (active, inactive, or unusable for one
	 * token): ends an outage.
	 */
	void answered() {
		this.lastAnswer = this.clock.instant();
		if (!this.unavailable) {
			// the common case, without taking the lock
			return;
		}
		synchronized (this) {
			if (this.unavailable) {
				long now = this.nanoTime.getAsLong();
				this.log.info("Identity provider at " + this.endpoint + " answers again after "
						+ seconds(now - this.outageStart) + "; " + this.rejectedSinceStart
						+ " requests got 503 meanwhile");
				this.unavailable = false;
				this.rejectedSinceStart = 0;
				this.rejectedSinceLine = 0;
			}
		}
	}

	/**
	 * Records an unusable answer about one token (malformed, oversized, a 4xx).
	 * @param cause what was wrong, token-free
	 */
	synchronized void badAnswer(String cause) {
		long now = this.nanoTime.getAsLong();
		this.badAnswersSinceLine++;
		if (!this.badAnswerLogged || now - this.lastBadAnswerLine >= this.intervalNanos) {
			this.log.warn("Identity provider at " + this.endpoint + " gave " + this.badAnswersSinceLine
					+ " unusable introspection answer(s) "
					+ (this.badAnswerLogged ? "in the last " + seconds(this.intervalNanos) : "") + "(last: " + cause
					+ "); those requests got 503");
			this.badAnswerLogged = true;
			this.lastBadAnswerLine = now;
			this.badAnswersSinceLine = 0;
		}
	}

	/**
	 * Records a failure, without a log line: a health probe reports its own, the
	 * discovery logs its own.
	 * @param cause what went wrong, token-free
	 */
	void probeFailed(String cause) {
		this.lastFailure = this.clock.instant();
		this.lastFailureCause = cause;
	}

	Instant now() {
		return this.clock.instant();
	}

	boolean isUnavailable() {
		return this.unavailable;
	}

	IdpStatus status() {
		return new IdpStatus(this.lastAnswer, this.lastFailure, this.lastFailureCause, this.unavailable);
	}

	private void summaryIfDue(long now, Supplier<String> circuit) {
		if (now - this.lastLine >= this.intervalNanos) {
			this.log.warn("Identity provider at " + this.endpoint + " still unavailable after "
					+ seconds(now - this.outageStart) + " (last cause: " + this.lastCause + "; circuit " + circuit.get()
					+ "); " + this.rejectedSinceLine + " requests got 503 in the last " + seconds(now - this.lastLine));
			this.lastLine = now;
			this.rejectedSinceLine = 0;
		}
	}

	private static String seconds(long nanos) {
		return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
	}

	static String withoutQuery(URI uri) {
		StringBuilder text = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
		if (uri.getPort() != -1) {
			text.append(':').append(uri.getPort());
		}
		return text.append((uri.getRawPath() != null) ? uri.getRawPath() : "").toString();
	}

}
