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

package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

/**
 * The Java loops of {@code benchmarks/fleet.sh}, on kept-alive connections (the JDK's
 * HTTP client), so that a figure is not a curl process start-up. Each prints one line
 * starting with its name in capitals, then {@code key=value} pairs.
 * <ul>
 * <li>{@code hit FIRST OTHER PREFIX TOKENS}: per token, one request on FIRST (the
 * identity provider is asked, the answer shared), then two on OTHER: the first is a Redis
 * hit, the second a local hit; p50 and p99 of each, and the p50 of their difference per
 * token.
 * <li>{@code reach IDP ADMIN_TOKEN ROUNDS FIRST OTHER...}: per round, a new token is used
 * on every replica (cached), revoked at the fake IdP ({@code POST /revoke}), then evicted
 * through FIRST's Actuator endpoint; each OTHER is polled in a tight loop until it answers
 * 401. Time from the eviction request's start until every OTHER has answered 401: p50,
 * p99, max.
 * <li>{@code load SECONDS THREADS PREFIX TOKENS URL...}: THREADS loops send GET requests
 * with {@code Bearer valid-PREFIX-i} (i cycling over TOKENS) to the URLs in turn; counts
 * the answers by status class and the transport errors.
 * </ul>
 */
public final class FleetProbe {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private FleetProbe() {
	}

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "hit" -> hit(args[1], args[2], args[3], Integer.parseInt(args[4]),
					(args.length > 5) ? Integer.parseInt(args[5]) : 5000, (args.length > 6) ? args[6] : null);
			case "reach" -> reach(args[1], args[2], Integer.parseInt(args[3]),
					Arrays.asList(args).subList(4, args.length));
			case "load" -> load(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3],
					Integer.parseInt(args[4]), Arrays.asList(args).subList(5, args.length));
			default -> throw new IllegalArgumentException("Unknown command " + args[0]);
		}
	}

	private static void hit(String first, String other, String prefix, int tokens, int warmTokens,
			@Nullable String redisUri) throws Exception {
		// The floor: a bare GET through Lettuce from this JVM, timed between the same
		// requests (the replica's Redis hit is one MGET through Lettuce).
		RedisClient redis = (redisUri != null) ? RedisClient.create(redisUri) : null;
		StatefulRedisConnection<String, String> connection = (redis != null) ? redis.connect() : null;
		long[] roundTrip = new long[tokens];
		long[] shared = new long[tokens];
		long[] local = new long[tokens];
		long[] added = new long[tokens];
		int failures = 0;
		String run = Long.toString(System.nanoTime(), 36);
		// Warm both paths first, on 4 threads: a local hit's code is hot from every other
		// request, but the code that only a Redis hit runs (Lettuce's MGET, the opening
		// of the sealed value, the codec) is compiled by the JIT only after thousands of
		// them, as in a replica that has served for a while.
		List<Thread> warmers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int from = w;
			Thread warmer = new Thread(() -> {
				try {
					for (int i = from; i < warmTokens; i += 4) {
						String token = "valid-" + prefix + "-warm-" + run + "-" + i;
						get(first + "/api/hello", token);
						get(other + "/api/hello", token);
						get(other + "/api/hello", token);
						if (connection != null) {
							connection.sync().get("bench:none");
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			warmer.start();
			warmers.add(warmer);
		}
		for (Thread warmer : warmers) {
			warmer.join();
		}
		for (int i = 0; i < tokens; i++) {
			String token = "valid-" + prefix + "-" + run + "-" + i;
			failures += (get(first + "/api/hello", token) == 200) ? 0 : 1;
			long t0 = System.nanoTime();
			failures += (get(other + "/api/hello", token) == 200) ? 0 : 1;
			long t1 = System.nanoTime();
			// the local hit after the same kind of gap as the Redis hit (a request on the
			// first replica): its connection has been idle as long
			failures += (get(first + "/api/hello", token) == 200) ? 0 : 1;
			long t2 = System.nanoTime();
			failures += (get(other + "/api/hello", token) == 200) ? 0 : 1;
			long t3 = System.nanoTime();
			if (connection != null) {
				long t4 = System.nanoTime();
				connection.sync().get("bench:none");
				roundTrip[i] = (System.nanoTime() - t4) / 1000;
			}
			shared[i] = (t1 - t0) / 1000;
			local[i] = (t3 - t2) / 1000;
			added[i] = shared[i] - local[i];
		}
		System.out.printf(Locale.ROOT,
				"HIT tokens=%d shared_p50_us=%d shared_p99_us=%d local_p50_us=%d local_p99_us=%d added_p50_us=%d redis_rtt_p50_us=%d failures=%d%n",
				tokens, pct(shared, 50), pct(shared, 99), pct(local, 50), pct(local, 99), pct(added, 50),
				(connection != null) ? pct(roundTrip, 50) : -1, failures);
		if (redis != null) {
			connection.close();
			redis.shutdown();
		}
	}

	private static void reach(String idp, String admin, int rounds, List<String> replicas) throws Exception {
		String first = replicas.get(0);
		List<String> others = replicas.subList(1, replicas.size());
		long[] times = new long[rounds];
		int incomplete = 0;
		String run = Long.toString(System.nanoTime(), 36);
		for (int r = 0; r < rounds; r++) {
			String token = "valid-reach-" + run + "-" + r;
			for (String replica : replicas) {
				check(get(replica + "/api/hello", token), 200, "a new token on " + replica);
			}
			send(HttpRequest.newBuilder(URI.create(idp + "/revoke?token=" + token))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			long start = System.nanoTime();
			int evicted = send(HttpRequest.newBuilder(URI.create(first + "/actuator/introspection"))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
				.build());
			check(evicted, 200, "the eviction");
			boolean[] reached = new boolean[others.size()];
			int left = others.size();
			long deadline = start + Duration.ofSeconds(10).toNanos();
			while (left > 0 && System.nanoTime() - deadline < 0) {
				for (int i = 0; i < reached.length; i++) {
					if (!reached[i] && get(others.get(i) + "/api/hello", token) == 401) {
						reached[i] = true;
						left--;
					}
				}
			}
			times[r] = (System.nanoTime() - start) / 1000;
			incomplete += (left > 0) ? 1 : 0;
		}
		System.out.printf(Locale.ROOT, "REACH rounds=%d p50_us=%d p99_us=%d max_us=%d incomplete=%d%n", rounds,
				pct(times, 50), pct(times, 99), pct(times, 100), incomplete);
	}

	private static void load(int seconds, int threads, String prefix, int tokens, List<String> urls)
			throws Exception {
		LongAdder ok = new LongAdder();
		LongAdder client = new LongAdder();
		LongAdder server = new LongAdder();
		LongAdder errors = new LongAdder();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int id = t;
			Thread worker = new Thread(() -> {
				int i = id;
				while (!stop.get()) {
					String url = urls.get(i % urls.size());
					String token = "valid-" + prefix + "-" + ((tokens > 1) ? ThreadLocalRandom.current().nextInt(tokens) : 0);
					i++;
					try {
						int status = get(url, token);
						(status < 300 ? ok : status < 500 ? client : server).increment();
					}
					catch (Exception ex) {
						errors.increment();
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		long start = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		stop.set(true);
		for (Thread worker : workers) {
			worker.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		long requests = ok.sum() + client.sum() + server.sum();
		System.out.printf(Locale.ROOT, "LOAD requests=%d rps=%.0f s2xx=%d s4xx=%d s5xx=%d errors=%d%n", requests,
				requests / elapsed, ok.sum(), client.sum(), server.sum(), errors.sum());
	}

	private static int get(String url, String token) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.build());
	}

	private static int send(HttpRequest request) throws Exception {
		return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static void check(int status, int expected, String what) {
		if (status != expected) {
			throw new IllegalStateException(what + " answered " + status + ", not " + expected);
		}
	}

	private static long pct(long[] values, int percentile) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
