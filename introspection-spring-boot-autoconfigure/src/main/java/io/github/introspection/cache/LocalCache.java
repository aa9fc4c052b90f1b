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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;

/**
 * The local tier of {@link IntrospectionCache}, in Caffeine: lifetimes, the map of
 * in-flight and finished answers, and the principals handed out.
 * <p>
 * Values are futures: an in-flight one is shared by the requests that wait for it (and
 * never expires while in flight); a finished one is replaced by a completed future, or
 * removed, before its waiters wake up, so that no request sees a half-published outcome.
 * Futures are always completed normally (a failure is a {@link CacheEntry} too), so
 * Caffeine never logs or counts them as failed loads.
 */
final class LocalCache {

	// Lifetimes are capped so that ticker arithmetic never overflows (about 73 years).
	private static final long MAX_NANOS = Long.MAX_VALUE >> 2;

	private final long ttlNanos;

	private final long inactiveTtlNanos;

	private final long staleIfErrorNanos;

	private final long localTtlNanos;

	private final Ticker ticker;

	private final Clock clock;

	private final AsyncCache<CacheKey, CacheEntry> cache;

	private final ConcurrentMap<CacheKey, CompletableFuture<CacheEntry>> map;

	// Cached principals by identity, for CachingOpaqueTokenAuthenticationConverter.
	// Keys and values are weak and the entry refers to its principal, so a mapping
	// lives exactly as long as the cache holds the entry (weak keys alone would never
	// let go: the value would keep its own key reachable).
	private final Cache<OAuth2AuthenticatedPrincipal, CacheEntry> principals;

	/**
	 * Creates the cache.
	 * @param ttl the longest lifetime of an active answer
	 * @param maxSize the most entries
	 * @param maxWeight the most bytes (estimated by {@link EntryWeight}) the entries may
	 * hold
	 * @param inactiveTtl the lifetime of an inactive answer
	 * @param staleIfError the serve-stale window
	 * @param localTtl the longest an answer is fresh here, whatever its other bounds (the
	 * cap in front of a shared tier)
	 * @param ticker the time source of lifetimes
	 * @param clock the clock compared with {@code exp}
	 * @param executor where Caffeine runs its maintenance
	 */
	LocalCache(Duration ttl, long maxSize, long maxWeight, Duration inactiveTtl, Duration staleIfError,
			Duration localTtl, Ticker ticker, Clock clock, Executor executor) {
		this.ttlNanos = nanos(ttl);
		this.localTtlNanos = nanos(localTtl);
		this.inactiveTtlNanos = nanos(inactiveTtl);
		this.staleIfErrorNanos = nanos(staleIfError);
		this.ticker = ticker;
		this.clock = clock;
		// One weight bounds both: every entry weighs at least maxWeight / maxSize, and
		// the bound is a whole number of those, so no more than maxSize entries fit.
		long floor = (maxSize > 0) ? Math.max(1, maxWeight / maxSize) : 1;
		this.cache = Caffeine.newBuilder()
			.maximumWeight((maxSize > 0) ? Math.min(maxWeight, floor * maxSize) : 0)
			.<CacheKey, CacheEntry>weigher(
					(key, entry) -> (int) Math.min(Math.max(entry.weight(), floor), Integer.MAX_VALUE))
			.ticker(ticker)
			.executor(executor)
			.expireAfter(new EntryExpiry())
			.recordStats()
			.buildAsync();
		this.map = this.cache.asMap();
		this.principals = Caffeine.newBuilder().weakKeys().weakValues().executor(executor).build();
	}

	long now() {
		return this.ticker.read();
	}

	Instant instant() {
		return this.clock.instant();
	}

	@Nullable CompletableFuture<CacheEntry> get(CacheKey key) {
		return this.cache.getIfPresent(key);
	}

	/**
	 * Puts an in-flight future unless the key has a live value.
	 * @param key the key
	 * @param mine the caller's in-flight future
	 * @return {@code null} when the caller's future went in, else the current value
	 */
	@Nullable CompletableFuture<CacheEntry> claim(CacheKey key, CompletableFuture<CacheEntry> mine) {
		return this.map.putIfAbsent(key, mine);
	}

	boolean replace(CacheKey key, CompletableFuture<CacheEntry> current, CompletableFuture<CacheEntry> mine) {
		return this.map.replace(key, current, mine);
	}

	/**
	 * Publishes an outcome in place of the in-flight future {@code mine} (a miss) or of
	 * the stale value {@code replaced} (a refresh).
	 * @param key the key
	 * @param mine the future the outcome will complete
	 * @param replaced the stale value being refreshed, or {@code null} for a miss
	 * @param stale the stale entry being refreshed, or {@code null} for a miss
	 * @param outcome the outcome
	 */
	void publish(CacheKey key, CompletableFuture<CacheEntry> mine, @Nullable CompletableFuture<CacheEntry> replaced,
			@Nullable CacheEntry stale, CacheEntry outcome) {
		if (outcome.isFailed()) {
			// Never cached: a stale entry stays for serve-stale, and the next
			// request asks the delegate again.
			if (stale != null) {
				stale.endRefresh(mine);
			}
			else {
				this.map.remove(key, mine);
			}
			return;
		}
		CompletableFuture<CacheEntry> slot = (replaced != null) ? replaced : mine;
		if (!outcome.isRetained(now())) {
			// Nothing to keep; a superseded stale answer (say, of a revoked token) goes
			// too.
			this.map.remove(key, slot);
			return;
		}
		OAuth2AuthenticatedPrincipal principal = outcome.principal();
		if (principal != null) {
			this.principals.put(principal, outcome);
		}
		CompletableFuture<CacheEntry> done = CompletableFuture.completedFuture(outcome);
		if (!this.map.replace(key, slot, done) && replaced != null) {
			this.map.putIfAbsent(key, done);
		}
	}

	/**
	 * The entry of an active answer: fresh for {@code min(ttl, localTtl, exp - now)},
	 * kept {@code staleIfError} longer but never past {@code exp}.
	 * @param principal the delegate's principal
	 * @return the entry
	 */
	CacheEntry active(OAuth2AuthenticatedPrincipal principal) {
		long now = now();
		Object exp = principal.getAttributes().get(OAuth2TokenIntrospectionClaimNames.EXP);
		if (exp == null) {
			long fresh = Math.min(this.ttlNanos, this.localTtlNanos);
			return CacheEntry.active(principal, null, now, fresh, fresh + this.staleIfErrorNanos);
		}
		if (!(exp instanceof Instant expiresAt)) {
			// Not a time this cache can trust: answer, but keep nothing.
			return CacheEntry.active(principal, null, now, 0, 0);
		}
		Duration remaining = Duration.between(instant(), expiresAt);
		long untilExp = remaining.isNegative() ? 0 : nanos(remaining);
		long fresh = Math.min(Math.min(this.ttlNanos, this.localTtlNanos), untilExp);
		return CacheEntry.active(principal, expiresAt, now, fresh, Math.min(fresh + this.staleIfErrorNanos, untilExp));
	}

	CacheEntry inactive() {
		return CacheEntry.inactive(now(), Math.min(this.inactiveTtlNanos, this.localTtlNanos));
	}

	/**
	 * The entry of an answer found in the shared tier: fresh for at most
	 * {@code localTtl}, never past the shared answer's own end.
	 * @param principal the active token's principal, or {@code null} for an inactive one
	 * @param untilMillis the end of the shared answer's lifetime, epoch milliseconds
	 * @return the entry
	 */
	CacheEntry shared(@Nullable OAuth2AuthenticatedPrincipal principal, long untilMillis) {
		long now = now();
		long remaining = nanos(Duration.ofMillis(Math.max(untilMillis - this.clock.millis(), 0)));
		long fresh = Math.min(this.localTtlNanos, remaining);
		if (principal == null) {
			return CacheEntry.inactive(now, fresh);
		}
		Instant expiresAt = (principal.getAttributes()
			.get(OAuth2TokenIntrospectionClaimNames.EXP) instanceof Instant exp) ? exp : null;
		return CacheEntry.active(principal, expiresAt, now, fresh, fresh + this.staleIfErrorNanos);
	}

	CacheEntry failed(Throwable failure) {
		return CacheEntry.failed(failure, now());
	}

	@Nullable CacheEntry entryOf(OAuth2AuthenticatedPrincipal principal) {
		return this.principals.getIfPresent(principal);
	}

	// For IntrospectionCacheMetrics: read its statistics, never change it.
	AsyncCache<CacheKey, CacheEntry> caffeine() {
		return this.cache;
	}

	Set<CacheKey> keys() {
		return this.map.keySet();
	}

	/**
	 * The estimated bytes the cached entries hold, as weighed against the bound.
	 * @return the weighted size
	 */
	long weightedSize() {
		return this.cache.synchronous()
			.policy()
			.eviction()
			.map((eviction) -> eviction.weightedSize().orElse(0))
			.orElse(0L);
	}

	long estimatedSize() {
		return this.cache.synchronous().estimatedSize();
	}

	boolean evict(CacheKey key) {
		return this.map.remove(key) != null;
	}

	/**
	 * Removes the finished answers whose principal matches.
	 * @param condition the test of a principal
	 * @return how many were removed
	 */
	long evictIf(Predicate<OAuth2AuthenticatedPrincipal> condition) {
		long removed = 0;
		for (Map.Entry<CacheKey, CompletableFuture<CacheEntry>> entry : this.map.entrySet()) {
			CompletableFuture<CacheEntry> future = entry.getValue();
			CacheEntry done = future.isDone() ? future.getNow(null) : null;
			OAuth2AuthenticatedPrincipal principal = (done != null) ? done.principal() : null;
			if (principal != null && condition.test(principal) && this.map.remove(entry.getKey(), future)) {
				removed++;
			}
		}
		return removed;
	}

	long evictAll() {
		long removed = 0;
		for (CacheKey key : this.map.keySet()) {
			if (this.map.remove(key) != null) {
				removed++;
			}
		}
		return removed;
	}

	void cleanUp() {
		this.cache.synchronous().cleanUp();
		this.principals.cleanUp();
	}

	private static long nanos(Duration duration) {
		try {
			return Math.min(duration.toNanos(), MAX_NANOS);
		}
		catch (ArithmeticException ex) {
			return MAX_NANOS;
		}
	}

	private static final class EntryExpiry implements Expiry<CacheKey, CacheEntry> {

		@Override
		public long expireAfterCreate(CacheKey key, CacheEntry value, long currentTime) {
			return value.remainingNanos(currentTime);
		}

		@Override
		public long expireAfterUpdate(CacheKey key, CacheEntry value, long currentTime, long currentDuration) {
			return value.remainingNanos(currentTime);
		}

		@Override
		public long expireAfterRead(CacheKey key, CacheEntry value, long currentTime, long currentDuration) {
			// A hit never extends a lifetime.
			return currentDuration;
		}

	}

}
