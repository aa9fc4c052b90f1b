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

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The store behind the shared tier of {@link IntrospectionCache}: a few Redis commands,
 * each bounded by a short timeout. Keys and messages are opaque strings, values sealed
 * bytes; the store neither sees nor needs a token or a claim.
 * <p>
 * Every method fails fast with a {@link SharedStoreException} when the store cannot
 * answer in time or is known to be unavailable (its circuit is open): the cache then
 * carries on without it.
 */
public interface SharedStore {

	/**
	 * Reads several keys at once ({@code MGET}).
	 * @param keys the keys
	 * @return their values in order, {@code null} for a missing key
	 */
	List<byte @Nullable []> get(List<String> keys);

	/**
	 * Writes a value that expires at a given time ({@code SET PXAT}: a write delayed by a
	 * lost connection still ends on time), and adds its key to index sets that expire no
	 * sooner ({@code SADD}, {@code PEXPIREAT}).
	 * @param key the key
	 * @param value the value
	 * @param expiresAt when it expires, in the future
	 * @param indexes the sets its key joins
	 * @param indexesExpireAt when those sets expire, no sooner than {@code expiresAt}
	 */
	void put(String key, byte[] value, Instant expiresAt, Collection<String> indexes, Instant indexesExpireAt);

	/**
	 * Writes a value unless the key exists ({@code SET NX PXAT}).
	 * @param key the key
	 * @param value the value
	 * @param expiresAt when it expires, in the future
	 * @return whether it was written
	 */
	boolean putIfAbsent(String key, byte[] value, Instant expiresAt);

	/**
	 * The members of index sets ({@code SUNION}).
	 * @param indexes the sets
	 * @return their members
	 */
	List<String> members(Collection<String> indexes);

	/**
	 * Deletes keys ({@code UNLINK}).
	 * @param keys the keys
	 */
	void delete(Collection<String> keys);

	/**
	 * Deletes every key that starts with a prefix ({@code SCAN} and {@code UNLINK}).
	 * @param prefix the prefix
	 */
	void deleteAll(String prefix);

	/**
	 * Sends a message to every subscriber of a channel, this application's included.
	 * @param channel the channel
	 * @param message the message
	 */
	void publish(String channel, String message);

	/**
	 * Listens to a channel for as long as the store lives, resubscribing after the
	 * connection comes back.
	 * @param channel the channel
	 * @param listener called with each message
	 */
	void subscribe(String channel, Consumer<String> listener);

	/**
	 * Whether the store is taking calls: {@code false} while its circuit is open.
	 * @return whether calls go through
	 */
	boolean isAvailable();

}
