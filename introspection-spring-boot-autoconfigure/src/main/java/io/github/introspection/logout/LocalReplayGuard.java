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

package io.github.introspection.logout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.introspection.cache.ReplayGuard;

/**
 * A {@link ReplayGuard} that remembers identifiers in this application only (Caffeine),
 * each until its expiry: a replay that reaches another replica is not seen. The
 * fleet-wide guard of the shared cache tier replaces it.
 */
public final class LocalReplayGuard implements ReplayGuard {

	private final Cache<String, Instant> seen;

	private final Clock clock;

	/**
	 * Creates a guard on the system clock.
	 * @param maximumSize the most identifiers remembered; past it, the oldest are
	 * forgotten first
	 */
	public LocalReplayGuard(long maximumSize) {
		this(maximumSize, Clock.systemUTC(), Ticker.systemTicker());
	}

	LocalReplayGuard(long maximumSize, Clock clock, Ticker ticker) {
		this.clock = clock;
		this.seen = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(ticker)
			.expireAfter(Expiry.creating((String id, Instant expiresAt) -> remaining(expiresAt)))
			.build();
	}

	@Override
	public boolean firstUse(String id, Instant expiresAt) {
		return this.seen.asMap().putIfAbsent(id, expiresAt) == null;
	}

	private Duration remaining(Instant expiresAt) {
		Duration remaining = Duration.between(this.clock.instant(), expiresAt);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

}
