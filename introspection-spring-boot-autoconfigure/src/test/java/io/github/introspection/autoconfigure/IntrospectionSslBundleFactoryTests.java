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

package io.github.introspection.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.introspection.autoconfigure.IntrospectionProperties.Tls;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionUnavailableException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.FileSystemResource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IntrospectionSslBundleFactory}, and for the introspection client
 * talking TLS to an identity provider with the bundles it makes.
 */
class IntrospectionSslBundleFactoryTests {

	private static final String TOKEN = "opaque-T0ken+/=";

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\"}";

	private static HeldCertificate ca;

	private static HeldCertificate serverCertificate;

	private static HeldCertificate clientCertificate;

	private static HeldCertificate untrustedServerCertificate;

	private static HeldCertificate otherCa;

	@TempDir
	Path directory;

	private MockWebServer idp;

	@BeforeAll
	static void createCertificates() {
		ca = new HeldCertificate.Builder().commonName("Test IdP CA").certificateAuthority(0).build();
		otherCa = new HeldCertificate.Builder().commonName("Other CA").certificateAuthority(0).build();
		serverCertificate = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.addSubjectAlternativeName("127.0.0.1")
			.signedBy(ca)
			.build();
		clientCertificate = new HeldCertificate.Builder().commonName("orders-service").signedBy(ca).build();
		untrustedServerCertificate = new HeldCertificate.Builder().commonName("untrusted.example")
			.addSubjectAlternativeName("untrusted.example")
			.build();
	}

	@BeforeEach
	void createIdp() {
		this.idp = new MockWebServer();
	}

	@AfterEach
	void stopIdp() {
		this.idp.close();
	}

	@Test
	void createWhenNothingConfiguredThenNoBundle() {
		assertThat(IntrospectionSslBundleFactory.create(new Tls(), null)).isNull();
	}

	@Test
	void introspectWhenServerCertificateIsSignedByTheConfiguredCaThenSucceeds() throws IOException {
		startIdp(serverCertificate, false);
		Tls tls = new Tls();
		tls.setCa(pem("ca.pem", ca.certificatePem()));
		assertThat(client(IntrospectionSslBundleFactory.create(tls, null)).introspect(TOKEN).getName())
			.isEqualTo("alice");
	}

	@Test
	void introspectWhenCaIsNotConfiguredThenHandshakeFailsAndIsUnavailable() throws IOException {
		startIdp(serverCertificate, false);
		IntrospectionClient client = client(IntrospectionSslBundleFactory.create(new Tls(), null));
		assertUnavailable(client);
		assertThat(this.idp.getRequestCount()).isZero();
	}

	@Test
	void introspectWhenConfiguredCaDidNotSignTheServerCertificateThenUnavailable() throws IOException {
		startIdp(serverCertificate, false);
		Tls tls = new Tls();
		tls.setCa(pem("ca.pem", otherCa.certificatePem()));
		assertUnavailable(client(IntrospectionSslBundleFactory.create(tls, null)));
		assertThat(this.idp.getRequestCount()).isZero();
	}

	@Test
	void introspectWhenServerRequiresAClientCertificateAndOneIsConfiguredThenSucceeds() throws Exception {
		startIdp(serverCertificate, true);
		Tls tls = new Tls();
		tls.setCa(pem("ca.pem", ca.certificatePem()));
		tls.setCert(pem("client.pem", clientCertificate.certificatePem()));
		tls.setKey(pem("client-key.pem", clientCertificate.privateKeyPkcs8Pem()));
		assertThat(client(IntrospectionSslBundleFactory.create(tls, null)).introspect(TOKEN).getName())
			.isEqualTo("alice");
		RecordedRequest request = this.idp.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		assertThat(request.getHandshake().peerPrincipal().getName()).contains("CN=orders-service");
	}

	@Test
	void introspectWhenServerRequiresAClientCertificateAndNoneIsConfiguredThenUnavailable() throws IOException {
		startIdp(serverCertificate, true);
		Tls tls = new Tls();
		tls.setCa(pem("ca.pem", ca.certificatePem()));
		assertUnavailable(client(IntrospectionSslBundleFactory.create(tls, null)));
		assertThat(this.idp.getRequestCount()).isZero();
	}

	@Test
	void introspectWhenInsecureSkipVerifyThenTrustsAnUntrustedServerCertificate() throws IOException {
		startIdp(untrustedServerCertificate, false);
		Tls tls = new Tls();
		tls.setInsecureSkipVerify(true);
		assertThat(client(IntrospectionSslBundleFactory.create(tls, null)).introspect(TOKEN).getName())
			.isEqualTo("alice");
	}

	@Test
	void introspectWhenInsecureSkipVerifyWithAClientCertificateThenStillSendsIt() throws Exception {
		startIdp(untrustedServerCertificate, true);
		Tls tls = new Tls();
		tls.setInsecureSkipVerify(true);
		tls.setCert(pem("client.pem", clientCertificate.certificatePem()));
		tls.setKey(pem("client-key.pem", clientCertificate.privateKeyPkcs8Pem()));
		assertThat(client(IntrospectionSslBundleFactory.create(tls, null)).introspect(TOKEN).getName())
			.isEqualTo("alice");
		assertThat(this.idp.takeRequest(5, TimeUnit.SECONDS).getHandshake().peerPrincipal().getName())
			.contains("CN=orders-service");
	}

	@Test
	void introspectWhenNamedBundleThenUsesIt() throws IOException {
		startIdp(serverCertificate, false);
		Tls caOnly = new Tls();
		caOnly.setCa(pem("ca.pem", ca.certificatePem()));
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry("idp",
				IntrospectionSslBundleFactory.create(caOnly, null));
		Tls tls = new Tls();
		tls.setBundle("idp");
		assertThat(client(IntrospectionSslBundleFactory.create(tls, registry)).introspect(TOKEN).getName())
			.isEqualTo("alice");
	}

	@Test
	void createWhenNamedBundleIsMissingThenFailsNamingTheBundleProperty() {
		Tls tls = new Tls();
		tls.setBundle("missing");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> IntrospectionSslBundleFactory.create(tls, new DefaultSslBundleRegistry()))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.client-config.tls.bundle"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> IntrospectionSslBundleFactory.create(tls, null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.client-config.tls.bundle"));
	}

	@Test
	void createWhenCaFileCannotBeReadThenFailsNamingTheCaProperty() {
		Tls tls = new Tls();
		tls.setCa(new FileSystemResource(this.directory.resolve("missing-ca.pem")));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> IntrospectionSslBundleFactory.create(tls, null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.client-config.tls.ca"));
	}

	@Test
	void createWhenCertFileCannotBeReadThenFailsNamingTheCertProperty() throws IOException {
		Tls tls = new Tls();
		tls.setCert(new FileSystemResource(this.directory.resolve("missing-client.pem")));
		tls.setKey(pem("client-key.pem", clientCertificate.privateKeyPkcs8Pem()));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> IntrospectionSslBundleFactory.create(tls, null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.client-config.tls.cert"));
	}

	@Test
	void createWhenKeyFileCannotBeReadThenFailsNamingTheKeyProperty() throws IOException {
		Tls tls = new Tls();
		tls.setCert(pem("client.pem", clientCertificate.certificatePem()));
		tls.setKey(new FileSystemResource(this.directory.resolve("missing-key.pem")));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> IntrospectionSslBundleFactory.create(tls, null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.client-config.tls.key"));
	}

	@Test
	void createWhenCaIsNotPemThenFailsNamingTheCaProperty() throws IOException {
		Tls tls = new Tls();
		tls.setCa(pem("ca.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> IntrospectionSslBundleFactory.create(tls, null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.client-config.tls.ca"));
	}

	private void startIdp(HeldCertificate certificate, boolean requireClientAuth) throws IOException {
		HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate)
			.addTrustedCertificate(ca.certificate())
			.build();
		this.idp.useHttps(serverCertificates.sslSocketFactory());
		if (requireClientAuth) {
			this.idp.requireClientAuth();
		}
		this.idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ACTIVE).build());
		this.idp.start();
	}

	private IntrospectionClient client(@Nullable SslBundle sslBundle) {
		Duration timeout = Duration.ofSeconds(3);
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(timeout, timeout)
			.withRedirects(HttpRedirects.DONT_FOLLOW)
			.withSslBundle(sslBundle);
		RestClient restClient = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
				.build(settings))
			.build();
		URI endpoint = URI.create("https://localhost:" + this.idp.getPort() + "/oauth2/introspect");
		return IntrospectionClient.builder(restClient, endpoint).maxRetries(0).build();
	}

	private static void assertUnavailable(IntrospectionClient client) {
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect(TOKEN))
			.withMessageNotContaining(TOKEN)
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("temporarily_unavailable"));
	}

	private FileSystemResource pem(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return new FileSystemResource(file);
	}

}
