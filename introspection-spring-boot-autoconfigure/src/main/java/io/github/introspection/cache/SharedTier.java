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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.introspection.cache.SharedAnswerCodec.SharedAnswer;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;

/**
 * The shared tier of {@link IntrospectionCache}: answers sealed in a {@link SharedStore}
 * under HMAC keys, a short lock so that one replica calls the identity provider for a new
 * token while the others wait for its answer, index sets of the keys of each subject,
 * client and session, and eviction messages to every replica.
 * <p>
 * Redis keys, under the configured prefix: {@code a:} answers, {@code l:} locks,
 * {@code i:} index sets, {@code r:} replay records; the channel {@code evictions}. Every
 * failure of the store is a miss here (counted, and logged once a minute by
 * {@link SharedTierLog}), never an error for the request.
 */
final class SharedTier {

	/**
	 * The claims answers are indexed by, for evictions.
	 */
	static final List<String> INDEXED_CLAIMS = List.of(OAuth2TokenIntrospectionClaimNames.SUB,
			OAuth2TokenIntrospectionClaimNames.CLIENT_ID, "sid");

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();

	private static final byte[] LOCKED = { 1 };

	private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final SharedStore store;

	private final CacheSecret secret;

	private final @Nullable CacheSecret previous;

	private final String prefix;

	private final String channel;

	private final long ttlMillis;

	private final long inactiveTtlMillis;

	private final Duration coalesceWait;

	private final Clock clock;

	private final SharedTierLog log = new SharedTierLog();

	final LongAdder hits = new LongAdder();

	final LongAdder misses = new LongAdder();

	final LongAdder errors = new LongAdder();

	final LongAdder refused = new LongAdder();

	SharedTier(SharedStore store, CacheSecret secret, @Nullable CacheSecret previous, String prefix, Duration ttl,
			Duration inactiveTtl, Duration coalesceWait, Clock clock) {
		this.store = store;
		this.secret = secret;
		this.previous = previous;
		this.prefix = prefix + ":";
		this.channel = prefix + ":evictions";
		this.ttlMillis = ttl.toMillis();
		this.inactiveTtlMillis = inactiveTtl.toMillis();
		this.coalesceWait = coalesceWait;
		this.clock = clock;
	}

	/**
	 * The digest of a token that names it in the local tier and in Redis.
	 * @param endpoint the endpoint's identity
	 * @param token the token
	 * @return the HMAC under the current secret
	 */
	byte[] digest(String endpoint, String token) {
		return this.secret.mac("token", endpoint, token);
	}

	/**
	 * Finds a token's answer in Redis, or takes the lock to ask the identity provider, or
	 * waits (at most {@code coalesce-wait}) for the replica that holds it.
	 * @param endpoint the endpoint's identity
	 * @param token the token
	 * @param key its local key, whose digest is the current secret's
	 * @return what was found
	 */
	Lookup lookup(String endpoint, String token, CacheKey key) {
		String answerKey = answerKey(key.tokenHash());
		String lockKey = this.prefix + "l:" + encode(key.tokenHash());
		String previousKey = (this.previous != null) ? answerKey(this.previous.mac("token", endpoint, token)) : null;
		Read read = read(answerKey, lockKey, previousKey);
		if (read.answer() != null || read.failed()) {
			return count(read, null);
		}
		if (!read.locked()) {
			try {
				if (this.store.putIfAbsent(lockKey, LOCKED, this.clock.instant().plus(this.coalesceWait))) {
					return count(read, lockKey);
				}
			}
			catch (SharedStoreException ex) {
				failed(ex);
				return new Lookup(null, null);
			}
		}
		// Another replica is asking the identity provider: wait for its answer, until
		// its lock goes (it finished without an answer to share, or died) or the wait
		// runs out.
		long deadline = System.nanoTime() + this.coalesceWait.toNanos();
		long pause = FIRST_POLL_NANOS;
		while (System.nanoTime() - deadline < 0) {
			if (!pause(Math.min(pause, deadline - System.nanoTime()))) {
				break;
			}
			pause = Math.min(pause * 2, MAX_POLL_NANOS);
			read = read(answerKey, lockKey, previousKey);
			if (read.answer() != null || read.failed() || !read.locked()) {
				break;
			}
		}
		return count(read, null);
	}

	private Lookup count(Read read, @Nullable String lock) {
		if (read.answer() != null) {
			this.hits.increment();
		}
		else if (!read.failed()) {
			this.misses.increment();
		}
		return new Lookup(read.answer(), lock);
	}

	private Read read(String answerKey, String lockKey, @Nullable String previousKey) {
		List<String> keys = (previousKey != null) ? List.of(answerKey, lockKey, previousKey)
				: List.of(answerKey, lockKey);
		List<byte @Nullable []> values;
		try {
			values = this.store.get(keys);
		}
		catch (SharedStoreException ex) {
			failed(ex);
			return new Read(null, false, true);
		}
		SharedAnswer answer = open(this.secret, answerKey, values.get(0));
		if (answer == null && previousKey != null && this.previous != null) {
			answer = open(this.previous, previousKey, values.get(2));
		}
		return new Read(answer, values.get(1) != null, false);
	}

	private @Nullable SharedAnswer open(CacheSecret secret, String key, byte @Nullable [] sealed) {
		if (sealed == null) {
			return null;
		}
		byte[] opened = secret.open(sealed, key.getBytes(StandardCharsets.UTF_8));
		SharedAnswer answer = (opened != null) ? SharedAnswerCodec.read(opened) : null;
		if (answer == null) {
			this.refused.increment();
			this.log.refused();
			return null;
		}
		// The value's own lifetime is authenticated: a key whose expiry was changed in
		// Redis does not live longer here.
		return (answer.untilMillis() > this.clock.millis()) ? answer : null;
	}

	/**
	 * Shares an outcome (unless it is a failure, or not to be cached), then releases the
	 * lock if the lookup took it.
	 * @param key the token's local key
	 * @param outcome the identity provider's outcome
	 * @param lookup the lookup that came before
	 */
	void share(CacheKey key, CacheEntry outcome, @Nullable Lookup lookup) {
		try {
			OAuth2AuthenticatedPrincipal principal = outcome.principal();
			long now = this.clock.millis();
			String answerKey = answerKey(key.tokenHash());
			if (principal != null) {
				long until = until(principal, now);
				if (until > now) {
					byte[] sealed = this.secret.seal(SharedAnswerCodec.active(principal, until),
							answerKey.getBytes(StandardCharsets.UTF_8));
					this.store.put(answerKey, sealed, Instant.ofEpochMilli(until), indexes(principal),
							Instant.ofEpochMilli(now + this.ttlMillis));
				}
			}
			else if (!outcome.isFailed() && this.inactiveTtlMillis > 0) {
				long until = now + this.inactiveTtlMillis;
				byte[] sealed = this.secret.seal(SharedAnswerCodec.inactive(until),
						answerKey.getBytes(StandardCharsets.UTF_8));
				this.store.put(answerKey, sealed, Instant.ofEpochMilli(until), List.of(), Instant.ofEpochMilli(until));
			}
		}
		catch (SharedStoreException ex) {
			failed(ex);
		}
		finally {
			if (lookup != null && lookup.lock() != null) {
				try {
					this.store.delete(List.of(lookup.lock()));
				}
				catch (SharedStoreException ex) {
					// It expires by itself after coalesce-wait.
					failed(ex);
				}
			}
		}
	}

	// min(exp, now + ttl): never later than the token's exp, never extended.
	private long until(OAuth2AuthenticatedPrincipal principal, long now) {
		Object exp = principal.getAttributes().get(OAuth2TokenIntrospectionClaimNames.EXP);
		if (exp == null) {
			return now + this.ttlMillis;
		}
		if (!(exp instanceof Instant expiresAt)) {
			return now;
		}
		return Math.min(now + this.ttlMillis, expiresAt.toEpochMilli());
	}

	private List<String> indexes(OAuth2AuthenticatedPrincipal principal) {
		List<String> indexes = new ArrayList<>(INDEXED_CLAIMS.size());
		for (String claim : INDEXED_CLAIMS) {
			if (principal.getAttributes().get(claim) instanceof String value) {
				indexes.add(indexKey(this.secret, claim, value));
			}
		}
		return indexes;
	}

	/**
	 * Removes a token's answer from Redis and tells every replica to drop it.
	 * @param endpoint the endpoint's identity
	 * @param token the token
	 */
	void evictToken(String endpoint, String token) {
		List<String> digests = new ArrayList<>(2);
		List<String> keys = new ArrayList<>(2);
		for (CacheSecret each : secrets()) {
			byte[] digest = each.mac("token", endpoint, token);
			digests.add(encode(digest));
			keys.add(answerKey(digest));
		}
		evict(keys, "token " + String.join(" ", digests));
	}

	/**
	 * Removes every answer whose claim has a value from Redis, through the claim's index
	 * sets, and tells every replica to drop theirs.
	 * @param claim one of {@link #INDEXED_CLAIMS}
	 * @param value the value
	 */
	void evictClaim(String claim, String value) {
		List<String> indexes = new ArrayList<>(2);
		List<String> digests = new ArrayList<>(2);
		for (CacheSecret each : secrets()) {
			indexes.add(indexKey(each, claim, value));
			digests.add(encode(each.mac("claim", claim, value)));
		}
		List<String> keys = new ArrayList<>(indexes);
		try {
			keys.addAll(this.store.members(indexes));
		}
		catch (SharedStoreException ex) {
			failed(ex);
		}
		evict(keys, claim + " " + String.join(" ", digests));
	}

	/**
	 * Removes every answer from Redis and tells every replica to drop theirs.
	 */
	void evictAll() {
		try {
			this.store.deleteAll(this.prefix + "a:");
			this.store.deleteAll(this.prefix + "i:");
		}
		catch (SharedStoreException ex) {
			failed(ex);
			this.log.evictionFailed();
		}
		publish("all");
	}

	private void evict(List<String> keys, String message) {
		try {
			this.store.delete(keys);
		}
		catch (SharedStoreException ex) {
			failed(ex);
			this.log.evictionFailed();
		}
		publish(message);
	}

	private void publish(String message) {
		try {
			this.store.publish(this.channel, message);
		}
		catch (SharedStoreException ex) {
			failed(ex);
			this.log.evictionFailed();
		}
	}

	/**
	 * Hands every eviction message, this replica's own included, to the local tier.
	 * @param local what evicts from the local tier
	 */
	void subscribe(LocalEvictions local) {
		this.store.subscribe(this.channel, (message) -> receive(message, local));
	}

	private void receive(String message, LocalEvictions local) {
		String[] parts = message.split(" ");
		if (parts[0].equals("all")) {
			local.evictAll();
			return;
		}
		List<byte[]> digests = new ArrayList<>(parts.length - 1);
		for (int i = 1; i < parts.length; i++) {
			try {
				digests.add(BASE64_DECODER.decode(parts[i]));
			}
			catch (IllegalArgumentException ex) {
				return;
			}
		}
		if (parts[0].equals("token")) {
			local.evictDigests(digests);
		}
		else if (INDEXED_CLAIMS.contains(parts[0])) {
			local.evictClaim(parts[0], digests);
		}
	}

	/**
	 * Whether a claim value's digest, under this replica's secrets, is one of those of an
	 * eviction message.
	 * @param claim the claim
	 * @param value its value in a cached answer
	 * @param digests the message's digests
	 * @return whether the answer is evicted
	 */
	boolean matches(String claim, String value, List<byte[]> digests) {
		for (CacheSecret each : secrets()) {
			byte[] mine = each.mac("claim", claim, value);
			for (byte[] digest : digests) {
				if (java.security.MessageDigest.isEqual(mine, digest)) {
					return true;
				}
			}
		}
		return false;
	}

	boolean isAvailable() {
		return this.store.isAvailable();
	}

	private List<CacheSecret> secrets() {
		return (this.previous != null) ? List.of(this.secret, this.previous) : List.of(this.secret);
	}

	private String answerKey(byte[] digest) {
		return this.prefix + "a:" + encode(digest);
	}

	private String indexKey(CacheSecret secret, String claim, String value) {
		return this.prefix + "i:" + encode(secret.mac("index", claim, value));
	}

	private void failed(SharedStoreException ex) {
		this.errors.increment();
		this.log.failed(ex);
	}

	private static String encode(byte[] digest) {
		return BASE64.encodeToString(digest);
	}

	private static boolean pause(long nanos) {
		if (nanos <= 0) {
			return true;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * What a lookup found.
	 *
	 * @param answer the shared answer, or {@code null}
	 * @param lock the lock this replica took, to release once it has shared its outcome,
	 * or {@code null}
	 */
	record Lookup(@Nullable SharedAnswer answer, @Nullable String lock) {

	}

	private record Read(@Nullable SharedAnswer answer, boolean locked, boolean failed) {

	}

	/**
	 * What eviction messages do to the local tier.
	 */
	interface LocalEvictions {

		void evictDigests(List<byte[]> digests);

		void evictClaim(String claim, List<byte[]> digests);

		void evictAll();

	}

}
