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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.github.introspection.client.IntrospectionUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/**
 * One introspection outcome: an active token (its finished principal), an inactive one,
 * or a failure. Times are {@link com.github.benmanes.caffeine.cache.Ticker} nanoseconds:
 * the entry answers as a hit until {@code freshUntil} and stays in the cache, for
 * serve-stale, until {@code retainUntil}. Failures are never kept in the cache: they only
 * travel to the requests that waited for them.
 */
final class CacheEntry {

	static final String INACTIVE_MESSAGE = "Provided token isn't active";

	private static final VarHandle REFRESH;

	static {
		try {
			REFRESH = MethodHandles.lookup().findVarHandle(CacheEntry.class, "refresh", CompletableFuture.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final @Nullable OAuth2AuthenticatedPrincipal principal;

	private final @Nullable Throwable failure;

	private final @Nullable Instant expiresAt;

	private final long freshUntil;

	private final long retainUntil;

	private final long weight;

	@SuppressWarnings("unused") // accessed through REFRESH
	private volatile @Nullable CompletableFuture<CacheEntry> refresh;

	private volatile @Nullable BearerTokenAuthentication authentication;

	private CacheEntry(@Nullable OAuth2AuthenticatedPrincipal principal, @Nullable Throwable failure,
			@Nullable Instant expiresAt, long freshUntil, long retainUntil, long weight) {
		this.principal = principal;
		this.failure = failure;
		this.expiresAt = expiresAt;
		this.freshUntil = freshUntil;
		this.retainUntil = retainUntil;
		this.weight = weight;
	}

	static CacheEntry active(OAuth2AuthenticatedPrincipal principal, @Nullable Instant expiresAt, long now,
			long freshNanos, long retainNanos) {
		return new CacheEntry(principal, null, expiresAt, now + Math.max(freshNanos, 0), now + Math.max(retainNanos, 0),
				EntryWeight.of(principal));
	}

	static CacheEntry inactive(long now, long lifetimeNanos) {
		long until = now + Math.max(lifetimeNanos, 0);
		return new CacheEntry(null, null, null, until, until, EntryWeight.INACTIVE);
	}

	static CacheEntry failed(Throwable failure, long now) {
		return new CacheEntry(null, failure, null, now, now, 0);
	}

	/**
	 * An upper estimate of the heap bytes this entry holds.
	 * @return the estimate in bytes
	 */
	long weight() {
		return this.weight;
	}

	/**
	 * The answer to hand to a caller: the principal, or a fresh
	 * {@link BadOpaqueTokenException} for an inactive token, or the failure.
	 * @return the principal
	 */
	OAuth2AuthenticatedPrincipal answer() {
		if (this.principal != null) {
			return this.principal;
		}
		Throwable failure = this.failure;
		if (failure instanceof RuntimeException ex) {
			throw ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		throw new CachedInactiveTokenException();
	}

	@Nullable OAuth2AuthenticatedPrincipal principal() {
		return this.principal;
	}

	boolean isFailed() {
		return this.failure != null;
	}

	/**
	 * Whether this failure is an outage of the identity provider, the only failure a
	 * stale answer may stand in for: an unusable answer about the token itself (a
	 * malformed one, say) is that token's failure.
	 * @return whether the identity provider was unavailable
	 */
	boolean isUnavailable() {
		return this.failure instanceof IntrospectionUnavailableException unavailable && unavailable.isOutage();
	}

	boolean isFresh(long now) {
		return now - this.freshUntil < 0;
	}

	boolean isRetained(long now) {
		return now - this.retainUntil < 0;
	}

	/**
	 * Nanoseconds this entry may still stay in the cache.
	 * @param now the ticker's time
	 * @return the remaining time, zero when none
	 */
	long remainingNanos(long now) {
		return Math.max(this.retainUntil - now, 0);
	}

	/**
	 * Whether this answer may stand in for one the identity provider could not give: an
	 * active token, still inside its serve-stale window, whose {@code exp} has not
	 * passed.
	 * @param now the ticker's time
	 * @param instant the clock's time
	 * @return whether the stale principal may be served
	 */
	boolean canServeStale(long now, Instant instant) {
		return this.principal != null && isRetained(now)
				&& (this.expiresAt == null || instant.isBefore(this.expiresAt));
	}

	/**
	 * Claims the refresh of this entry for the caller, unless one is in flight.
	 * @param mine the future the caller will complete
	 * @return {@code null} when the caller won, or the future of the refresh in flight
	 */
	@SuppressWarnings("unchecked")
	@Nullable CompletableFuture<CacheEntry> startRefresh(CompletableFuture<CacheEntry> mine) {
		return (CompletableFuture<CacheEntry>) REFRESH.compareAndExchange(this, null, mine);
	}

	/**
	 * Releases a failed refresh, so that the next request tries again.
	 * @param mine the future of the refresh
	 */
	void endRefresh(CompletableFuture<CacheEntry> mine) {
		REFRESH.compareAndSet(this, mine, null);
	}

	@Nullable BearerTokenAuthentication authentication() {
		return this.authentication;
	}

	void authentication(BearerTokenAuthentication authentication) {
		this.authentication = authentication;
	}

	@Override
	public String toString() {
		String kind = (this.principal != null) ? "active" : (this.failure != null) ? "failed" : "inactive";
		return "CacheEntry [" + kind + "]";
	}

	/**
	 * A cached inactive answer, thrown on every hit: it says nothing about the request,
	 * so it skips the cost of a stack trace.
	 */
	private static final class CachedInactiveTokenException extends BadOpaqueTokenException {

		CachedInactiveTokenException() {
			super(INACTIVE_MESSAGE);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
