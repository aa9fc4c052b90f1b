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
import java.util.function.LongSupplier;

import org.springframework.util.Assert;

/**
 * Caps retries at a share of first attempts over a sliding window, so that retries never
 * multiply the load on an identity provider that is already failing (the "retry budget"
 * of gRPC and Finagle). A retry is allowed while the retries of the window stay below
 * {@code ratio} times its first attempts, or below {@code minRetries}, a floor that lets
 * a lone transient failure on a quiet application still be retried.
 * <p>
 * The window is ten buckets of a tenth of it each; a bucket's counts drop out as a whole
 * when it ages out.
 */
public final class RetryBudget {

	private static final int BUCKETS = 10;

	private final double ratio;

	private final int minRetries;

	private final long bucketNanos;

	private final LongSupplier nanoTime;

	private final long[] attempts = new long[BUCKETS];

	private final long[] retries = new long[BUCKETS];

	private final long[] bucketStarts = new long[BUCKETS];

	/**
	 * Creates a budget.
	 * @param ratio the share of first attempts that retries may add, such as 0.2
	 * @param minRetries retries always allowed per window, whatever the ratio
	 * @param window the sliding window
	 * @param nanoTime the time source, such as {@code System::nanoTime}
	 */
	public RetryBudget(double ratio, int minRetries, Duration window, LongSupplier nanoTime) {
		Assert.isTrue(ratio >= 0 && Double.isFinite(ratio), "ratio must be 0 or more");
		Assert.isTrue(minRetries >= 0, "minRetries cannot be negative");
		Assert.isTrue(window != null && window.toNanos() >= BUCKETS, "window must be positive");
		Assert.notNull(nanoTime, "nanoTime cannot be null");
		this.ratio = ratio;
		this.minRetries = minRetries;
		this.bucketNanos = window.toNanos() / BUCKETS;
		this.nanoTime = nanoTime;
		long now = nanoTime.getAsLong();
		for (int i = 0; i < BUCKETS; i++) {
			this.bucketStarts[i] = now - (long) (BUCKETS + 1) * this.bucketNanos;
		}
	}

	/**
	 * A budget that never refuses a retry.
	 * @return the budget
	 */
	public static RetryBudget unlimited() {
		return new RetryBudget(0, Integer.MAX_VALUE, Duration.ofSeconds(10), System::nanoTime);
	}

	/**
	 * Counts a first attempt.
	 */
	public synchronized void onFirstAttempt() {
		this.attempts[bucket()]++;
	}

	/**
	 * Asks for a retry, and counts it when allowed.
	 * @return whether the retry may be made
	 */
	public synchronized boolean tryAcquireRetry() {
		int current = bucket();
		long windowAttempts = 0;
		long windowRetries = 0;
		for (int i = 0; i < BUCKETS; i++) {
			windowAttempts += this.attempts[i];
			windowRetries += this.retries[i];
		}
		if (windowRetries >= this.minRetries && windowRetries + 1 > this.ratio * windowAttempts) {
			return false;
		}
		this.retries[current]++;
		return true;
	}

	// The bucket of now, emptying the buckets that aged out of the window.
	private int bucket() {
		long now = this.nanoTime.getAsLong();
		long slot = Math.floorDiv(now, this.bucketNanos);
		int index = (int) Math.floorMod(slot, BUCKETS);
		long start = slot * this.bucketNanos;
		if (this.bucketStarts[index] != start) {
			this.bucketStarts[index] = start;
			this.attempts[index] = 0;
			this.retries[index] = 0;
		}
		for (int i = 0; i < BUCKETS; i++) {
			if (now - this.bucketStarts[i] >= (long) BUCKETS * this.bucketNanos) {
				this.attempts[i] = 0;
				this.retries[i] = 0;
			}
		}
		return index;
	}

	@Override
	public String toString() {
		return "RetryBudget [ratio=" + this.ratio + ", minRetries=" + this.minRetries + ", window="
				+ Duration.ofNanos(this.bucketNanos * BUCKETS) + "]";
	}

}
