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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.introspection.client.IntrospectionListener;
import io.github.introspection.client.IntrospectionListener.Outcome;
import io.github.introspection.client.IntrospectionListener.Source;
import io.github.introspection.client.IntrospectionUnavailableException;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;

/**
 * An {@link OpaqueTokenIntrospector} that caches the answers of another one in Caffeine.
 * <ul>
 * <li>The key is the SHA-256 of the token plus the endpoint identity, never the token.
 * <li>An active answer lives {@code min(ttl, exp - now)}, or {@code ttl} without
 * {@code exp}; an {@code exp} already reached is not cached at all; a hit never extends a
 * lifetime; at most {@code maxSize} answers are kept, holding at most {@code maxMemory}
 * bytes (an upper estimate of each answer's heap; by default a tenth of the heap), so
 * that large answers cannot exhaust the heap.
 * <li>An inactive answer is cached for {@code inactiveTtl} when that is positive; a
 * failure is never cached.
 * <li>Concurrent requests for one uncached token make one call to the delegate and all
 * get its answer, inactive verdict or failure. The call runs on the first caller's
 * thread; the others wait for it without spinning.
 * <li>With {@code staleIfError} (off by default), an active answer that expired less than
 * that long ago, whose {@code exp} has not passed, is still accepted while the identity
 * provider is unavailable (an {@link IntrospectionUnavailableException} that is an
 * {@link IntrospectionUnavailableException#isOutage() outage}; never for a malformed
 * answer about the token itself). This trades a revocation that would go unseen during an
 * outage for availability.
 * </ul>
 */
public final class CachingOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final OpaqueTokenIntrospector delegate;

	private final String endpoint;

	private final IntrospectionCache cache;

	private final IntrospectionListener listener;

	private CachingOpaqueTokenIntrospector(Builder builder) {
		this.delegate = builder.delegate;
		this.endpoint = builder.endpoint;
		this.listener = builder.listener;
		this.cache = new IntrospectionCache(builder.ttl, builder.maxSize, builder.maxMemory, builder.inactiveTtl,
				builder.staleIfError, builder.ticker, builder.clock, builder.executor);
	}

	/**
	 * Starts a builder.
	 * @param delegate the introspector whose answers are cached
	 * @return the builder
	 */
	public static Builder builder(OpaqueTokenIntrospector delegate) {
		return new Builder(delegate);
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		CacheKey key = CacheKey.of(this.endpoint, token);
		CompletableFuture<CacheEntry> current = this.cache.get(key);
		if (current == null) {
			CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
			current = this.cache.claim(key, mine);
			if (current == null) {
				return fetch(token, key, mine, null, null).answer();
			}
		}
		if (!current.isDone()) {
			// Another request is asking the delegate: share its outcome.
			return answer(await(current), Source.COALESCED);
		}
		CacheEntry entry = await(current);
		long now = this.cache.now();
		if (entry.isFresh(now)) {
			return answer(entry, Source.CACHE);
		}
		if (!entry.isRetained(now)) {
			// Past its whole lifetime but not evicted yet: claim the key the way a miss
			// does, so that the requests racing the expiry still share one call.
			CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
			if (this.cache.replace(key, current, mine)) {
				return fetch(token, key, mine, null, null).answer();
			}
			return introspect(token);
		}
		return refresh(token, key, current, entry);
	}

	// An entry past its fresh lifetime but kept for serve-stale: ask again (one request
	// at a time) and fall back to the stale principal while the provider is unavailable.
	private OAuth2AuthenticatedPrincipal refresh(String token, CacheKey key, CompletableFuture<CacheEntry> current,
			CacheEntry stale) {
		CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
		CompletableFuture<CacheEntry> inFlight = stale.startRefresh(mine);
		CacheEntry outcome;
		if (inFlight != null) {
			outcome = await(inFlight);
			report(outcome, Source.COALESCED);
		}
		else {
			outcome = fetch(token, key, mine, current, stale);
		}
		if (outcome.isUnavailable() && stale.canServeStale(this.cache.now(), this.cache.instant())) {
			return stale.answer();
		}
		return outcome.answer();
	}

	// A request answered without calling the delegate (the delegate reports its own).
	private OAuth2AuthenticatedPrincipal answer(CacheEntry entry, Source source) {
		OAuth2AuthenticatedPrincipal principal = entry.principal();
		if (principal != null) {
			this.listener.introspected(source, Outcome.ACTIVE);
			return principal;
		}
		report(entry, source);
		return entry.answer();
	}

	private void report(CacheEntry entry, Source source) {
		this.listener.introspected(source, (entry.principal() != null) ? Outcome.ACTIVE
				: entry.isFailed() ? Outcome.UNAVAILABLE : Outcome.INACTIVE);
	}

	// Calls the delegate, publishes the outcome in the cache, then wakes the waiters: the
	// cache is updated before anyone can ask again.
	private CacheEntry fetch(String token, CacheKey key, CompletableFuture<CacheEntry> mine,
			@Nullable CompletableFuture<CacheEntry> replaced, @Nullable CacheEntry stale) {
		CacheEntry outcome;
		try {
			outcome = this.cache.active(this.delegate.introspect(token));
		}
		catch (BadOpaqueTokenException ex) {
			outcome = this.cache.inactive();
		}
		catch (RuntimeException | Error ex) {
			outcome = this.cache.failed(ex);
		}
		try {
			this.cache.publish(key, mine, replaced, stale, outcome);
		}
		finally {
			mine.complete(outcome);
		}
		return outcome;
	}

	private static CacheEntry await(CompletableFuture<CacheEntry> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * The cache entry that produced a principal, if it is still cached.
	 * @param principal a principal returned by {@link #introspect(String)}
	 * @return the entry, or {@code null}
	 */
	@Nullable CacheEntry entryOf(OAuth2AuthenticatedPrincipal principal) {
		return this.cache.entryOf(principal);
	}

	/**
	 * The caching introspector an introspector is, or stands in front of (a
	 * {@link ValidatingOpaqueTokenIntrospector} passes the cache's principals through
	 * unchanged).
	 * @param introspector an introspector
	 * @return the cache, or {@code null} when there is none
	 */
	static @Nullable CachingOpaqueTokenIntrospector behind(OpaqueTokenIntrospector introspector) {
		OpaqueTokenIntrospector inner = (introspector instanceof ValidatingOpaqueTokenIntrospector validating)
				? validating.getDelegate() : introspector;
		return (inner instanceof CachingOpaqueTokenIntrospector caching) ? caching : null;
	}

	IntrospectionCache cache() {
		return this.cache;
	}

	/**
	 * Removes a token's cached answer, if any: the next request with it asks the delegate
	 * again. A call for it already in flight still answers the requests waiting for it,
	 * and may still cache what it got.
	 * @param token the token
	 * @return whether an answer (or a call in flight) was removed
	 */
	public boolean evict(String token) {
		Assert.notNull(token, "token cannot be null");
		return this.cache.evict(CacheKey.of(this.endpoint, token));
	}

	/**
	 * Removes every cached answer.
	 * @return how many answers (and calls in flight) were removed
	 */
	public long evictAll() {
		return this.cache.evictAll();
	}

	/**
	 * The approximate number of cached answers (calls in flight included).
	 * @return the estimate
	 */
	public long estimatedSize() {
		return this.cache.estimatedSize();
	}

	/**
	 * An upper estimate of the heap bytes the cached answers hold, as weighed against
	 * {@code maxMemory}.
	 * @return the estimate in bytes
	 */
	public long estimatedMemory() {
		return this.cache.weightedSize();
	}

	/**
	 * The cache's statistics since it was created: hits, misses, evictions.
	 * @return a snapshot of the statistics
	 */
	public CacheStats stats() {
		return this.cache.caffeine().synchronous().stats();
	}

	/**
	 * The introspector whose answers are cached.
	 * @return the delegate
	 */
	public OpaqueTokenIntrospector getDelegate() {
		return this.delegate;
	}

	@Override
	public String toString() {
		return "CachingOpaqueTokenIntrospector [delegate=" + this.delegate + "]";
	}

	/**
	 * Builds a {@link CachingOpaqueTokenIntrospector}.
	 */
	public static final class Builder {

		private final OpaqueTokenIntrospector delegate;

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

		private IntrospectionListener listener = IntrospectionListener.none();

		private Builder(OpaqueTokenIntrospector delegate) {
			Assert.notNull(delegate, "delegate cannot be null");
			this.delegate = delegate;
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
		 * The most answers kept; default 100,000.
		 * @param maxSize the number of entries
		 * @return this builder
		 */
		public Builder maxSize(long maxSize) {
			Assert.isTrue(maxSize >= 0, "maxSize cannot be negative");
			this.maxSize = maxSize;
			return this;
		}

		/**
		 * The most heap bytes the cached answers may hold, by an upper estimate of each
		 * answer's size; the least recently used answers are evicted first. Default a
		 * tenth of the heap's maximum ({@code -Xmx}).
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
		 * The time source of lifetimes; default the system ticker.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			Assert.notNull(ticker, "ticker cannot be null");
			this.ticker = ticker;
			return this;
		}

		/**
		 * The clock compared with {@code exp}; default the system clock.
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
		 * Hears how the requests this cache answers itself end (from a cached entry, or
		 * with another request's call); the delegate reports the requests it is asked
		 * about. Default none.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(IntrospectionListener listener) {
			Assert.notNull(listener, "listener cannot be null");
			this.listener = listener;
			return this;
		}

		/**
		 * Builds the introspector.
		 * @return the introspector
		 */
		public CachingOpaqueTokenIntrospector build() {
			return new CachingOpaqueTokenIntrospector(this);
		}

		private static Duration nonNegative(Duration duration, String name) {
			Assert.isTrue(duration != null && !duration.isNegative(), name + " cannot be negative");
			return duration;
		}

	}

}
