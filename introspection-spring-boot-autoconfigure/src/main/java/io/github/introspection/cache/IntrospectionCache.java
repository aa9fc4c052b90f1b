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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.util.Assert;

/**
 * The cache of introspection answers that {@link CachingOpaqueTokenIntrospector} fills: a
 * local tier in Caffeine, and optionally a shared tier in Redis (through a
 * {@link SharedStore}) that every replica reads and writes.
 * <ul>
 * <li>Local tier: keys are the SHA-256 of the token (HMAC-SHA-256 under the shared secret
 * when the shared tier is on) with the endpoint's identity; an active answer lives
 * {@code min(ttl, exp - now)} (capped at {@code localTtl} in front of a shared tier), a
 * hit never extends a lifetime, at most {@code maxSize} answers of at most
 * {@code maxMemory} bytes.
 * <li>Shared tier: answers sealed with AES-GCM under HMAC keys, expiring at
 * {@code min(exp, now + ttl)} (inactive ones after {@code inactiveTtl}); one replica at a
 * time asks the identity provider about a new token while the others wait at most
 * {@code coalesceWait} for its answer; a failure of the store is a miss, never an error.
 * <li>Evictions ({@link IntrospectionCacheEviction}) reach the shared tier and, through a
 * message, the local tier of every replica; a replica that misses the message drops the
 * answer after {@code localTtl} at the latest.
 * </ul>
 */
public final class IntrospectionCache implements IntrospectionCacheEviction {

	private final String endpoint;

	private final LocalCache local;

	private final @Nullable SharedTier shared;

	private IntrospectionCache(Builder builder) {
		this.endpoint = builder.endpoint;
		SharedStore store = builder.store;
		CacheSecret secret = builder.secret;
		Duration localTtl = (store != null) ? builder.localTtl : Duration.ofNanos(Long.MAX_VALUE);
		this.local = new LocalCache(builder.ttl, builder.maxSize, builder.maxMemory, builder.inactiveTtl,
				builder.staleIfError, localTtl, builder.ticker, builder.clock, builder.executor);
		if (store != null && secret != null) {
			this.shared = new SharedTier(store, secret, builder.previousSecret, builder.prefix, builder.ttl,
					builder.inactiveTtl, builder.coalesceWait, builder.clock);
			this.shared.subscribe(new Evictions());
		}
		else {
			this.shared = null;
		}
	}

	/**
	 * Starts a builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	CacheKey key(String token) {
		return (this.shared != null) ? CacheKey.of(this.endpoint, this.shared.digest(this.endpoint, token))
				: CacheKey.of(this.endpoint, token);
	}

	String endpoint() {
		return this.endpoint;
	}

	LocalCache local() {
		return this.local;
	}

	@Nullable SharedTier shared() {
		return this.shared;
	}

	/**
	 * The cache entry that produced a principal, if it is still cached.
	 * @param principal a principal the cache handed out
	 * @return the entry, or {@code null}
	 */
	@Nullable CacheEntry entryOf(OAuth2AuthenticatedPrincipal principal) {
		return this.local.entryOf(principal);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A call for the token already in flight still answers the requests waiting for it,
	 * and may still cache what it got.
	 */
	@Override
	public boolean evictToken(String token) {
		Assert.notNull(token, "token cannot be null");
		boolean held = this.local.evict(key(token));
		if (this.shared != null) {
			this.shared.evictToken(this.endpoint, token);
		}
		return held;
	}

	@Override
	public long evictSubject(String subject) {
		return evictClaim(OAuth2TokenIntrospectionClaimNames.SUB, subject);
	}

	@Override
	public long evictClient(String clientId) {
		return evictClaim(OAuth2TokenIntrospectionClaimNames.CLIENT_ID, clientId);
	}

	@Override
	public long evictSession(String sessionId) {
		return evictClaim("sid", sessionId);
	}

	private long evictClaim(String claim, String value) {
		Assert.notNull(value, claim + " cannot be null");
		long held = this.local.evictIf((principal) -> value.equals(principal.getAttributes().get(claim)));
		if (this.shared != null) {
			this.shared.evictClaim(claim, value);
		}
		return held;
	}

	@Override
	public void evictAll() {
		clear();
	}

	/**
	 * Evicts everything, on every replica.
	 * @return how many answers (and calls in flight) this replica held
	 */
	public long clear() {
		long removed = this.local.evictAll();
		if (this.shared != null) {
			this.shared.evictAll();
		}
		return removed;
	}

	/**
	 * The approximate number of answers in the local tier (calls in flight included).
	 * @return the estimate
	 */
	public long estimatedSize() {
		return this.local.estimatedSize();
	}

	/**
	 * An upper estimate of the heap bytes the local tier's answers hold, as weighed
	 * against {@code maxMemory}.
	 * @return the estimate in bytes
	 */
	public long estimatedMemory() {
		return this.local.weightedSize();
	}

	/**
	 * The local tier's statistics since it was created: hits, misses, evictions.
	 * @return a snapshot of the statistics
	 */
	public CacheStats stats() {
		return this.local.caffeine().synchronous().stats();
	}

	/**
	 * The shared tier's state and counts since start-up.
	 * @return them, or {@code null} when there is no shared tier
	 */
	public @Nullable SharedStatistics sharedStatistics() {
		SharedTier shared = this.shared;
		if (shared == null) {
			return null;
		}
		return new SharedStatistics(shared.isAvailable(), shared.hits.sum(), shared.misses.sum(), shared.errors.sum(),
				shared.refused.sum());
	}

	// For IntrospectionCacheMetrics.
	AsyncCache<CacheKey, CacheEntry> caffeine() {
		return this.local.caffeine();
	}

	Set<CacheKey> keys() {
		return this.local.keys();
	}

	void cleanUp() {
		this.local.cleanUp();
	}

	@Override
	public String toString() {
		return "IntrospectionCache [shared=" + (this.shared != null) + "]";
	}

	/**
	 * The shared tier's state and counts.
	 *
	 * @param available whether Redis takes calls (its circuit is not open)
	 * @param hits lookups answered by Redis
	 * @param misses lookups Redis had no answer for
	 * @param errors Redis calls that failed or timed out, or were refused by the open
	 * circuit
	 * @param refused values refused because they failed authentication (altered, forged,
	 * or sealed under another key)
	 */
	public record SharedStatistics(boolean available, long hits, long misses, long errors, long refused) {

	}

	private final class Evictions implements SharedTier.LocalEvictions {

		@Override
		public void evictDigests(List<byte[]> digests) {
			for (byte[] digest : digests) {
				IntrospectionCache.this.local.evict(CacheKey.of(IntrospectionCache.this.endpoint, digest));
			}
		}

		@Override
		public void evictClaim(String claim, List<byte[]> digests) {
			SharedTier shared = IntrospectionCache.this.shared;
			if (shared != null) {
				IntrospectionCache.this.local
					.evictIf((principal) -> principal.getAttributes().get(claim) instanceof String value
							&& shared.matches(claim, value, digests));
			}
		}

		@Override
		public void evictAll() {
			IntrospectionCache.this.local.evictAll();
		}

	}

	/**
	 * Builds an {@link IntrospectionCache}.
	 */
	public static final class Builder {

		private String endpoint = "";

		private Duration ttl = Duration.ofSeconds(60);

		private long maxSize = 100_000;

		private long maxMemory = defaultMaxMemory();

		private Duration inactiveTtl = Duration.ZERO;

		private Duration staleIfError = Duration.ZERO;

		private Ticker ticker = Ticker.systemTicker();

		private Clock clock = Clock.systemUTC();

		// Caffeine's maintenance (draining its read buffers, expiring and evicting
		// entries) is a few hundred nanoseconds of amortized work; run on the request
		// thread that triggers it, it costs less than waking a pool thread for it,
		// which under load happened every few requests.
		private Executor executor = Runnable::run;

		private @Nullable SharedStore store;

		private @Nullable CacheSecret secret;

		private @Nullable CacheSecret previousSecret;

		private Duration localTtl = Duration.ofSeconds(5);

		private Duration coalesceWait = Duration.ofSeconds(1);

		private String prefix = "introspection";

		private Builder() {
		}

		/**
		 * The identity of the introspection endpoint, part of every key; default empty.
		 * @param endpoint the endpoint, typically its URL
		 * @return this builder
		 */
		public Builder endpoint(String endpoint) {
			Assert.notNull(endpoint, "endpoint cannot be null");
			this.endpoint = endpoint;
			return this;
		}

		/**
		 * The longest an active answer is cached, never past the token's {@code exp};
		 * default 60 s. Zero keeps nothing but still coalesces concurrent requests.
		 * @param ttl the lifetime
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			this.ttl = nonNegative(ttl, "ttl");
			return this;
		}

		/**
		 * The most answers kept in the local tier; default 100,000.
		 * @param maxSize the number of entries
		 * @return this builder
		 */
		public Builder maxSize(long maxSize) {
			Assert.isTrue(maxSize >= 0, "maxSize cannot be negative");
			this.maxSize = maxSize;
			return this;
		}

		/**
		 * The most heap bytes the local tier's answers may hold, by an upper estimate of
		 * each answer's size; the least recently used answers are evicted first. Default
		 * a tenth of the heap's maximum ({@code -Xmx}).
		 * @param maxMemory the bound in bytes
		 * @return this builder
		 */
		public Builder maxMemory(long maxMemory) {
			Assert.isTrue(maxMemory > 0, "maxMemory must be positive");
			this.maxMemory = maxMemory;
			return this;
		}

		/**
		 * The default of {@link #maxMemory(long)}: a tenth of the heap's maximum.
		 * @return the bound in bytes
		 */
		public static long defaultMaxMemory() {
			return Math.max(Runtime.getRuntime().maxMemory() / 10, 1);
		}

		/**
		 * How long an inactive answer is cached; default zero, never.
		 * @param inactiveTtl the lifetime
		 * @return this builder
		 */
		public Builder inactiveTtl(Duration inactiveTtl) {
			this.inactiveTtl = nonNegative(inactiveTtl, "inactiveTtl");
			return this;
		}

		/**
		 * How long after its lifetime an active answer is still accepted while the
		 * identity provider is unavailable (never past {@code exp}); default zero, off.
		 * @param staleIfError the window
		 * @return this builder
		 */
		public Builder staleIfError(Duration staleIfError) {
			this.staleIfError = nonNegative(staleIfError, "staleIfError");
			return this;
		}

		/**
		 * The time source of local lifetimes; default the system ticker.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			Assert.notNull(ticker, "ticker cannot be null");
			this.ticker = ticker;
			return this;
		}

		/**
		 * The clock compared with {@code exp} and the shared tier's lifetimes; default
		 * the system clock in UTC.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock cannot be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Where Caffeine runs its maintenance (evictions); default the thread that
		 * triggers it.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			Assert.notNull(executor, "executor cannot be null");
			this.executor = executor;
			return this;
		}

		/**
		 * Turns the shared tier on.
		 * @param store the store, typically Redis
		 * @param secret the secret every replica shares
		 * @param previousSecret the former secret during a rotation (read, never
		 * written), or {@code null}
		 * @return this builder
		 */
		public Builder shared(SharedStore store, CacheSecret secret, @Nullable CacheSecret previousSecret) {
			Assert.notNull(store, "store cannot be null");
			Assert.notNull(secret, "secret cannot be null");
			this.store = store;
			this.secret = secret;
			this.previousSecret = previousSecret;
			return this;
		}

		/**
		 * The longest an answer stays fresh in the local tier in front of the shared one;
		 * default 5 s. It bounds how long a replica that missed an eviction message
		 * serves the evicted answer.
		 * @param localTtl the lifetime
		 * @return this builder
		 */
		public Builder localTtl(Duration localTtl) {
			this.localTtl = nonNegative(localTtl, "localTtl");
			return this;
		}

		/**
		 * How long a replica waits for another replica's call for the same token before
		 * it calls the identity provider itself; default 1 s.
		 * @param coalesceWait the wait
		 * @return this builder
		 */
		public Builder coalesceWait(Duration coalesceWait) {
			Assert.isTrue(coalesceWait != null && coalesceWait.toMillis() > 0, "coalesceWait must be positive");
			this.coalesceWait = coalesceWait;
			return this;
		}

		/**
		 * The prefix of the shared tier's keys and channel; default
		 * {@code introspection}.
		 * @param prefix the prefix
		 * @return this builder
		 */
		public Builder prefix(String prefix) {
			Assert.hasText(prefix, "prefix cannot be empty");
			this.prefix = prefix;
			return this;
		}

		/**
		 * Builds the cache; with a shared tier, it subscribes to eviction messages.
		 * @return the cache
		 */
		public IntrospectionCache build() {
			return new IntrospectionCache(this);
		}

		private static Duration nonNegative(Duration duration, String name) {
			Assert.isTrue(duration != null && !duration.isNegative(), name + " cannot be negative");
			return duration;
		}

	}

}
