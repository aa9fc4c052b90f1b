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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A circuit breaker in front of the identity provider: after a run of consecutive
 * failures it stops calling it for an open period (callers get a 503 at once), then lets
 * a single probe through; the probe's success closes the circuit, its failure opens it
 * again.
 */
public final class IdpCircuitBreaker {

	private static final Log logger = LogFactory.getLog(IdpCircuitBreaker.class);

	private static final Duration PROBE_RETRY_AFTER = Duration.ofSeconds(1);

	private final int failureThreshold;

	private final long openNanos;

	private final LongSupplier nanoTime;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile long openUntil;

	private volatile boolean open;

	/**
	 * Creates a circuit breaker.
	 * @param failureThreshold consecutive failures that open the circuit; 0 turns it off
	 * @param openDuration how long the circuit stays open before a probe
	 * @param nanoTime the time source, such as {@code System::nanoTime}
	 */
	public IdpCircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoTime) {
		Assert.isTrue(failureThreshold >= 0, "failureThreshold cannot be negative");
		Assert.isTrue(openDuration != null && !openDuration.isNegative(), "openDuration cannot be negative");
		Assert.notNull(nanoTime, "nanoTime cannot be null");
		this.failureThreshold = failureThreshold;
		this.openNanos = openDuration.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * A circuit breaker that never opens.
	 * @return the circuit breaker
	 */
	public static IdpCircuitBreaker disabled() {
		return new IdpCircuitBreaker(0, Duration.ZERO, System::nanoTime);
	}

	/**
	 * Asks whether a call may go to the identity provider.
	 * @return {@code null} when it may, else how long the caller should wait
	 */
	public @Nullable Duration tryAcquire() {
		if (!this.open) {
			return null;
		}
		long remaining = this.openUntil - this.nanoTime.getAsLong();
		if (remaining > 0) {
			return Duration.ofNanos(remaining);
		}
		return this.probing.compareAndSet(false, true) ? null : PROBE_RETRY_AFTER;
	}

	/**
	 * Records a call that the identity provider answered.
	 */
	public void onSuccess() {
		this.consecutiveFailures.set(0);
		if (this.open) {
			this.open = false;
			this.probing.set(false);
			logger.info("Identity provider answers again: introspection circuit closed");
		}
	}

	/**
	 * Records a call whose outcome says nothing about the identity provider (an
	 * unexpected exception or an {@link Error}): a half-open probe is released, so that
	 * the next request probes again, and nothing else changes.
	 */
	public void onInconclusive() {
		this.probing.set(false);
	}

	/**
	 * Records a call that failed because the identity provider was unavailable.
	 */
	public void onFailure() {
		if (this.failureThreshold == 0) {
			return;
		}
		boolean probeFailed = this.probing.get();
		if (probeFailed || this.consecutiveFailures.incrementAndGet() >= this.failureThreshold) {
			this.openUntil = this.nanoTime.getAsLong() + this.openNanos;
			if (!this.open) {
				logger.warn("Identity provider failed " + this.consecutiveFailures.get()
						+ " times in a row: introspection circuit open for " + Duration.ofNanos(this.openNanos)
						+ ", answering 503 without calling it");
			}
			this.open = true;
			this.probing.set(false);
		}
	}

	/**
	 * Whether the circuit is open (calls are refused, or one probe is in flight).
	 * @return whether it is open
	 */
	public boolean isOpen() {
		return this.open;
	}

}
