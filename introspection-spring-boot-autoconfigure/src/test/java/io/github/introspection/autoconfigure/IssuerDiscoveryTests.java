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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.introspection.client.IntrospectionUnavailableException;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured introspector against a scripted identity provider: discovery from
 * {@code issuer-uri} alone, private-key-jwt addressed to the issuer, signed answers with
 * the discovered JWK set, and tls-client-auth over mutual TLS.
 */
@ExtendWith(OutputCaptureExtension.class)
class IssuerDiscoveryTests {

	private static final String AUTH = "introspection.client-config.auth.";

	private static HeldCertificate clientKey;

	private static RSAKey idpKey;

	@TempDir
	static Path directory;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class));

	private MockWebServer idp;

	private volatile boolean metadataUp = true;

	private volatile String answerIssuer;

	private volatile boolean signedAnswers;

	private volatile String authMethods = "[\"client_secret_basic\",\"client_secret_post\",\"private_key_jwt\"]";

	@BeforeAll
	static void keys() throws Exception {
		clientKey = new HeldCertificate.Builder().commonName("orders-app").rsa2048().build();
		idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
	}

	@BeforeEach
	void start() throws IOException {
		this.idp = new MockWebServer();
		this.idp.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer(request);
			}
		});
		this.idp.start();
		this.answerIssuer = issuer();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	private String issuer() {
		return this.idp.url("/realms/demo").toString();
	}

	private MockResponse answer(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		String issuer = issuer();
		if (path.endsWith("/.well-known/openid-configuration")) {
			if (!this.metadataUp) {
				return new MockResponse.Builder().code(503).build();
			}
			return json("{\"issuer\":\"" + issuer + "\",\"introspection_endpoint\":\"" + issuer
					+ "/introspect\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer
					+ "/certs\",\"introspection_endpoint_auth_methods_supported\":" + this.authMethods + "}");
		}
		if (path.endsWith("/certs")) {
			return json(new JWKSet(idpKey.toPublicJWK()).toString());
		}
		Map<String, Object> claims = Map.of("active", true, "sub", "alice", "iss", this.answerIssuer);
		if (!this.signedAnswers) {
			return json("{\"active\":true,\"sub\":\"alice\",\"iss\":\"" + this.answerIssuer + "\"}");
		}
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("token-introspection+jwt"))
						.keyID("idp-1")
						.build(),
					new JWTClaimsSet.Builder().issuer(issuer)
						.audience("orders-app")
						.issueTime(new Date())
						.claim("token_introspection", claims)
						.build());
			jwt.sign(new RSASSASigner(idpKey));
			return new MockResponse.Builder().addHeader("Content-Type", "application/token-introspection+jwt")
				.body(jwt.serialize())
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void issuerUriAloneFindsTheEndpointAndSignsAssertionsForTheIssuer() throws Exception {
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "private-key=" + pem("key.pem", clientKey.privateKeyPkcs8Pem()))
			.run((context) -> {
				OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
				assertThat(introspector.introspect("abc").getName()).isEqualTo("alice");
				assertThat(this.idp.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
					.isEqualTo("/realms/demo/.well-known/openid-configuration");
				RecordedRequest introspection = this.idp.takeRequest(5, TimeUnit.SECONDS);
				assertThat(introspection.getUrl().encodedPath()).isEqualTo("/realms/demo/introspect");
				SignedJWT assertion = SignedJWT.parse(form(introspection).get("client_assertion"));
				assertThat(assertion.verify(
						new RSASSAVerifier((java.security.interfaces.RSAPublicKey) clientKey.keyPair().getPublic())))
					.isTrue();
				assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(issuer());
				assertThat(assertion.getHeader().getKeyID()).isEqualTo(
						new RSAKey.Builder((java.security.interfaces.RSAPublicKey) clientKey.keyPair().getPublic())
							.build()
							.computeThumbprint()
							.toString());
			});
	}

	@Test
	void aSecretWithoutAMethodIsPostedWhenTheMetadataListsOnlyClientSecretPost() throws Exception {
		this.authMethods = "[\"client_secret_post\"]";
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "client-secret=secret")
			.run((context) -> {
				context.getBean(OpaqueTokenIntrospector.class).introspect("abc");
				this.idp.takeRequest(5, TimeUnit.SECONDS);
				RecordedRequest introspection = this.idp.takeRequest(5, TimeUnit.SECONDS);
				assertThat(introspection.getBody().utf8())
					.isEqualTo("token=abc&client_id=orders-app&client_secret=secret");
				assertThat(introspection.getHeaders().get("Authorization")).isNull();
			});
	}

	@Test
	void aConfiguredMethodTheMetadataDoesNotListIsUsedWithOneWarning(CapturedOutput output) throws Exception {
		this.authMethods = "[\"private_key_jwt\"]";
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "client-secret=secret", AUTH + "method=client-secret-basic")
			.run((context) -> {
				OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
				introspector.introspect("abc");
				introspector.introspect("def");
				this.idp.takeRequest(5, TimeUnit.SECONDS);
				assertThat(this.idp.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
					.startsWith("Basic ");
			});
		String warning = "introspection.client-config.auth.method is client-secret-basic (client_secret_basic), "
				+ "which the identity provider's introspection_endpoint_auth_methods_supported does not list";
		assertThat(output.getOut()).containsOnlyOnce(warning).doesNotContain("secret\"");
	}

	@Test
	void theIssuerIsTheDefaultOfTheAcceptedIssuers() {
		this.answerIssuer = "https://other.example.com";
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "client-secret=secret")
			.run((context) -> assertThatExceptionOfType(InvalidBearerTokenException.class)
				.isThrownBy(() -> context.getBean(OpaqueTokenIntrospector.class).introspect("abc"))
				.withMessage("Token issuer is not accepted"));
	}

	@Test
	void theAppStartsWhileTheIdentityProviderIsDownAndRequestsGet503WithRetryAfter() {
		this.metadataUp = false;
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "client-secret=secret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.idp.getRequestCount()).isZero();
				assertThatExceptionOfType(IntrospectionUnavailableException.class)
					.isThrownBy(() -> context.getBean(OpaqueTokenIntrospector.class).introspect("abc"))
					.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive())
					.withMessageContaining("answered HTTP 503");
				// the health contributor's details say why
				assertThat(IntrospectorLayers.client(context.getBean(OpaqueTokenIntrospector.class))
					.getStatus()
					.lastFailureCause()).contains("the issuer's metadata is not available");
			});
	}

	@Test
	void signedAnswersAreVerifiedWithTheDiscoveredKeySet() {
		this.signedAnswers = true;
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "client-secret=secret", "introspection.client-config.response-format=jwt")
			.run((context) -> assertThat(context.getBean(OpaqueTokenIntrospector.class).introspect("abc").getName())
				.isEqualTo("alice"));
		this.signedAnswers = false;
		this.runner
			.withPropertyValues("introspection.issuer-uri=" + issuer(), AUTH + "client-id=orders-app",
					AUTH + "client-secret=secret", "introspection.client-config.response-format=jwt")
			.run((context) -> assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> context.getBean(OpaqueTokenIntrospector.class).introspect("abc"))
				.satisfies((ex) -> assertThat(ex.isOutage()).isFalse()));
	}

	@Test
	void tlsClientAuthSendsTheClientIdOverMutualTls() throws Exception {
		HeldCertificate ca = new HeldCertificate.Builder().commonName("CA").certificateAuthority(0).build();
		HeldCertificate server = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.signedBy(ca)
			.build();
		HeldCertificate client = new HeldCertificate.Builder().commonName("orders-app").signedBy(ca).build();
		try (MockWebServer tlsIdp = new MockWebServer()) {
			tlsIdp.useHttps(new HandshakeCertificates.Builder().heldCertificate(server)
				.addTrustedCertificate(ca.certificate())
				.build()
				.sslSocketFactory());
			tlsIdp.requireClientAuth();
			tlsIdp.enqueue(json("{\"active\":true,\"sub\":\"alice\"}"));
			tlsIdp.start();
			this.runner
				.withPropertyValues(
						"introspection.client-config.url=https://localhost:" + tlsIdp.getPort() + "/introspect",
						AUTH + "method=tls-client-auth", AUTH + "client-id=orders-app",
						"introspection.client-config.tls.ca=" + pem("ca.pem", ca.certificatePem()),
						"introspection.client-config.tls.cert=" + pem("client.pem", client.certificatePem()),
						"introspection.client-config.tls.key=" + pem("client-key.pem", client.privateKeyPkcs8Pem()))
				.run((context) -> {
					assertThat(context.getBean(OpaqueTokenIntrospector.class).introspect("abc").getName())
						.isEqualTo("alice");
					RecordedRequest request = tlsIdp.takeRequest(5, TimeUnit.SECONDS);
					assertThat(request.getBody().utf8()).isEqualTo("token=abc&client_id=orders-app");
					assertThat(request.getHeaders().get("Authorization")).isNull();
					X509Certificate presented = (X509Certificate) request.getHandshake().peerCertificates().get(0);
					assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=orders-app");
				});
		}
	}

	private static Map<String, String> form(RecordedRequest request) {
		return UriComponentsBuilder.newInstance()
			.query(request.getBody().utf8())
			.build()
			.getQueryParams()
			.toSingleValueMap();
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	private static String pem(String name, String content) throws IOException {
		Path file = directory.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return "file:" + file;
	}

}
