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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.github.introspection.actuate.IntrospectionMetrics;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.ClaimAuthorityMapping;
import io.github.introspection.client.IntrospectionPrincipalFactory;
import io.github.introspection.client.IntrospectionResponseParser;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * What the introspection meters cost the cache-hit path: the throughput of
 * {@link CachingOpaqueTokenIntrospector#introspect(String)} on cached tokens without a
 * listener, and with {@link IntrospectionMetrics} bound to a Micrometer registry (one
 * counter increment per hit), in interleaved rounds, the order alternating.
 * <p>
 * Throughput is hits per second of the workers' own CPU time, so that other processes on
 * a shared machine weigh less than on a wall clock; the verdict is the median of the
 * rounds' ratios (metered / plain), each round measuring both back to back.
 * <p>
 * {@code java bench.HitPathMeters [rounds] [seconds] [tokens] [threads] [aa]} prints one
 * line per round and {@code HITPATH … ratio=…}; with {@code aa} both sides run without
 * meters, which shows the noise of the machine.
 */
public final class HitPathMeters {

	private HitPathMeters() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		double seconds = (args.length > 1) ? Double.parseDouble(args[1]) : 2;
		int tokens = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000;
		int threads = (args.length > 3) ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
		IntrospectionResponseParser parser = new IntrospectionResponseParser();
		IntrospectionPrincipalFactory factory = new IntrospectionPrincipalFactory("sub",
				List.of(ClaimAuthorityMapping.of("scope", "SCOPE_", null)));
		OpaqueTokenIntrospector idp = (token) -> factory
			.create(parser.parse(FakeIdp.active(token).getBytes(StandardCharsets.UTF_8)));
		String[] names = new String[tokens];
		for (int i = 0; i < tokens; i++) {
			names[i] = "token-" + i + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
		}
		IntrospectionMetrics metrics = new IntrospectionMetrics(CircuitBreaker.ofDefaults("introspection"),
				Bulkhead.ofDefaults("introspection"));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		boolean aa = args.length > 4 && "aa".equals(args[4]);
		// warm-up of both, interleaved
		for (int i = 0; i < 3; i++) {
			run(cache(idp, names, null), names, threads, seconds);
			run(cache(idp, names, aa ? null : metrics), names, threads, seconds);
		}
		List<Double> plainRates = new ArrayList<>();
		List<Double> meteredRates = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			// new caches every round, so that where one lands in memory weighs on no side
			CachingOpaqueTokenIntrospector plain = cache(idp, names, null);
			CachingOpaqueTokenIntrospector metered = cache(idp, names, aa ? null : metrics);
			boolean plainFirst = (round % 2 == 0);
			double first = run(plainFirst ? plain : metered, names, threads, seconds);
			double second = run(plainFirst ? metered : plain, names, threads, seconds);
			double plainRate = plainFirst ? first : second;
			double meteredRate = plainFirst ? second : first;
			plainRates.add(plainRate);
			meteredRates.add(meteredRate);
			ratios.add(meteredRate / plainRate);
			System.out.printf(Locale.ROOT, "round %d plain=%.0f metered=%.0f ratio=%.3f%n", round + 1, plainRate,
					meteredRate, meteredRate / plainRate);
		}
		double counted = registry.get("introspection.requests").tags("source", "cache", "outcome", "active")
			.functionCounter()
			.count();
		System.out.printf(Locale.ROOT,
				"HITPATH%s threads=%d tokens=%d rounds=%d plain=%.0f metered=%.0f (hits per CPU second, medians) "
						+ "ratio=%.3f (median of the rounds' ratios) counted=%.0f%n",
				aa ? " (A/A, no meters on either side)" : "", threads, tokens, rounds, median(plainRates), median(meteredRates), median(ratios), counted);
	}

	private static CachingOpaqueTokenIntrospector cache(OpaqueTokenIntrospector idp, String[] names,
			IntrospectionMetrics metrics) {
		CachingOpaqueTokenIntrospector.Builder builder = CachingOpaqueTokenIntrospector.builder(idp);
		if (metrics != null) {
			builder.listener(metrics);
		}
		CachingOpaqueTokenIntrospector cache = builder.build();
		for (String name : names) {
			cache.introspect(name);
		}
		return cache;
	}

	private static double run(CachingOpaqueTokenIntrospector cache, String[] names, int threads, double seconds)
			throws InterruptedException {
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder hits = new LongAdder();
		LongAdder cpuNanos = new LongAdder();
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t * 7919;
			Thread worker = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long cpuStart = cpu.getCurrentThreadCpuTime();
				long count = 0;
				int i = offset;
				while (!stop.get()) {
					for (int j = 0; j < 256; j++) {
						cache.introspect(names[(i++ & Integer.MAX_VALUE) % names.length]);
					}
					count += 256;
				}
				cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpuStart);
				hits.add(count);
			});
			worker.start();
			workers.add(worker);
		}
		ready.await();
		go.countDown();
		Thread.sleep((long) (seconds * 1000));
		stop.set(true);
		for (Thread worker : workers) {
			worker.join();
		}
		return hits.sum() / (cpuNanos.sum() / 1e9);
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
