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

package io.github.introspection.client;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.introspection.client.auth.ClientAssertions;
import io.github.introspection.client.auth.JwtClientAuthentication;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact requests of {@code private_key_jwt} and {@code client_secret_jwt} (RFC 7523
 * §2.2): the form fields, the assertion's claims and signature checked with the public
 * key, a new {@code jti} per call, and the reuse window.
 */
class ClientAssertionRequestTests {

	private static final String SECRET = "a-client-secret-of-at-least-32-bytes!";

	private static KeyPair rsa;

	private static KeyPair ec;

	private final MutableClock clock = new MutableClock();

	private MockWebServer idp;

	@BeforeAll
	static void keys() throws Exception {
		KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
		rsaGenerator.initialize(2048);
		rsa = rsaGenerator.generateKeyPair();
		KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
		ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
		ec = ecGenerator.generateKeyPair();
	}

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		for (int i = 0; i < 5; i++) {
			this.idp.enqueue(IdpClients.json("{\"active\":true,\"sub\":\"alice\"}"));
		}
		this.idp.start();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void privateKeyJwtSendsASignedAssertionWithTheRequiredClaims() throws Exception {
		IntrospectionClient client = client(
				authentication(new RSASSASigner(rsa.getPrivate()), JWSAlgorithm.RS256, "kid-1", Duration.ZERO));
		client.introspect("abc");
		RecordedRequest request = this.idp.takeRequest(5, TimeUnit.SECONDS);
		Map<String, String> form = form(request);
		assertThat(form).containsEntry("token", "abc")
			.containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
			.containsEntry("client_id", "orders-app")
			.doesNotContainKey("client_secret");
		assertThat(request.getHeaders().get("Authorization")).isNull();
		SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
		assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) rsa.getPublic()))).isTrue();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("kid-1");
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("orders-app");
		assertThat(claims.getSubject()).isEqualTo("orders-app");
		assertThat(claims.getAudience()).containsExactly("https://idp.example.com/realms/demo");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(this.clock.instant());
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(this.clock.instant().plusSeconds(60));
	}

	@Test
	void privateKeyJwtWithAnEcKeySignsWithEs256() throws Exception {
		client(authentication(new ECDSASigner((java.security.interfaces.ECPrivateKey) ec.getPrivate()),
				JWSAlgorithm.ES256, "ec-1", Duration.ZERO))
			.introspect("abc");
		SignedJWT assertion = assertion(this.idp.takeRequest(5, TimeUnit.SECONDS));
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) ec.getPublic()))).isTrue();
	}

	@Test
	void everyCallGetsANewJtiByDefault() throws Exception {
		IntrospectionClient client = client(
				authentication(new RSASSASigner(rsa.getPrivate()), JWSAlgorithm.RS256, "kid-1", Duration.ZERO));
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			client.introspect("token-" + i);
			ids.add(assertion(this.idp.takeRequest(5, TimeUnit.SECONDS)).getJWTClaimsSet().getJWTID());
		}
		assertThat(ids).hasSize(3);
	}

	@Test
	void anAssertionIsReusedWithinTheReuseWindowAndNeverPastItsExpiry() throws Exception {
		IntrospectionClient client = client(authentication(new RSASSASigner(rsa.getPrivate()), JWSAlgorithm.RS256,
				"kid-1", Duration.ofSeconds(10)));
		client.introspect("a");
		String first = form(this.idp.takeRequest(5, TimeUnit.SECONDS)).get("client_assertion");
		this.clock.advance(Duration.ofSeconds(9));
		client.introspect("b");
		assertThat(form(this.idp.takeRequest(5, TimeUnit.SECONDS)).get("client_assertion")).isEqualTo(first);
		this.clock.advance(Duration.ofSeconds(1));
		client.introspect("c");
		String third = form(this.idp.takeRequest(5, TimeUnit.SECONDS)).get("client_assertion");
		assertThat(third).isNotEqualTo(first);
		// a reuse window longer than the lifetime still stops 5 s before exp
		ClientAssertions longReuse = new ClientAssertions("orders-app", "aud", new RSASSASigner(rsa.getPrivate()),
				JWSAlgorithm.RS256, null, Duration.ofSeconds(20), Duration.ofMinutes(5), this.clock);
		String assertion = longReuse.next();
		Instant expiry = SignedJWT.parse(assertion).getJWTClaimsSet().getExpirationTime().toInstant();
		this.clock.advance(Duration.ofSeconds(14));
		assertThat(longReuse.next()).isEqualTo(assertion);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.clock.instant()).isBefore(expiry);
		assertThat(longReuse.next()).isNotEqualTo(assertion);
	}

	@Test
	void clientSecretJwtSignsWithHs256AndTheSecret() throws Exception {
		client(authentication(new MACSigner(SECRET.getBytes()), JWSAlgorithm.HS256, null, Duration.ZERO))
			.introspect("abc");
		RecordedRequest request = this.idp.takeRequest(5, TimeUnit.SECONDS);
		assertThat(form(request)).doesNotContainKey("client_secret").containsEntry("client_id", "orders-app");
		SignedJWT assertion = assertion(request);
		JWSVerifier verifier = new MACVerifier(SECRET.getBytes());
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(assertion.verify(verifier)).isTrue();
		assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("orders-app");
		assertThat(request.getBody().utf8()).doesNotContain(SECRET);
	}

	private JwtClientAuthentication authentication(com.nimbusds.jose.JWSSigner signer, JWSAlgorithm algorithm,
			String keyId, Duration reuse) {
		return new JwtClientAuthentication("orders-app",
				new ClientAssertions("orders-app", "https://idp.example.com/realms/demo", signer, algorithm, keyId,
						Duration.ofSeconds(60), reuse, this.clock),
				"PrivateKeyJwt");
	}

	private IntrospectionClient client(ClientAuthentication authentication) {
		return IdpClients.builder(this.idp).clientAuthentication(authentication).build();
	}

	private static SignedJWT assertion(RecordedRequest request) throws Exception {
		return SignedJWT.parse(form(request).get("client_assertion"));
	}

	static Map<String, String> form(RecordedRequest request) {
		return UriComponentsBuilder.newInstance()
			.query(request.getBody().utf8())
			.build()
			.getQueryParams()
			.toSingleValueMap()
			.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
					(entry) -> java.net.URLDecoder.decode(entry.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
	}

}
