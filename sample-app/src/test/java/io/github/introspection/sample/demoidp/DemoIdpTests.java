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

package io.github.introspection.sample.demoidp;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded demo IdP on its own: opaque tokens by client_credentials, introspection
 * with the demo claims, revocation.
 */
class DemoIdpTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static DemoIdp idp;

	@BeforeAll
	static void startIdp() {
		idp = DemoIdp.start(0);
	}

	@AfterAll
	static void stopIdp() {
		idp.close();
	}

	@Test
	void issuesOpaqueTokensWhoseIntrospectionCarriesTheDemoClaims() throws Exception {
		JsonNode token = post(idp.tokenUri(), "demo-client", "demo-secret",
				"grant_type=client_credentials&scope=" + encode("orders:read orders:write"));
		String accessToken = token.get("access_token").asString();
		assertThat(accessToken).doesNotContain(".");
		assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(token.get("expires_in").asLong()).isBetween(290L, 300L);

		JsonNode claims = post(idp.introspectionUri(), "sample-app", "sample-secret", "token=" + encode(accessToken));
		assertThat(claims.get("active").asBoolean()).isTrue();
		assertThat(claims.get("group").asString()).isEqualTo("dev");
		assertThat(claims.get("scope").asString()).isEqualTo("orders:read orders:write");
		assertThat(claims.get("client_id").asString()).isEqualTo("demo-client");
		assertThat(claims.get("preferred_username").asString()).isEqualTo("demo-client");
		assertThat(claims.get("iss").asString()).isEqualTo("http://localhost:" + idp.port());
		assertThat(claims.get("realm_access").get("roles").toString()).isEqualTo("[\"orders-reader\",\"dev\"]");
		assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
	}

	@Test
	void acceptsClientSecretPostAndGivesEachClientItsGroup() throws Exception {
		JsonNode token = post(idp.tokenUri(), null, null,
				"grant_type=client_credentials&scope=orders:read&client_id=admin-client&client_secret=admin-secret");
		JsonNode claims = post(idp.introspectionUri(), null, null,
				"client_id=sample-app&client_secret=sample-secret&token="
						+ encode(token.get("access_token").asString()));
		assertThat(claims.get("active").asBoolean()).isTrue();
		assertThat(claims.get("group").asString()).isEqualTo("admin");
		assertThat(claims.get("scope").asString()).isEqualTo("orders:read");
		assertThat(claims.has("realm_access")).isFalse();
	}

	@Test
	void revokedAndUnknownTokensAreInactive() throws Exception {
		String accessToken = post(idp.tokenUri(), "ops-client", "ops-secret", "grant_type=client_credentials")
			.get("access_token")
			.asString();
		HttpResponse<String> revoked = send(idp.revocationUri(), "ops-client", "ops-secret",
				"token=" + encode(accessToken));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(post(idp.introspectionUri(), "sample-app", "sample-secret", "token=" + encode(accessToken))
			.get("active")
			.asBoolean()).isFalse();
		assertThat(post(idp.introspectionUri(), "sample-app", "sample-secret", "token=unknown").toString())
			.isEqualTo("{\"active\":false}");
	}

	@Test
	void answersItsIntrospectionCountWithoutCredentials() throws Exception {
		long before = idp.introspectionCount();
		send(idp.introspectionUri(), "sample-app", "sample-secret", "token=unknown");
		HttpResponse<String> count = http.send(HttpRequest
			.newBuilder(URI.create(idp.introspectionUri().replace("/oauth2/introspect", "/introspection-count")))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(count.statusCode()).isEqualTo(200);
		assertThat(json.readTree(count.body()).get("introspections").asLong()).isEqualTo(before + 1);
	}

	@Test
	void rejectsWrongClientCredentials() throws Exception {
		HttpResponse<String> response = send(idp.introspectionUri(), "sample-app", "wrong", "token=x");
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void listensOnTheLoopbackAddressOnly() throws Exception {
		assertThat(connectorAddress(idp)).isEqualTo(InetAddress.getLoopbackAddress());
		assertThat(idp.baseUri()).isEqualTo("http://localhost:" + idp.port());
		InetAddress other = otherAddress();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(other, idp.port()));
	}

	@Test
	void startOnAnotherAddressListensThereAndNamesItInItsUrls() throws Exception {
		InetAddress other = otherAddress();
		try (DemoIdp elsewhere = DemoIdp.start(other, 0)) {
			assertThat(connectorAddress(elsewhere)).isEqualTo(other);
			assertThat(elsewhere.baseUri()).isEqualTo("http://" + other.getHostAddress() + ":" + elsewhere.port());
			JsonNode token = post(elsewhere.tokenUri(), "ops-client", "ops-secret", "grant_type=client_credentials");
			assertThat(token.hasNonNull("access_token")).isTrue();
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> connect(InetAddress.getLoopbackAddress(), elsewhere.port()));
		}
	}

	/** The address the IdP's Tomcat connector is bound to ({@code null}: every one). */
	static InetAddress connectorAddress(DemoIdp idp) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) idp.context()).getWebServer();
		return (InetAddress) server.getTomcat().getConnector().getProperty("address");
	}

	private static void connect(InetAddress address, int port) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
		}
	}

	private static JsonNode post(String uri, String clientId, String secret, String form) throws Exception {
		HttpResponse<String> response = send(uri, clientId, secret, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> send(String uri, String clientId, String secret, String form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (clientId != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
