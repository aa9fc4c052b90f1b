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

package io.github.introspection.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.util.Assert;

/**
 * A {@link ReplayGuard} of this application alone, in Caffeine: each identifier is kept
 * until its expiry (at most {@code maxSize} of them, the oldest-used dropped first).
 */
public final class LocalReplayGuard implements ReplayGuard {

	private final Cache<String, Instant> seen;

	private final Clock clock;

	/**
	 * Creates the guard.
	 * @param maxSize the most identifiers kept
	 * @param clock the clock compared with expiries
	 * @param ticker the time source of Caffeine's expiry
	 */
	public LocalReplayGuard(long maxSize, Clock clock, Ticker ticker) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
		this.seen = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.ticker(ticker)
			.executor(Runnable::run)
			.expireAfter(new UntilExpiry(clock))
			.build();
	}

	/**
	 * Creates a guard of at most 100,000 identifiers on the system clock.
	 */
	public LocalReplayGuard() {
		this(100_000, Clock.systemUTC(), Ticker.systemTicker());
	}

	@Override
	public boolean firstUse(String id, Instant expiresAt) {
		Assert.notNull(id, "id cannot be null");
		Assert.notNull(expiresAt, "expiresAt cannot be null");
		return this.seen.asMap().putIfAbsent(id, expiresAt) == null;
	}

	private static long nanos(Duration duration) {
		try {
			return Math.min(duration.toNanos(), Long.MAX_VALUE >> 2);
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE >> 2;
		}
	}

	private static final class UntilExpiry implements Expiry<String, Instant> {

		private final Clock clock;

		UntilExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String key, Instant value, long currentTime) {
			Duration remaining = Duration.between(this.clock.instant(), value);
			return remaining.isNegative() ? 0 : nanos(remaining);
		}

		@Override
		public long expireAfterUpdate(String key, Instant value, long currentTime, long currentDuration) {
			return currentDuration;
		}

		@Override
		public long expireAfterRead(String key, Instant value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
