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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fast fake RFC 7662 introspection endpoint for the benchmarks, bound to 127.0.0.1.
 * <ul>
 * <li>{@code POST /introspect} (form {@code token=...}): {@code active:true} with ~30
 * Keycloak-like claims and {@code exp} one hour ahead for tokens starting with
 * {@code valid-} (group {@code admin} for {@code valid-admin…}, else {@code dev});
 * {@code active:false} for any other token. Each call waits the configured
 * latency first, and is counted.
 * <li>{@code GET /count}: calls received so far; {@code GET /count?token=T}: calls for
 * that token.
 * <li>{@code POST /latency?ms=N}: changes the added latency.
 * <li>{@code POST /revoke?token=T}: from now on that token is inactive.
 * <li>{@code GET /connections}: how many distinct client connections (remote ports) have
 * sent {@code /introspect} calls so far, to see whether callers keep connections alive.
 * <li>{@code POST /mode?hang}: from now on every {@code /introspect} call is read and
 * counted, then never answered (the exchange is parked without holding a thread);
 * {@code POST /mode?slow503=N}: every call is answered 503 (no {@code Retry-After}) after N
 * ms, without holding a thread meanwhile; {@code POST /mode?ok}: normal answers again,
 * and the parked calls' connections are closed. {@code GET /mode} prints the mode.
 * </ul>
 * Arguments: {@code --port N} (0 = any free port), {@code --latency-ms N},
 * {@code --threads N}, {@code --ready-file PATH} (gets "port epochMillis" once listening),
 * {@code --max-seconds N} (exits by itself after that long; default 3600).
 */
public final class FakeIdp {

	private static final LongAdder total = new LongAdder();

	private static final ConcurrentHashMap<String, LongAdder> perToken = new ConcurrentHashMap<>();

	private static final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();

	private static final AtomicLong latencyMillis = new AtomicLong();

	private static final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

	private static volatile String issuer = "http://127.0.0.1/realms/bench";

	// failure mode: "ok", "hang" or "slow503" (answered after slow503Millis)
	private static volatile String mode = "ok";

	private static volatile long slow503Millis;

	private static final Queue<HttpExchange> parked = new ConcurrentLinkedQueue<>();

	private static final ScheduledExecutorService delayed = Executors.newScheduledThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "fake-idp-delayed");
		thread.setDaemon(true);
		return thread;
	});

	private FakeIdp() {
	}

	public static void main(String[] args) throws Exception {
		// Without TCP_NODELAY, Nagle + delayed ACK stall every keep-alive answer ~40 ms.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		int port = 0;
		int threads = 256;
		long maxSeconds = 3600;
		Path readyFile = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--port" -> port = Integer.parseInt(args[++i]);
				case "--latency-ms" -> latencyMillis.set(Long.parseLong(args[++i]));
				case "--threads" -> threads = Integer.parseInt(args[++i]);
				case "--ready-file" -> readyFile = Path.of(args[++i]);
				case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		server.setExecutor(executor);
		server.createContext("/introspect", FakeIdp::introspect);
		server.createContext("/count", FakeIdp::count);
		server.createContext("/latency", FakeIdp::latency);
		server.createContext("/mode", FakeIdp::mode);
		server.createContext("/revoke", (exchange) -> {
			try (exchange) {
				String query = exchange.getRequestURI().getRawQuery();
				String token = (query != null) ? formValue(query, "token") : null;
				if (token != null) {
					revoked.add(token);
				}
				send(exchange, (token != null) ? 200 : 400, "text/plain", "revoked");
			}
		});
		server.createContext("/connections", (exchange) -> {
			try (exchange) {
				send(exchange, 200, "text/plain", Integer.toString(connections.size()));
			}
		});
		server.createContext("/health", (exchange) -> send(exchange, 200, "text/plain", "ok"));
		server.start();
		int bound = server.getAddress().getPort();
		issuer = "http://127.0.0.1:" + bound + "/realms/bench";
		String ready = bound + " " + System.currentTimeMillis();
		if (readyFile != null) {
			Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
			Files.writeString(tmp, ready + "\n");
			Files.move(tmp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		System.out.println("fake-idp listening on 127.0.0.1:" + bound + " latency=" + latencyMillis.get() + "ms");
		long deadline = maxSeconds;
		Thread stopper = new Thread(() -> {
			try {
				Thread.sleep(deadline * 1000);
			}
			catch (InterruptedException ex) {
				return;
			}
			System.out.println("fake-idp: --max-seconds reached, exiting");
			Runtime.getRuntime().halt(0);
		});
		stopper.setDaemon(true);
		stopper.start();
	}

	private static void introspect(HttpExchange exchange) throws IOException {
		// parked or answered later by another thread: not closed here
		boolean handedOn = false;
		try {
			if (!"POST".equals(exchange.getRequestMethod())) {
				send(exchange, 405, "text/plain", "POST only");
				return;
			}
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			}
			String token = formValue(body, "token");
			connections.add(exchange.getRemoteAddress());
			total.increment();
			if (token != null) {
				perToken.computeIfAbsent(token, (t) -> new LongAdder()).increment();
			}
			String current = mode;
			if (current.equals("hang")) {
				parked.add(exchange);
				handedOn = true;
				return;
			}
			if (current.equals("slow503")) {
				delayed.schedule(() -> {
					try (exchange) {
						send(exchange, 503, "text/plain", "unavailable");
					}
					catch (IOException ex) {
						// the caller gave up first
					}
				}, slow503Millis, TimeUnit.MILLISECONDS);
				handedOn = true;
				return;
			}
			long latency = latencyMillis.get();
			if (latency > 0) {
				try {
					Thread.sleep(latency);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			String answer = (token != null && token.startsWith("valid-") && !revoked.contains(token)) ? active(token) : "{\"active\":false}";
			send(exchange, 200, "application/json", answer);
		}
		finally {
			if (!handedOn) {
				exchange.close();
			}
		}
	}

	private static void mode(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			if (query != null && "POST".equals(exchange.getRequestMethod())) {
				String slow = formValue(query, "slow503");
				if (slow != null) {
					slow503Millis = Long.parseLong(slow);
					mode = "slow503";
				}
				else if (formValue(query, "hang") != null) {
					mode = "hang";
				}
				else if (formValue(query, "ok") != null) {
					mode = "ok";
					for (HttpExchange held; (held = parked.poll()) != null;) {
						held.close();
					}
				}
				else {
					send(exchange, 400, "text/plain", "hang, slow503=MS or ok");
					return;
				}
				System.out.println("fake-idp: mode " + mode + " at " + System.currentTimeMillis());
			}
			send(exchange, 200, "text/plain", mode.equals("slow503") ? "slow503=" + slow503Millis : mode);
		}
	}

	private static void count(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			String token = (query != null) ? formValue(query, "token") : null;
			long value;
			if (token != null) {
				LongAdder adder = perToken.get(token);
				value = (adder != null) ? adder.sum() : 0;
			}
			else {
				value = total.sum();
			}
			send(exchange, 200, "text/plain", Long.toString(value));
		}
	}

	private static void latency(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			String ms = (query != null) ? formValue(query, "ms") : null;
			if (ms != null && "POST".equals(exchange.getRequestMethod())) {
				latencyMillis.set(Long.parseLong(ms));
			}
			send(exchange, 200, "text/plain", Long.toString(latencyMillis.get()));
		}
	}

	// About thirty claims, shaped like a Keycloak access token's introspection answer.
	static String active(String token) {
		long now = System.currentTimeMillis() / 1000;
		int id = Math.abs(token.hashCode());
		String user = "user-" + (id % 100_000);
		return "{\"active\":true," + "\"exp\":" + (now + 3600) + ",\"iat\":" + now + ",\"auth_time\":" + (now - 30)
				+ ",\"jti\":\"" + uuid(id, 1) + "\"" + ",\"iss\":\"" + issuer + "\""
				+ ",\"aud\":[\"account\",\"bench-api\"]" + ",\"sub\":\"" + uuid(id, 2) + "\""
				+ ",\"typ\":\"Bearer\",\"azp\":\"bench-client\"" + ",\"sid\":\"" + uuid(id, 3) + "\""
				+ ",\"session_state\":\"" + uuid(id, 4) + "\"" + ",\"acr\":\"1\""
				+ ",\"allowed-origins\":[\"http://localhost:8080\"]"
				+ ",\"realm_access\":{\"roles\":[\"offline_access\",\"uma_authorization\",\"default-roles-bench\",\"user\"]}"
				+ ",\"resource_access\":{\"account\":{\"roles\":[\"manage-account\",\"manage-account-links\",\"view-profile\"]},"
				+ "\"bench-api\":{\"roles\":[\"reader\"]}}" + ",\"scope\":\"openid profile email orders:read\""
				+ ",\"email_verified\":true" + ",\"name\":\"Bench User " + id + "\"" + ",\"preferred_username\":\""
				+ user + "\"" + ",\"given_name\":\"Bench\"" + ",\"family_name\":\"User " + id + "\""
				+ ",\"email\":\"" + user + "@example.com\"" + ",\"client_id\":\"bench-client\""
				+ ",\"username\":\"" + user + "\"" + ",\"token_type\":\"Bearer\"" + ",\"locale\":\"en\""
				+ ",\"group\":\"" + (token.startsWith("valid-admin") ? "admin" : "dev") + "\"" + ",\"groups\":[\"/dev\",\"/bench\"]" + ",\"tenant\":\"acme\"}";
	}

	private static String uuid(int id, int salt) {
		long a = (id + salt * 0x632BE59BD9B4E5L) * 0x9E3779B97F4A7C15L;
		long b = a * 0xBF58476D1CE4E5B9L;
		return String.format("%08x-%04x-4%03x-a%03x-%012x", (int) (a >>> 32), (int) (a & 0xFFFF),
				(int) ((b >>> 20) & 0xFFF), (int) ((b >>> 8) & 0xFFF), b & 0xFFFFFFFFFFFFL);
	}

	private static String formValue(String form, String name) {
		for (String pair : form.split("&")) {
			int eq = pair.indexOf('=');
			String key = (eq < 0) ? pair : pair.substring(0, eq);
			if (key.equals(name)) {
				return URLDecoder.decode((eq < 0) ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
