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

package io.github.introspection.sample;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;

import io.github.introspection.sample.demoidp.DemoIdp;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static io.github.introspection.sample.E2eHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one-command start of {@link SampleApplication#main}: the demo IdP first, then the
 * app pointed at it; and the switches that leave the IdP out.
 */
class SampleApplicationTests {

	@Test
	void mainStartsTheDemoIdpAndTheAppPointedAtIt() throws Exception {
		int idpPort;
		try (ConfigurableApplicationContext app = SampleApplication.run("--server.port=0", "--demo-idp.port=0",
				"--spring.jmx.enabled=false")) {
			Environment environment = app.getEnvironment();
			idpPort = environment.getRequiredProperty("demo-idp.port", Integer.class);
			assertThat(idpPort).isNotIn(0, DemoIdp.DEFAULT_PORT);
			assertThat(environment.getProperty("introspection.client-config.url"))
				.isEqualTo("http://localhost:" + idpPort + "/oauth2/introspect");
			String appUri = "http://localhost:" + environment.getRequiredProperty("local.server.port");

			String token = E2eHttp.token("http://localhost:" + idpPort + "/oauth2/token", "demo-client", "demo-secret",
					"orders:read orders:write");
			HttpResponse<String> response = get(appUri + "/api/hello", "Authorization", "Bearer " + token);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello, demo-client");
		}
		// closing the app stopped the IdP as well
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(idpPort));
	}

	@Test
	void mainStartsTheDemoIdpOnTheLoopbackAddressWhenServerAddressIsUnset() throws Exception {
		InetAddress other = otherAddress();
		try (ConfigurableApplicationContext app = SampleApplication.run("--server.port=0", "--demo-idp.port=0",
				"--spring.jmx.enabled=false")) {
			int idpPort = app.getEnvironment().getRequiredProperty("demo-idp.port", Integer.class);
			connect(InetAddress.getLoopbackAddress(), idpPort);
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(other, idpPort));
		}
	}

	@Test
	void mainStartsTheDemoIdpOnTheAppsServerAddress() throws Exception {
		InetAddress other = otherAddress();
		String host = other.getHostAddress();
		try (ConfigurableApplicationContext app = SampleApplication.run("--server.address=" + host, "--server.port=0",
				"--demo-idp.port=0", "--spring.jmx.enabled=false")) {
			Environment environment = app.getEnvironment();
			int idpPort = environment.getRequiredProperty("demo-idp.port", Integer.class);
			assertThat(environment.getProperty("introspection.client-config.url"))
				.isEqualTo("http://" + host + ":" + idpPort + "/oauth2/introspect");
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> connect(InetAddress.getLoopbackAddress(), idpPort));

			String token = E2eHttp.token("http://" + host + ":" + idpPort + "/oauth2/token", "demo-client",
					"demo-secret", "orders:read");
			String appUri = "http://" + host + ":" + environment.getRequiredProperty("local.server.port");
			HttpResponse<String> response = get(appUri + "/api/hello", "Authorization", "Bearer " + token);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
	}

	@Test
	void demoIdpCanBeSwitchedOff() {
		try (ConfigurableApplicationContext app = SampleApplication.run("--server.port=0", "--demo-idp.port=0",
				"--demo-idp.enabled=false", "--spring.jmx.enabled=false")) {
			// no IdP started, so the port was never resolved to an actual one
			assertThat(app.getEnvironment().getProperty("demo-idp.port")).isEqualTo("0");
			String appUri = "http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port");
			assertThat(get(appUri + "/public/hello").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void keycloakProfilePointsTheAppAtKeycloakWithoutDemoIdp() {
		try (ConfigurableApplicationContext app = SampleApplication.run("--server.port=0", "--demo-idp.port=0",
				"--spring.profiles.active=keycloak", "--KEYCLOAK_CLIENT_SECRET=from-env",
				"--spring.jmx.enabled=false")) {
			Environment environment = app.getEnvironment();
			assertThat(environment.getProperty("demo-idp.enabled")).isEqualTo("false");
			assertThat(environment.getProperty("demo-idp.port")).isEqualTo("0");
			assertThat(environment.getProperty("introspection.client-config.url"))
				.isEqualTo("http://localhost:8180/realms/demo/protocol/openid-connect/token/introspect");
			assertThat(environment.getProperty("introspection.client-config.auth.client-id")).isEqualTo("sample-app");
			assertThat(environment.getProperty("introspection.client-config.auth.client-secret")).isEqualTo("from-env");
			assertThat(environment.getProperty("introspection.username-claim")).isEqualTo("preferred_username");
		}
	}

	@Test
	void keycloakProfileWithoutClientSecretFailsAtStartUp() {
		assertThatException()
			.isThrownBy(() -> SampleApplication
				.run("--server.port=0", "--spring.profiles.active=keycloak", "--spring.jmx.enabled=false")
				.close())
			.satisfies((ex) -> assertThat(rootCause(ex)).hasMessageContaining("client-secret"));
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static void connect(int port) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 2000);
		}
	}

	private static void connect(InetAddress address, int port) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
		}
	}

	/**
	 * An address of this machine other than 127.0.0.1: Linux routes all of 127.0.0.0/8 to
	 * the loopback interface, so a server bound to 127.0.0.1 (or to this address) is not
	 * reachable at the other one, while one bound to every interface would be.
	 */
	static InetAddress otherAddress() throws Exception {
		return InetAddress.getByAddress(new byte[] { 127, 0, 0, 2 });
	}

}
