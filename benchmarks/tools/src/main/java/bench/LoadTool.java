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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small HTTP load tools for the benchmarks (loopback only, bounded in count and time).
 * <ul>
 * <li>{@code fill URL PREFIX TOKENS CONCURRENCY}: sends one request per token
 * {@code valid-PREFIX-i} (i &lt; TOKENS), CONCURRENCY at a time; prints a summary.
 * <li>{@code burst HOST PORT PATH TOKEN N}: opens N connections, then sends N requests
 * with the same token at the same instant; prints the statuses.
 * <li>{@code fault BASE_URL OUT_CSV SECONDS CACHED_TOKENS THREADS}: for SECONDS, THREADS
 * workers alternate between one of CACHED_TOKENS already cached tokens
 * ({@code valid-cached-i}) and a never-seen token ({@code valid-fresh-...}), recording
 * for each request its start and end time (epoch ms), kind and status.
 * <li>{@code miss APP_URL PUBLIC_URL IDP_URL N}: one request at a time on one kept-alive
 * connection each, N rounds of: a never-seen token ({@code valid-miss-...}) to the app,
 * so that it calls the IdP; the app's public endpoint (no token); the same kind of call
 * straight to the IdP's {@code /introspect}. Prints the p50 latencies and the p50/p90 of
 * what a miss adds per round: miss - public request - direct call, that is the app's call
 * to the IdP and its handling of the answer, beyond the IdP's own latency and one request
 * to the app.
 * <li>{@code overload APP_URL IDP_URL MODE OUT_DIR BURST CACHED BASELINE_S BURST_MAX_S
 * RECOVERY_MAX_S PROBE_MS}: the overload case of issue 10, see {@link Overload}.
 * </ul>
 */
public final class LoadTool {

	private LoadTool() {
	}

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "fill" -> fill(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
					(args.length > 5) && "invalid".equals(args[5]));
			case "burst" -> burst(args[1], Integer.parseInt(args[2]), args[3], args[4], Integer.parseInt(args[5]));
			case "miss" -> miss(args[1], args[2], args[3], Integer.parseInt(args[4]));
			case "fault" -> fault(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
					Integer.parseInt(args[5]));
			case "overload" -> Overload.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			default -> throw new IllegalArgumentException("Unknown command " + args[0]);
		}
	}

	private static HttpClient client(int threads) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newFixedThreadPool(Math.max(2, threads / 4)))
			.build();
	}

	private static HttpRequest get(String url, String token) {
		return HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
	}

	static void fill(String url, String prefix, int tokens, int concurrency) throws Exception {
		fill(url, prefix, tokens, concurrency, false);
	}

	// invalid: tokens the fake IdP answers inactive (401), instead of active ones
	static void fill(String url, String prefix, int tokens, int concurrency, boolean invalid) throws Exception {
		String kind = invalid ? "invalid-" : "valid-";
		HttpClient client = client(concurrency);
		AtomicInteger next = new AtomicInteger();
		Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			futures.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < tokens) {
					int status;
					try {
						status = client.send(get(url, kind + prefix + "-" + i), HttpResponse.BodyHandlers.discarding())
							.statusCode();
					}
					catch (Exception ex) {
						status = -1;
					}
					statuses.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get(600, TimeUnit.SECONDS);
		}
		pool.shutdownNow();
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("FILL tokens=%d seconds=%.2f rps=%.1f statuses=%s%n", tokens, seconds, tokens / seconds,
				statuses);
		System.exit(0);
	}

	static void miss(String appUrl, String publicUrl, String idpUrl, int n) throws Exception {
		HttpClient app = client(1);
		HttpClient idp = client(1);
		long[] miss = new long[n];
		long[] unauthenticated = new long[n];
		long[] direct = new long[n];
		long[] added = new long[n];
		Map<Integer, Integer> statuses = new HashMap<>();
		String run = Long.toString(System.nanoTime(), 36);
		for (int i = -20; i < n; i++) {
			// the first 20 rounds warm up both clients and the app's paths
			String token = "valid-miss-" + run + "-" + i;
			long t0 = System.nanoTime();
			int status = app.send(get(appUrl, token), HttpResponse.BodyHandlers.discarding()).statusCode();
			long t1 = System.nanoTime();
			app.send(HttpRequest.newBuilder(URI.create(publicUrl)).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			long t2 = System.nanoTime();
			idp.send(HttpRequest.newBuilder(URI.create(idpUrl))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=" + token + "-direct"))
				.build(), HttpResponse.BodyHandlers.discarding());
			long t3 = System.nanoTime();
			if (i >= 0) {
				statuses.merge(status, 1, Integer::sum);
				miss[i] = (t1 - t0) / 1000;
				unauthenticated[i] = (t2 - t1) / 1000;
				direct[i] = (t3 - t2) / 1000;
				added[i] = miss[i] - unauthenticated[i] - direct[i];
			}
		}
		System.out.printf("MISS n=%d miss_p50_us=%d public_p50_us=%d idp_p50_us=%d added_p50_us=%d added_p90_us=%d"
				+ " statuses=%s%n", n, percentile(miss, 50), percentile(unauthenticated, 50), percentile(direct, 50),
				percentile(added, 50), percentile(added, 90), statuses);
		System.exit(0);
	}

	private static long percentile(long[] values, int percent) {
		long[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (sorted.length * percent) / 100)];
	}

	static void burst(String host, int port, String path, String token, int n) throws Exception {
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Socket socket = new Socket();
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(30_000);
			socket.connect(new InetSocketAddress(host, port), 5000);
			sockets.add(socket);
		}
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer "
				+ token + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		CyclicBarrier barrier = new CyclicBarrier(n);
		ConcurrentLinkedQueue<String> statuses = new ConcurrentLinkedQueue<>();
		CountDownLatch done = new CountDownLatch(n);
		for (Socket socket : sockets) {
			Thread thread = new Thread(() -> {
				try (socket) {
					OutputStream out = socket.getOutputStream();
					InputStream in = socket.getInputStream();
					barrier.await(10, TimeUnit.SECONDS);
					out.write(request);
					out.flush();
					ByteArrayOutputStream answer = new ByteArrayOutputStream();
					in.transferTo(answer);
					String text = answer.toString(StandardCharsets.ISO_8859_1);
					statuses.add(text.length() >= 12 ? text.substring(9, 12) : "???");
				}
				catch (Exception ex) {
					statuses.add("ERR");
				}
				finally {
					done.countDown();
				}
			});
			thread.start();
		}
		done.await(60, TimeUnit.SECONDS);
		Map<String, Integer> counts = new HashMap<>();
		statuses.forEach((status) -> counts.merge(status, 1, Integer::sum));
		System.out.println("BURST requests=" + n + " statuses=" + counts);
	}

	static void fault(String baseUrl, Path out, int seconds, int cachedTokens, int threads) throws Exception {
		HttpClient client = client(threads);
		long end = System.currentTimeMillis() + seconds * 1000L;
		AtomicLong fresh = new AtomicLong();
		ConcurrentLinkedQueue<String> records = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int worker = t;
			futures.add(pool.submit(() -> {
				long n = 0;
				// bounded in count as well as time
				while (System.currentTimeMillis() < end && n < 2_000_000) {
					boolean cached = ((n++ + worker) % 2) == 0;
					String token = cached ? "valid-cached-" + (n % cachedTokens)
							: "valid-fresh-" + worker + "-" + fresh.incrementAndGet();
					long started = System.currentTimeMillis();
					int status;
					try {
						status = client.send(get(baseUrl + "/api/hello", token), HttpResponse.BodyHandlers.discarding())
							.statusCode();
					}
					catch (IOException ex) {
						status = -1;
					}
					records.add(started + "," + System.currentTimeMillis() + "," + (cached ? "cached" : "uncached") + ","
							+ status);
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get(seconds + 120L, TimeUnit.SECONDS);
		}
		pool.shutdownNow();
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
			writer.println("start_ms,end_ms,kind,status");
			records.forEach(writer::println);
		}
		System.out.println("FAULT requests=" + records.size() + " written to " + out);
		System.exit(0);
	}

}
