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

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Signed introspection answers (RFC 9701): only a JWS of type
 * {@code token-introspection+jwt}, signed by a key of the identity provider's JWK set,
 * from the issuer, to this client, is accepted; a rotated key is found by fetching the
 * JWK set again; a plain JSON answer is refused without counting as an outage.
 */
class SignedIntrospectionResponseTests {

	private static final String ISSUER = "https://idp.example.com/realms/demo";

	private static RSAKey key1;

	private static RSAKey key2;

	private static RSAKey stranger;

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private volatile JWKSet published;

	private volatile MockResponse answer;

	private MockWebServer idp;

	@BeforeAll
	static void keys() throws Exception {
		key1 = new RSAKeyGenerator(2048).keyID("k1").generate();
		key2 = new RSAKeyGenerator(2048).keyID("k2").generate();
		stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
	}

	@BeforeEach
	void start() throws Exception {
		this.published = new JWKSet(key1.toPublicJWK());
		this.idp = new MockWebServer();
		this.idp.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getUrl().encodedPath().equals("/jwks")) {
					SignedIntrospectionResponseTests.this.jwksFetches.incrementAndGet();
					return IdpClients.json(SignedIntrospectionResponseTests.this.published.toString());
				}
				return SignedIntrospectionResponseTests.this.answer;
			}
		});
		this.idp.start();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void aGoodSignedAnswerGivesTheClaimsOfItsTokenIntrospectionMember() throws Exception {
		this.answer = signed(key1, "token-introspection+jwt", ISSUER, "orders-app", this.clock.instant(),
				Map.of("active", true, "sub", "alice", "scope", "orders:read"));
		IntrospectionClient client = client();
		assertThat(client.introspect("abc").getName()).isEqualTo("alice");
		RecordedRequest request = this.idp.takeRequest();
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/token-introspection+jwt");
	}

	@Test
	void anInactiveSignedAnswerIsAnInactiveToken() throws Exception {
		this.answer = signed(key1, "token-introspection+jwt", ISSUER, "orders-app", this.clock.instant(),
				Map.of("active", false));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> client().introspect("abc"));
	}

	@Test
	void aBadSignatureIsRefused() throws Exception {
		this.answer = signed(stranger, "token-introspection+jwt", ISSUER, "orders-app", this.clock.instant(),
				Map.of("active", true, "sub", "mallory"));
		assertRefused(client(), "signed introspection answer was refused");
	}

	@Test
	void aWrongTypIsRefused() throws Exception {
		this.answer = signed(key1, "JWT", ISSUER, "orders-app", this.clock.instant(),
				Map.of("active", true, "sub", "alice"));
		assertRefused(client(), "type");
	}

	@Test
	void aWrongIssuerIsRefused() throws Exception {
		this.answer = signed(key1, "token-introspection+jwt", "https://evil.example.com", "orders-app",
				this.clock.instant(), Map.of("active", true, "sub", "alice"));
		assertRefused(client(), "iss");
	}

	@Test
	void aWrongAudienceIsRefused() throws Exception {
		this.answer = signed(key1, "token-introspection+jwt", ISSUER, "another-app", this.clock.instant(),
				Map.of("active", true, "sub", "alice"));
		assertRefused(client(), "aud");
	}

	@Test
	void anAnswerIssuedInTheFutureIsRefused() throws Exception {
		this.answer = signed(key1, "token-introspection+jwt", ISSUER, "orders-app",
				this.clock.instant().plusSeconds(120), Map.of("active", true, "sub", "alice"));
		assertRefused(client(), "issued in the future");
	}

	@Test
	void anUnknownKidFetchesTheKeySetAgainAndFindsTheRotatedKey() throws Exception {
		IntrospectionClient client = client();
		this.answer = signed(key1, "token-introspection+jwt", ISSUER, "orders-app", this.clock.instant(),
				Map.of("active", true, "sub", "alice"));
		client.introspect("a");
		assertThat(this.jwksFetches).hasValue(1);
		// the identity provider rotates to k2
		this.published = new JWKSet(List.of(key2.toPublicJWK(), key1.toPublicJWK()));
		this.answer = signed(key2, "token-introspection+jwt", ISSUER, "orders-app", this.clock.instant(),
				Map.of("active", true, "sub", "bob"));
		assertThat(client.introspect("b").getName()).isEqualTo("bob");
		assertThat(this.jwksFetches).hasValue(2);
		client.introspect("c");
		assertThat(this.jwksFetches).hasValue(2);
	}

	@Test
	void aPlainJsonAnswerIsRefusedAsAnUnavailableIdentityProviderThatIsNoOutage() {
		this.answer = IdpClients.json("{\"active\":true,\"sub\":\"alice\"}");
		IntrospectionClient client = client();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("abc"))
			.satisfies((ex) -> assertThat(ex.isOutage()).isFalse())
			.withMessageContaining("answered plain JSON")
			.withMessageContaining("stripping signatures");
		assertThat(client.getCircuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	private IntrospectionClient client() {
		java.net.URI jwks = this.idp.url("/jwks").uri();
		SignedIntrospectionResponseVerifier verifier = new SignedIntrospectionResponseVerifier(ISSUER, "orders-app",
				() -> jwks, new RestClientResourceRetriever(IdpClients.restClient(Duration.ofSeconds(2)), 64 * 1024),
				Duration.ofSeconds(30), this.clock);
		return IdpClients.builder(this.idp).signedResponses(verifier).build();
	}

	private static void assertRefused(IntrospectionClient client, String reason) {
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("abc"))
			.satisfies((ex) -> assertThat(ex.isOutage()).isFalse())
			.withMessageContaining(reason);
	}

	private static MockResponse signed(RSAKey key, String type, String issuer, String audience, Instant issuedAt,
			Map<String, Object> introspection) throws Exception {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType(type))
			.keyID(key.getKeyID())
			.build();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(issuedAt))
			.claim("token_introspection", introspection)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(key));
		return new MockResponse.Builder().addHeader("Content-Type", "application/token-introspection+jwt")
			.body(jwt.serialize())
			.build();
	}

}
