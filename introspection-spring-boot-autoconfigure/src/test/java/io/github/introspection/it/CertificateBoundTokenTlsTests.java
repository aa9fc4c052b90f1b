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

package io.github.introspection.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705 §3) on a real TLS connection, where nothing but the
 * servlet container supplies the client certificate and nothing but the application's
 * servlet filters make the request visible to the introspector: with the default chain,
 * with the application's own chain, and with an application that turns Spring MVC's
 * auto-configuration off.
 */
class CertificateBoundTokenTlsTests {

	private static HeldCertificate ca;

	private static HeldCertificate client;

	private static HeldCertificate otherClient;

	private static HeldCertificate server;

	private MockWebServer idp;

	private ConfigurableApplicationContext app;

	@BeforeAll
	static void createCertificates() {
		ca = new HeldCertificate.Builder().commonName("Test CA").certificateAuthority(0).build();
		server = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.signedBy(ca)
			.build();
		client = new HeldCertificate.Builder().commonName("orders-client").signedBy(ca).build();
		otherClient = new HeldCertificate.Builder().commonName("other-client").signedBy(ca).build();
	}

	@BeforeEach
	void startIdp() throws Exception {
		String answer = "{\"active\":true,\"sub\":\"alice\",\"cnf\":{\"x5t#S256\":\""
				+ CertificateBoundTokenChainTests.thumbprint(client.certificate()) + "\"}}";
		this.idp = new MockWebServer();
		this.idp.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return TestApp.json(answer);
			}
		});
		this.idp.start();
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.idp.close();
	}

	@Test
	void defaultChainAcceptsABoundTokenOnlyWithItsCertificate() throws Exception {
		start(DefaultChainApp.class);
		// Spring MVC's auto-configuration registers the RequestContextFilter.
		assertThat(this.app.containsBean("introspectionRequestContextFilter")).isFalse();
		assertThat(call(client)).isEqualTo(200);
		assertThat(call(null)).isEqualTo(401);
		assertThat(call(otherClient)).isEqualTo(401);
		assertThat(call(client)).isEqualTo(200);
	}

	@Test
	void ownChainAcceptsABoundTokenOnlyWithItsCertificate() throws Exception {
		start(OwnChainApp.class);
		assertThat(call(client)).isEqualTo(200);
		assertThat(call(null)).isEqualTo(401);
		assertThat(call(otherClient)).isEqualTo(401);
	}

	@Test
	void applicationWithoutSpringMvcAutoConfigurationGetsTheStartersRequestContextFilter() throws Exception {
		start(OwnMvcConfigurationApp.class);
		assertThat(this.app.containsBean("introspectionRequestContextFilter")).isTrue();
		assertThat(call(client)).isEqualTo(200);
		assertThat(call(null)).isEqualTo(401);
	}

	private void start(Class<?> application) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("server.ssl.bundle", "app");
		properties.put("server.ssl.client-auth", "want");
		properties.put("spring.ssl.bundle.pem.app.keystore.certificate", server.certificatePem());
		properties.put("spring.ssl.bundle.pem.app.keystore.private-key", server.privateKeyPkcs8Pem());
		properties.put("spring.ssl.bundle.pem.app.truststore.certificate", ca.certificatePem());
		properties.put("introspection.client-config.url", this.idp.url("/introspect").toString());
		properties.put("introspection.client-config.auth.client-id", "app");
		properties.put("introspection.client-config.auth.client-secret", TestApp.CLIENT_SECRET);
		properties.put("introspection.client-config.max-retries", "0");
		this.app = new SpringApplicationBuilder(application).properties(properties).run();
	}

	private int call(HeldCertificate certificate) throws Exception {
		HandshakeCertificates.Builder certificates = new HandshakeCertificates.Builder()
			.addTrustedCertificate(ca.certificate());
		if (certificate != null) {
			certificates.heldCertificate(certificate);
		}
		HttpClient http = HttpClient.newBuilder()
			.sslContext(certificates.build().sslContext())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String port = this.app.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/hello"))
			.header("Authorization", "Bearer bound")
			.timeout(Duration.ofSeconds(10))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TestApp.Endpoints.class)
	static class DefaultChainApp {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TestApp.Endpoints.class)
	static class OwnChainApp {

		@Bean
		SecurityFilterChain api(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults())
					.authenticationEntryPoint(entryPoint));
			return http.build();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebMvc
	@Import(TestApp.Endpoints.class)
	static class OwnMvcConfigurationApp {

		@Bean
		SecurityFilterChain api(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()));
			return http.build();
		}

	}

}
