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

package io.github.introspection.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.introspection.client.IntrospectionUnavailableException;
import io.github.introspection.client.UrlConnectionIntrospectionRequestFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading an issuer's metadata: OpenID Connect Discovery, the RFC 8414 fallback, an
 * issuer that does not match, and an identity provider that is down at first.
 */
class IssuerMetadataTests {

	private final AtomicLong nanos = new AtomicLong();

	private final List<AuthorizationServerMetadata> told = new CopyOnWriteArrayList<>();

	private MockWebServer idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void readsOpenIdConnectDiscoveryMetadata() throws Exception {
		URI issuer = this.idp.url("/realms/demo").uri();
		this.idp.enqueue(json(metadata(issuer.toString())));
		AuthorizationServerMetadata metadata = metadata(issuer).get();
		assertThat(metadata.introspectionEndpoint()).isEqualTo(URI.create(issuer + "/introspect"));
		assertThat(metadata.tokenEndpoint()).isEqualTo(URI.create(issuer + "/token"));
		assertThat(metadata.jwksUri()).isEqualTo(URI.create(issuer + "/certs"));
		assertThat(metadata.introspectionEndpointAuthMethods()).containsExactly("private_key_jwt",
				"client_secret_basic");
		assertThat(this.idp.takeRequest().getUrl().encodedPath())
			.isEqualTo("/realms/demo/.well-known/openid-configuration");
		assertThat(this.told).containsExactly(metadata);
	}

	@Test
	void fallsBackToRfc8414WithTheIssuersPathAfterTheWellKnownSegment() throws Exception {
		URI issuer = this.idp.url("/tenant/one").uri();
		this.idp.enqueue(new MockResponse.Builder().code(404).build());
		this.idp.enqueue(json(metadata(issuer.toString())));
		assertThat(metadata(issuer).get().issuer()).isEqualTo(issuer.toString());
		this.idp.takeRequest();
		RecordedRequest rfc8414 = this.idp.takeRequest();
		assertThat(rfc8414.getUrl().encodedPath()).isEqualTo("/.well-known/oauth-authorization-server/tenant/one");
	}

	@Test
	void metadataOfAnotherIssuerIsRefusedAndNeverTrusted() {
		URI issuer = this.idp.url("/realms/demo").uri();
		this.idp.enqueue(json(metadata("https://evil.example.com/realms/demo")));
		this.idp.enqueue(json(metadata("https://evil.example.com/realms/demo")));
		IssuerMetadata metadata = metadata(issuer);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(metadata::get)
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive())
			.withMessageContaining("names the issuer 'https://evil.example.com/realms/demo', not "
					+ "introspection.issuer-uri '" + issuer + "'");
		assertThat(metadata.getIfRead()).isNull();
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(metadata::get);
		assertThat(metadata.getIfRead()).isNull();
		assertThat(this.told).isEmpty();
	}

	@Test
	void anIdentityProviderDownAtFirstIsRetriedWithBackoffThenRead() throws Exception {
		URI issuer = this.idp.url("/realms/demo").uri();
		this.idp.enqueue(new MockResponse.Builder().code(503).build());
		IssuerMetadata metadata = metadata(issuer);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(metadata::get)
			.satisfies((ex) -> assertThat(ex.isOutage()).isTrue())
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1)));
		// within the backoff: no call, Retry-After the time left
		this.nanos.addAndGet(Duration.ofMillis(400).toNanos());
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(metadata::get)
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1)));
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		// after it: down again, the backoff doubles
		this.nanos.addAndGet(Duration.ofMillis(600).toNanos());
		this.idp.enqueue(new MockResponse.Builder().code(503).build());
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(metadata::get)
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(2)));
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		this.idp.enqueue(json(metadata(issuer.toString())));
		assertThat(metadata.get().introspectionEndpoint()).isEqualTo(URI.create(issuer + "/introspect"));
		assertThat(metadata.get()).isSameAs(metadata.getIfRead());
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void anUnreachableIdentityProviderIsAnOutage() {
		URI issuer = URI.create("http://127.0.0.1:" + freePort() + "/realms/demo");
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(metadata(issuer)::get)
			.satisfies((ex) -> assertThat(ex.isOutage()).isTrue())
			.withMessageContaining("could not be reached");
	}

	@Test
	void rfc8414LocationOfAnIssuerWithoutPath() {
		assertThat(AuthorizationServerMetadataReader.rfc8414(URI.create("https://idp.example.com")))
			.hasToString("https://idp.example.com/.well-known/oauth-authorization-server");
		assertThat(AuthorizationServerMetadataReader.oidc(URI.create("https://idp.example.com/")))
			.hasToString("https://idp.example.com/.well-known/openid-configuration");
	}

	private IssuerMetadata metadata(URI issuer) {
		return new IssuerMetadata(issuer, new AuthorizationServerMetadataReader(restClient()), List.of(this.told::add),
				this.nanos::get);
	}

	static RestClient restClient() {
		Duration timeout = Duration.ofSeconds(2);
		return RestClient.builder()
			.requestFactory(new UrlConnectionIntrospectionRequestFactory(timeout, 256 * 1024))
			.build();
	}

	static String metadata(String issuer) {
		return "{\"issuer\":\"" + issuer + "\",\"introspection_endpoint\":\"" + issuer + "/introspect\","
				+ "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\","
				+ "\"introspection_endpoint_auth_methods_supported\":[\"private_key_jwt\",\"client_secret_basic\"]}";
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
