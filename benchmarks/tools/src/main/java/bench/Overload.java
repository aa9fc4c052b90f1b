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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The overload case of issue 10, run by {@code LoadTool overload} (loopback only, bounded
 * in count and time):
 * <ol>
 * <li>warms up the public endpoint (500 requests) and caches CACHED tokens through the
 * app while the fake IdP is healthy;
 * <li>baseline: for BASELINE_S seconds, every PROBE_MS a {@code GET /public/hello} and a
 * request with a cached token, each sent on schedule whatever the previous ones are
 * doing;
 * <li>opens BURST connections to the app, each with a thread waiting for its answer,
 * switches the fake IdP to MODE ({@code POST /mode?MODE}: {@code hang} or
 * {@code slow503=MS}), then writes on every connection, one after the other from one
 * thread, a request with a never-seen token, while the probes go on (MODE
 * {@code control} keeps the IdP healthy and sends the burst, without a token, to the
 * public endpoint instead: what a burst of that size costs the machine alone); waits until every
 * burst request has its answer, at most BURST_MAX_S seconds (then the connections are
 * closed: "no answer");
 * <li>switches the IdP back to {@code ok} and polls every 50 ms, one request at a time,
 * with a never-seen token until one gets 200 (at most RECOVERY_MAX_S seconds).
 * </ol>
 * Writes OUT_DIR/requests.csv (kind, sent epoch ms, latency µs, status, Retry-After
 * present; status -1 = no answer) and OUT_DIR/summary.properties (times and the IdP's
 * call and connection counters around the burst).
 * <p>
 * {@code LoadTool overload APP_URL IDP_URL MODE OUT_DIR BURST CACHED BASELINE_S BURST_MAX_S
 * RECOVERY_MAX_S PROBE_MS} (or {@code Overload} with the same arguments)
 */
public final class Overload {

	private final String appUrl;

	private final String idpUrl;

	private final String run = Long.toString(System.currentTimeMillis(), 36);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(4, Overload::daemon))
		.build();

	private final Queue<String> records = new ConcurrentLinkedQueue<>();

	private final Map<String, String> summary = new TreeMap<>();

	private Overload(String appUrl, String idpUrl) {
		this.appUrl = appUrl;
		this.idpUrl = idpUrl;
	}

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		Overload overload = new Overload(args[0], args[1]);
		overload.run(args[2], Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
				Integer.parseInt(args[6]), Integer.parseInt(args[7]), Integer.parseInt(args[8]),
				Integer.parseInt(args[9]));
		System.exit(0);
	}

	private void run(String mode, Path out, int burst, int cached, int baselineSeconds, int burstMaxSeconds,
			int recoveryMaxSeconds, int probeMillis) throws Exception {
		Duration probeTimeout = Duration.ofSeconds(burstMaxSeconds + 15L);
		this.summary.put("mode", mode);
		this.summary.put("burst", Integer.toString(burst));

		// 1. the public path warmed up; cached tokens (a hit never extends an entry's
		// life: cached right before use)
		for (int i = 0; i < 500; i++) {
			send(this.appUrl + "/public/hello", null, Duration.ofSeconds(10), "warm");
		}
		int cachedFailures = 0;
		for (int i = 0; i < cached; i++) {
			int status = send(this.appUrl + "/api/hello", cachedToken(i), Duration.ofSeconds(10), "warm").status;
			cachedFailures += (status == 200) ? 0 : 1;
		}
		this.records.clear();
		this.summary.put("cached_tokens", Integer.toString(cached));
		this.summary.put("cached_warm_failures", Integer.toString(cachedFailures));

		// 2. baseline, healthy IdP
		this.summary.put("baseline_start_ms", Long.toString(System.currentTimeMillis()));
		List<CompletableFuture<?>> probes = new ArrayList<>();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Overload::daemon);
		ticker.scheduleAtFixedRate(probe("base-", cached, probeTimeout, probes), 0, probeMillis,
				TimeUnit.MILLISECONDS);
		Thread.sleep(baselineSeconds * 1000L);
		ticker.shutdownNow();
		ticker.awaitTermination(5, TimeUnit.SECONDS);
		awaitAll(probes, 20);

		// 3. burst: connections and threads first, then the IdP fails, then every request
		// at once
		URI app = URI.create(this.appUrl);
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			Socket socket = new Socket();
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(app.getHost(), app.getPort()), 5000);
			sockets.add(socket);
		}
		// One thread per connection, blocked in read(); one thread writes every request:
		// 400 threads woken together would take seconds to all run on a busy 2-core
		// machine, and the burst would be spread over that time.
		AtomicLongArray sentMillis = new AtomicLongArray(burst);
		AtomicLongArray sentNanos = new AtomicLongArray(burst);
		CountDownLatch reading = new CountDownLatch(burst);
		CountDownLatch done = new CountDownLatch(burst);
		for (int i = 0; i < burst; i++) {
			int n = i;
			Thread thread = new Thread(() -> burstAnswer(n, sockets.get(n), sentMillis, sentNanos, reading, done),
					"burst-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		probes.clear();
		ticker = Executors.newSingleThreadScheduledExecutor(Overload::daemon);
		reading.await(30, TimeUnit.SECONDS);
		Thread.sleep(200);
		this.summary.put("idp_calls_before", idp("GET", "/count"));
		this.summary.put("idp_connections_before", idp("GET", "/connections"));
		boolean control = mode.equals("control");
		this.summary.put("idp_mode", control ? "control" : idp("POST", "/mode?" + mode));
		this.summary.put("idp_failing_ms", Long.toString(System.currentTimeMillis()));
		this.summary.put("burst_start_ms", Long.toString(System.currentTimeMillis()));
		for (int i = 0; i < burst; i++) {
			String head = control ? "GET /public/hello HTTP/1.1\r\n"
					: "GET /api/hello HTTP/1.1\r\nAuthorization: Bearer valid-ovl-burst-" + this.run + "-" + i + "\r\n";
			byte[] request = (head + "Host: " + app.getHost() + ":" + app.getPort() + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1);
			sentMillis.set(i, System.currentTimeMillis());
			sentNanos.set(i, System.nanoTime());
			try {
				sockets.get(i).getOutputStream().write(request);
			}
			catch (IOException ex) {
				sentNanos.set(i, 0);
				sockets.get(i).close();
			}
		}
		this.summary.put("burst_written_ms", Long.toString(System.currentTimeMillis()));
		ticker.scheduleAtFixedRate(probe("", cached, probeTimeout, probes), 0, probeMillis, TimeUnit.MILLISECONDS);
		if (!done.await(burstMaxSeconds, TimeUnit.SECONDS)) {
			this.summary.put("burst_cut_at_s", Integer.toString(burstMaxSeconds));
			for (Socket socket : sockets) {
				socket.close();
			}
			done.await(10, TimeUnit.SECONDS);
		}
		this.summary.put("burst_end_ms", Long.toString(System.currentTimeMillis()));
		ticker.shutdownNow();
		ticker.awaitTermination(5, TimeUnit.SECONDS);
		this.summary.put("probes_unanswered", Integer.toString(awaitAll(probes, burstMaxSeconds + 20)));
		this.summary.put("idp_calls_after_burst", idp("GET", "/count"));
		this.summary.put("idp_connections_after_burst", idp("GET", "/connections"));

		// 4. recovery
		idp("POST", "/mode?ok");
		long healthy = System.currentTimeMillis();
		this.summary.put("idp_ok_ms", Long.toString(healthy));
		long recovered = -1;
		int polls = 0;
		while (System.currentTimeMillis() < healthy + recoveryMaxSeconds * 1000L) {
			Sample sample = send(this.appUrl + "/api/hello", "valid-ovl-recover-" + this.run + "-" + polls++,
					Duration.ofSeconds(recoveryMaxSeconds), "recovery");
			if (sample.status == 200) {
				recovered = sample.sent + sample.micros / 1000;
				break;
			}
			Thread.sleep(50);
		}
		this.summary.put("recovered_ms", Long.toString(recovered));
		this.summary.put("recovery_polls", Integer.toString(polls));
		this.summary.put("idp_calls_end", idp("GET", "/count"));

		Files.createDirectories(out);
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("requests.csv")))) {
			writer.println("kind,sent_ms,latency_us,status,retry_after");
			this.records.forEach(writer::println);
		}
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("summary.properties")))) {
			this.summary.forEach((key, value) -> writer.println(key + "=" + value));
		}
		System.out.println("OVERLOAD " + mode + " requests=" + this.records.size() + " " + this.summary);
	}

	private static String cachedToken(int i) {
		return "valid-ovl-cached-" + i;
	}

	// One tick: a public request and a cached-token request, sent without waiting.
	private Runnable probe(String prefix, int cached, Duration timeout, List<CompletableFuture<?>> futures) {
		int[] tick = { 0 };
		return () -> {
			int n = tick[0]++;
			futures.add(sendAsync(this.appUrl + "/public/hello", null, timeout, prefix + "public"));
			futures.add(sendAsync(this.appUrl + "/api/hello", cachedToken(n % cached), timeout, prefix + "cached"));
		};
	}

	private CompletableFuture<?> sendAsync(String url, String token, Duration timeout, String kind) {
		long sent = System.currentTimeMillis();
		long start = System.nanoTime();
		return this.client.sendAsync(request(url, token, timeout), HttpResponse.BodyHandlers.discarding())
			.handle((response, failure) -> {
				record(kind, sent, start, (response != null) ? response.statusCode() : -1,
						response != null && response.headers().firstValue("Retry-After").isPresent());
				return null;
			});
	}

	private Sample send(String url, String token, Duration timeout, String kind) throws InterruptedException {
		long sent = System.currentTimeMillis();
		long start = System.nanoTime();
		int status = -1;
		boolean retryAfter = false;
		try {
			HttpResponse<Void> response = this.client.send(request(url, token, timeout),
					HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
			retryAfter = response.headers().firstValue("Retry-After").isPresent();
		}
		catch (IOException ex) {
			// no answer
		}
		return record(kind, sent, start, status, retryAfter);
	}

	private static HttpRequest request(String url, String token, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder.build();
	}

	// Waits for the answer to request n, written by the main thread (sentNanos 0 = the
	// write failed).
	private void burstAnswer(int n, Socket socket, AtomicLongArray sentMillis, AtomicLongArray sentNanos,
			CountDownLatch reading, CountDownLatch done) {
		int status = -1;
		boolean retryAfter = false;
		try (socket) {
			InputStream in = socket.getInputStream();
			reading.countDown();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			String text = answer.toString(StandardCharsets.ISO_8859_1);
			int headersEnd = text.indexOf("\r\n\r\n");
			String head = ((headersEnd >= 0) ? text.substring(0, headersEnd) : text).toLowerCase(Locale.ROOT);
			if (head.startsWith("http/1.1 ") && head.length() >= 12) {
				status = Integer.parseInt(head.substring(9, 12));
				retryAfter = head.contains("\r\nretry-after:");
			}
		}
		catch (Exception ex) {
			// closed at BURST_MAX_S, or reset: no answer
		}
		finally {
			long started = sentNanos.get(n);
			record("burst", (started != 0) ? sentMillis.get(n) : System.currentTimeMillis(),
					(started != 0) ? started : System.nanoTime(), (started != 0) ? status : -1, retryAfter);
			done.countDown();
		}
	}

	private Sample record(String kind, long sent, long startNanos, int status, boolean retryAfter) {
		Sample sample = new Sample(sent, (System.nanoTime() - startNanos) / 1000, status);
		this.records.add(kind + "," + sent + "," + sample.micros + "," + status + "," + (retryAfter ? 1 : 0));
		return sample;
	}

	// Waits for the probes still in flight; returns how many did not end in time.
	private static int awaitAll(List<CompletableFuture<?>> futures, int seconds) throws InterruptedException {
		List<CompletableFuture<?>> copy = new ArrayList<>(futures);
		try {
			CompletableFuture.allOf(copy.toArray(CompletableFuture[]::new)).get(seconds, TimeUnit.SECONDS);
		}
		catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
			// counted below
		}
		return (int) copy.stream().filter((future) -> !future.isDone()).count();
	}

	private String idp(String method, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.idpUrl + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString()).body().trim();
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		return thread;
	}

	private record Sample(long sent, long micros, int status) {
	}

}
