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

package io.github.introspection.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Keycloak server started from the unpacked {@code keycloak-quarkus-dist} (the
 * {@code keycloak.home} system property, set by failsafe) with {@code kc.sh start-dev} on
 * a free loopback port, an in-memory database and the realm {@value #REALM} imported from
 * {@code src/test/resources/keycloak/interop-realm.json}. Its output goes to
 * {@code target/keycloak/keycloak.log}.
 */
final class Keycloak implements AutoCloseable {

	static final String REALM = "interop";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final String REALM_FILE = "keycloak/interop-realm.json";

	// A small, fast start: 512 MB of heap, the serial collector and the client compiler
	// for a server that lives a minute; kc.sh adds its --add-opens and locale itself.
	private static final String JAVA_OPTS = "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m "
			+ "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 "
			+ "-Djava.security.egd=file:/dev/urandom";

	private final Process process;

	private final URI baseUri;

	private final Path log;

	private final Thread shutdownHook = new Thread(this::stop, "keycloak-shutdown");

	private Keycloak(Process process, URI baseUri, Path log) {
		this.process = process;
		this.baseUri = baseUri;
		this.log = log;
	}

	/**
	 * Starts Keycloak and waits until the realm's OpenID configuration is served.
	 * @return the running server
	 */
	static Keycloak start() {
		Path home = home();
		Path log = home.getParent().resolve("keycloak.log");
		int port = freePort();
		try {
			importRealm(home);
			// The build options (--db) stay the same from run to run, so that only the
			// first
			// start of a fresh unpack pays for Quarkus' re-augmentation (about 15 s).
			ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
					"--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm")
				.directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("JAVA_OPTS", JAVA_OPTS);
			Keycloak keycloak = new Keycloak(builder.start(), URI.create("http://127.0.0.1:" + port), log);
			Runtime.getRuntime().addShutdownHook(keycloak.shutdownHook);
			keycloak.awaitRealm();
			return keycloak;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycloak did not start; see " + log, ex);
		}
	}

	private static Path home() {
		String home = System.getProperty("keycloak.home");
		if (home == null || !Files.isExecutable(Path.of(home, "bin", "kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at keycloak.home=" + home
					+ "; run the interop suite through Maven: mvn verify (failsafe unpacks it into target/keycloak)");
		}
		return Path.of(home);
	}

	private static void importRealm(Path home) throws IOException {
		Path imports = home.resolve("data/import");
		Files.createDirectories(imports);
		try (InputStream realm = Keycloak.class.getClassLoader().getResourceAsStream(REALM_FILE)) {
			if (realm == null) {
				throw new IllegalStateException(REALM_FILE + " is not on the test class path");
			}
			Files.copy(realm, imports.resolve("interop-realm.json"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitRealm() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Keycloak exited with " + this.process.exitValue() + " while starting; see " + this.log);
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sleep(Duration.ofMillis(250));
		}
		stop();
		throw new IllegalStateException(
				"Keycloak did not serve realm " + REALM + " within " + START_TIMEOUT + "; see " + this.log);
	}

	/**
	 * The realm's issuer, such as {@code http://127.0.0.1:35121/realms/interop}.
	 * @return the issuer
	 */
	String issuer() {
		return this.baseUri + "/realms/" + REALM;
	}

	/**
	 * The realm's RFC 7662 introspection endpoint.
	 * @return the endpoint URL
	 */
	String introspectionEndpoint() {
		return openIdConnect("token/introspect");
	}

	/**
	 * The realm's endpoint under {@code protocol/openid-connect}.
	 * @param path such as {@code token} or {@code revoke}
	 * @return the endpoint URL
	 */
	String openIdConnect(String path) {
		return issuer() + "/protocol/openid-connect/" + path;
	}

	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down and runs the hook itself
		}
		stop();
	}

	// kc.sh runs Keycloak's JVM as its child (or execs it after a re-augmentation):
	// terminate the whole tree, forcibly for whatever outlives the grace period.
	private void stop() {
		List<ProcessHandle> tree = Stream.concat(this.process.descendants(), Stream.of(this.process.toHandle()))
			.toList();
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		for (ProcessHandle handle : tree) {
			long left = Math.max(0, deadline - System.nanoTime());
			try {
				handle.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "Keycloak at " + this.baseUri;
	}

}
