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
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A measurement, not a test (CI does not run it: its name does not end in {@code Tests}):
 * what a hit in the shared tier costs over a local hit, in process, on an embedded Redis.
 * Interleaves, per token, a local hit, a Redis hit (local tier emptied first) and a bare
 * Lettuce {@code GET} on the same kind of connection, and prints p50 and p99 of each.
 * <p>
 * Run after {@code mvn test-compile}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.github.introspection.cache.SharedHitCost [iterations]}.
 */
public final class SharedHitCost {

	private SharedHitCost() {
	}

	public static void main(String[] args) throws Exception {
		int iterations = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int tokens = 200;
		RedisServerExtension extension = new RedisServerExtension();
		extension.beforeAll(null);
		try (Fleet fleet = new Fleet()) {
			Fleet.Replica writer = fleet.replica();
			Fleet.Replica reader = fleet.replica();
			String[] names = new String[tokens];
			for (int i = 0; i < tokens; i++) {
				names[i] = "hit-" + i;
				writer.introspect(names[i]);
			}
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", RedisServerExtension.port()));
			factory.afterPropertiesSet();
			factory.start();
			LettuceConnection connection = (LettuceConnection) factory.getConnection();
			RedisClusterAsyncCommands<byte[], byte[]> redis = connection.getNativeConnection();
			byte[] bareKey = "bare".getBytes(StandardCharsets.UTF_8);
			redis.set(bareKey, new byte[200]).get();
			long[] local = new long[iterations];
			long[] shared = new long[iterations];
			long[] bare = new long[iterations];
			long[] open = new long[iterations];
			CacheSecret secret = CacheSecret.of(Fleet.SECRET);
			byte[] context = "fleet:a:context".getBytes(StandardCharsets.UTF_8);
			byte[] sealed = secret.seal(SharedAnswerCodec.active(writer.introspect(names[0]), Long.MAX_VALUE), context);
			int warmup = iterations / 5;
			for (int round = 0; round < 2; round++) {
				int n = (round == 0) ? warmup : iterations;
				for (int i = 0; i < n; i++) {
					String token = names[i % tokens];
					CacheKey key = reader.cache().key(token);
					reader.cache().local().evict(key);
					long t0 = System.nanoTime();
					reader.introspect(token);
					long t1 = System.nanoTime();
					reader.introspect(token);
					long t2 = System.nanoTime();
					redis.get(bareKey).get(1, TimeUnit.SECONDS);
					long t3 = System.nanoTime();
					SharedAnswerCodec.read(secret.open(sealed, context));
					long t4 = System.nanoTime();
					if (round == 1) {
						shared[i] = t1 - t0;
						local[i] = t2 - t1;
						bare[i] = t3 - t2;
						open[i] = t4 - t3;
					}
				}
			}
			if (fleet.idp.calls() != tokens) {
				throw new IllegalStateException("expected " + tokens + " IdP calls, got " + fleet.idp.calls());
			}
			print("local hit", local);
			print("Redis hit (local tier empty)", shared);
			print("bare Lettuce GET (async + get)", bare);
			print("AES-GCM open + decode alone", open);
			connection.close();
			factory.destroy();
		}
		finally {
			extension.afterAll(null);
		}
	}

	private static void print(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "%-32s p50 %7.1f us  p99 %7.1f us  (n=%d)%n", what,
				sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0, sorted.length);
	}

}
