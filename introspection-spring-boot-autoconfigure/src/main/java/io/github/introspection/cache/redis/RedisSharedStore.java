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

package io.github.introspection.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.introspection.cache.SharedStore;
import io.github.introspection.cache.SharedStoreException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A {@link SharedStore} on Redis, through the application's
 * {@link LettuceConnectionFactory} (Spring Boot's {@code spring.data.redis.*}).
 * <ul>
 * <li>Commands go through Lettuce's asynchronous API on the factory's shared connection,
 * each bounded by its own timeout (the factory's command timeout, which other users of
 * Redis in the application may need longer, is left alone); a command that times out is
 * cancelled, so that one queued while the connection is down is not sent later.
 * <li>A Resilience4j circuit breaker learns each command's outcome; while it is open,
 * calls fail at once.
 * <li>The connection is made in the background: a Redis that is down at start-up delays
 * nothing, and Lettuce reconnects by itself after it is lost.
 * <li>Messages come through Spring Data Redis's {@link RedisMessageListenerContainer},
 * which subscribes again after the connection comes back.
 * </ul>
 */
public final class RedisSharedStore implements SharedStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisSharedStore.class);

	private static final int SCAN_COUNT = 500;

	private final LettuceConnectionFactory connectionFactory;

	private final long timeoutNanos;

	private final CircuitBreaker circuitBreaker;

	private final RedisMessageListenerContainer listeners;

	private final AtomicBoolean connecting = new AtomicBoolean();

	private volatile @Nullable RedisConnection connection;

	/**
	 * Creates the store and starts connecting.
	 * @param connectionFactory the application's connection factory
	 * @param timeout the longest wait for one command
	 * @param circuitBreaker the breaker in front of Redis
	 * @param connectWait how long to wait here for the first connection (the start-up
	 * goes on without it afterwards)
	 */
	public RedisSharedStore(LettuceConnectionFactory connectionFactory, Duration timeout, CircuitBreaker circuitBreaker,
			Duration connectWait) {
		Assert.notNull(connectionFactory, "connectionFactory cannot be null");
		Assert.isTrue(timeout != null && timeout.toNanos() > 0, "timeout must be positive");
		Assert.notNull(circuitBreaker, "circuitBreaker cannot be null");
		this.connectionFactory = connectionFactory;
		this.timeoutNanos = timeout.toNanos();
		this.circuitBreaker = circuitBreaker;
		this.listeners = new RedisMessageListenerContainer();
		this.listeners.setConnectionFactory(connectionFactory);
		this.listeners.setRecoveryBackoff(new FixedBackOff(500, FixedBackOff.UNLIMITED_ATTEMPTS));
		this.listeners.setMaxSubscriptionRegistrationWaitingTime(connectWait.toMillis());
		this.listeners.setBeanName("introspectionRedisListeners");
		this.listeners.afterPropertiesSet();
		CountDownLatch connected = new CountDownLatch(1);
		connect(connected);
		try {
			connected.await(connectWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public List<byte @Nullable []> get(List<String> keys) {
		List<KeyValue<byte[], byte[]>> values = call("MGET", (redis) -> redis.mget(bytes(keys)));
		List<byte @Nullable []> result = new ArrayList<>(keys.size());
		for (KeyValue<byte[], byte[]> value : values) {
			result.add(value.hasValue() ? value.getValue() : null);
		}
		return result;
	}

	@Override
	public void put(String key, byte[] value, Instant expiresAt, Collection<String> indexes, Instant indexesExpireAt) {
		// One round trip: Lettuce pipelines the commands it is given without waiting.
		call("SET", (redis) -> {
			List<RedisFuture<?>> replies = new ArrayList<>(1 + 2 * indexes.size());
			replies.add(redis.set(bytes(key), value, SetArgs.Builder.pxAt(expiresAt.toEpochMilli())));
			for (String index : indexes) {
				replies.add(redis.sadd(bytes(index), bytes(key)));
				replies.add(redis.pexpireat(bytes(index), indexesExpireAt.toEpochMilli()));
			}
			return LettuceFutures.allOf(replies);
		});
	}

	@Override
	public boolean putIfAbsent(String key, byte[] value, Instant expiresAt) {
		String reply = call("SET NX",
				(redis) -> redis.set(bytes(key), value, SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli())));
		return "OK".equals(reply);
	}

	@Override
	public List<String> members(Collection<String> indexes) {
		if (indexes.isEmpty()) {
			return List.of();
		}
		List<String> members = new ArrayList<>();
		for (byte[] member : call("SUNION", (redis) -> redis.sunion(bytes(indexes)))) {
			members.add(new String(member, StandardCharsets.UTF_8));
		}
		return members;
	}

	@Override
	public void delete(Collection<String> keys) {
		if (!keys.isEmpty()) {
			call("UNLINK", (redis) -> redis.unlink(bytes(keys)));
		}
	}

	@Override
	public void deleteAll(String prefix) {
		ScanArgs match = ScanArgs.Builder.matches(bytes(prefix + "*")).limit(SCAN_COUNT);
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			ScanCursor from = cursor;
			var page = call("SCAN", (redis) -> redis.scan(from, match));
			if (!page.getKeys().isEmpty()) {
				call("UNLINK", (redis) -> redis.unlink(page.getKeys().toArray(new byte[0][])));
			}
			cursor = page;
		}
		while (!cursor.isFinished());
	}

	@Override
	public void publish(String channel, String message) {
		call("PUBLISH", (redis) -> redis.publish(bytes(channel), bytes(message)));
	}

	@Override
	public void subscribe(String channel, Consumer<String> listener) {
		this.listeners.addMessageListener(
				(message, pattern) -> listener.accept(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(channel));
		if (!this.listeners.isRunning()) {
			try {
				this.listeners.start();
			}
			catch (RuntimeException ex) {
				// The container subscribes again by itself once Redis answers.
				logger.warn("Could not subscribe to the shared cache tier's evictions yet ("
						+ ex.getClass().getSimpleName() + "); retrying in the background");
			}
		}
	}

	@Override
	public boolean isAvailable() {
		CircuitBreaker.State state = this.circuitBreaker.getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
	}

	/**
	 * Whether the connection to Redis has been made (Lettuce keeps it, reconnecting by
	 * itself).
	 * @return whether it is there
	 */
	public boolean isConnected() {
		return this.connection != null;
	}

	/**
	 * Whether this replica listens to eviction messages now.
	 * @return whether it is subscribed
	 */
	public boolean isListening() {
		return this.listeners.isListening();
	}

	@Override
	public void destroy() throws Exception {
		this.listeners.destroy();
		RedisConnection connection = this.connection;
		if (connection != null) {
			connection.close();
		}
	}

	private <T> T call(String command,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, ? extends Future<T>> invocation) {
		if (!this.circuitBreaker.tryAcquirePermission()) {
			throw new SharedStoreException("Redis calls are refused while the circuit is open", null);
		}
		long start = System.nanoTime();
		Future<T> future = null;
		try {
			future = invocation.apply(commands());
			T result = future.get(this.timeoutNanos, TimeUnit.NANOSECONDS);
			this.circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.circuitBreaker.releasePermission();
			throw new SharedStoreException("Redis " + command + " was interrupted", ex);
		}
		catch (TimeoutException | ExecutionException | RuntimeException ex) {
			if (future != null) {
				future.cancel(false);
			}
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			this.circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
			throw new SharedStoreException(
					"Redis " + command + ((ex instanceof TimeoutException) ? " timed out" : " failed"), cause);
		}
	}

	private RedisClusterAsyncCommands<byte[], byte[]> commands() {
		RedisConnection connection = this.connection;
		if (connection == null) {
			connect(null);
			throw new SharedStoreException("Redis is not connected yet", null);
		}
		return ((LettuceConnection) connection).getNativeConnection();
	}

	// Makes the shared connection in the background: Lettuce's first connect blocks for
	// up to its connect timeout, far longer than a request may wait.
	private void connect(@Nullable CountDownLatch connected) {
		if (!this.connecting.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				this.connection = this.connectionFactory.getConnection();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not connect to Redis yet", ex);
			}
			finally {
				this.connecting.set(false);
				if (connected != null) {
					connected.countDown();
				}
			}
		}, "introspection-redis-connect");
		thread.setDaemon(true);
		thread.start();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[][] bytes(Collection<String> values) {
		byte[][] bytes = new byte[values.size()][];
		int i = 0;
		for (String value : values) {
			bytes[i++] = bytes(value);
		}
		return bytes;
	}

}
