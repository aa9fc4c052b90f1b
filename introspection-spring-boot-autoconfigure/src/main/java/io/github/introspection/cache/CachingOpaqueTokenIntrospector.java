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
import io.github.introspection.cache.SharedAnswerCodec.SharedAnswer;
import io.github.introspection.client.IntrospectionListener;
import io.github.introspection.client.IntrospectionListener.Outcome;
import io.github.introspection.client.IntrospectionListener.Source;
import io.github.introspection.client.IntrospectionUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;

/**
 * An {@link OpaqueTokenIntrospector} that caches the answers of another one in an
 * {@link IntrospectionCache} (given, or built from this builder's settings).
 * <ul>
 * <li>The key is the SHA-256 of the token plus the endpoint identity, never the token.
 * <li>An active answer lives {@code min(ttl, exp - now)}, or {@code ttl} without
 * {@code exp}; an {@code exp} already reached is not cached at all; a hit never extends a
 * lifetime; at most {@code maxSize} answers are kept, holding at most {@code maxMemory}
 * bytes (an upper estimate of each answer's heap; by default a tenth of the heap), so
 * that large answers cannot exhaust the heap.
 * <li>With the cache's shared tier, a local miss asks Redis next, and the identity
 * provider only when Redis has no answer: one replica at a time per token, the others
 * waiting for its answer (see {@link IntrospectionCache}).
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

	private final IntrospectionCache cache;

	private final LocalCache local;

	private final @Nullable SharedTier shared;

	private final IntrospectionListener listener;

	private CachingOpaqueTokenIntrospector(Builder builder) {
		this.delegate = builder.delegate;
		this.listener = builder.listener;
		this.cache = (builder.cache != null) ? builder.cache : builder.settings.build();
		this.local = this.cache.local();
		this.shared = this.cache.shared();
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
		CacheKey key = this.cache.key(token);
		CompletableFuture<CacheEntry> current = this.local.get(key);
		if (current == null) {
			CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
			current = this.local.claim(key, mine);
			if (current == null) {
				return fetch(token, key, mine, null, null).answer();
			}
		}
		if (!current.isDone()) {
			// Another request is asking the delegate: share its outcome.
			return answer(await(current), Source.COALESCED);
		}
		CacheEntry entry = await(current);
		long now = this.local.now();
		if (entry.isFresh(now)) {
			return answer(entry, Source.CACHE);
		}
		if (!entry.isRetained(now)) {
			// Past its whole lifetime but not evicted yet: claim the key the way a miss
			// does, so that the requests racing the expiry still share one call.
			CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
			if (this.local.replace(key, current, mine)) {
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
		if (outcome.isUnavailable() && stale.canServeStale(this.local.now(), this.local.instant())) {
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

	// Asks the shared tier, else calls the delegate (and shares its outcome), publishes
	// the outcome in the local tier, then wakes the waiters: the cache is updated before
	// anyone can ask again.
	private CacheEntry fetch(String token, CacheKey key, CompletableFuture<CacheEntry> mine,
			@Nullable CompletableFuture<CacheEntry> replaced, @Nullable CacheEntry stale) {
		CacheEntry outcome;
		try {
			outcome = lookUpOrCall(token, key);
		}
		catch (RuntimeException | Error ex) {
			outcome = this.local.failed(ex);
		}
		try {
			this.local.publish(key, mine, replaced, stale, outcome);
		}
		finally {
			mine.complete(outcome);
		}
		return outcome;
	}

	private CacheEntry lookUpOrCall(String token, CacheKey key) {
		SharedTier shared = this.shared;
		if (shared == null) {
			return call(token);
		}
		SharedTier.Lookup lookup = shared.lookup(this.cache.endpoint(), token, key);
		SharedAnswer answer = lookup.answer();
		if (answer != null) {
			CacheEntry outcome = this.local.shared(answer.principal(), answer.untilMillis());
			report(outcome, Source.SHARED);
			return outcome;
		}
		CacheEntry outcome = call(token);
		shared.share(key, outcome, lookup);
		return outcome;
	}

	private CacheEntry call(String token) {
		try {
			return this.local.active(this.delegate.introspect(token));
		}
		catch (BadOpaqueTokenException ex) {
			return this.local.inactive();
		}
		catch (RuntimeException | Error ex) {
			return this.local.failed(ex);
		}
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
	 * The cache this introspector fills.
	 * @return the cache
	 */
	public IntrospectionCache getCache() {
		return this.cache;
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
		return this.cache.evictToken(token);
	}

	/**
	 * Removes every cached answer.
	 * @return how many answers (and calls in flight) were removed
	 */
	public long evictAll() {
		return this.cache.clear();
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
		return this.cache.estimatedMemory();
	}

	/**
	 * The cache's statistics since it was created: hits, misses, evictions.
	 * @return a snapshot of the statistics
	 */
	public CacheStats stats() {
		return this.cache.stats();
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

		private final IntrospectionCache.Builder settings = IntrospectionCache.builder();

		private @Nullable IntrospectionCache cache;

		private IntrospectionListener listener = IntrospectionListener.none();

		private Builder(OpaqueTokenIntrospector delegate) {
			Assert.notNull(delegate, "delegate cannot be null");
			this.delegate = delegate;
		}

		/**
		 * The cache to fill, typically the application's {@link IntrospectionCache} bean;
		 * when set, the settings of this builder ({@link #ttl(Duration)} and the others)
		 * are not used. Default a local cache of its own, built from them.
		 * @param cache the cache
		 * @return this builder
		 */
		public Builder cache(IntrospectionCache cache) {
			Assert.notNull(cache, "cache cannot be null");
			this.cache = cache;
			return this;
		}

		/**
		 * The identity of the introspection endpoint, part of every key; default empty.
		 * @param endpoint the endpoint, typically its URL
		 * @return this builder
		 * @see IntrospectionCache.Builder#endpoint(String)
		 */
		public Builder endpoint(String endpoint) {
			this.settings.endpoint(endpoint);
			return this;
		}

		/**
		 * The longest an active answer is cached, never past the token's {@code exp};
		 * default 60 s. Zero keeps nothing but still coalesces concurrent requests.
		 * @param ttl the lifetime
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			this.settings.ttl(ttl);
			return this;
		}

		/**
		 * The most answers kept; default 100,000.
		 * @param maxSize the number of entries
		 * @return this builder
		 */
		public Builder maxSize(long maxSize) {
			this.settings.maxSize(maxSize);
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
			this.settings.maxMemory(maxMemory);
			return this;
		}

		/**
		 * The default of {@link #maxMemory(long)}: a tenth of the heap's maximum.
		 * @return the bound in bytes
		 */
		public static long defaultMaxMemory() {
			return IntrospectionCache.Builder.defaultMaxMemory();
		}

		/**
		 * How long an inactive answer is cached; default zero, never.
		 * @param inactiveTtl the lifetime
		 * @return this builder
		 */
		public Builder inactiveTtl(Duration inactiveTtl) {
			this.settings.inactiveTtl(inactiveTtl);
			return this;
		}

		/**
		 * How long after its lifetime an active answer is still accepted while the
		 * identity provider is unavailable (never past {@code exp}); default zero, off.
		 * @param staleIfError the window
		 * @return this builder
		 */
		public Builder staleIfError(Duration staleIfError) {
			this.settings.staleIfError(staleIfError);
			return this;
		}

		/**
		 * The time source of lifetimes; default the system ticker.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			this.settings.ticker(ticker);
			return this;
		}

		/**
		 * The clock compared with {@code exp}; default the system clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.settings.clock(clock);
			return this;
		}

		/**
		 * Where Caffeine runs its maintenance (evictions); default the thread that
		 * triggers it.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.settings.executor(executor);
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

	}

}
