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

package io.github.introspection.logout;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Logout token validation (Back-Channel Logout 1.0 §2.6) against a JWKS served by a
 * {@link JwksServer}, with tokens minted by Nimbus.
 */
class LogoutTokenValidatorTests {

	private static final RSAKey RSA = LogoutTokens.rsaKey("rsa-1");

	private static final ECKey EC = LogoutTokens.ecKey("ec-1");

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final Duration SKEW = Duration.ofSeconds(30);

	private static final Duration MAX_AGE = Duration.ofMinutes(2);

	private JwksServer jwks;

	private LogoutTokenValidator validator;

	@BeforeEach
	void start() throws Exception {
		this.jwks = new JwksServer(RSA.toPublicJWK(), EC.toPublicJWK());
		this.validator = validator(List.of(LogoutTokens.AUDIENCE), Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
	}

	@AfterEach
	void stop() {
		this.jwks.close();
	}

	@Test
	void validRsaTokenGivesItsIssuerJtiSidAndSubAndHowLongItIsAccepted() throws Exception {
		JWTClaimsSet claims = LogoutTokens.claims(NOW).jwtID("jti-1").build();
		LogoutToken token = this.validator.validate(LogoutTokens.sign(RSA, claims));
		assertThat(token.issuer()).isEqualTo(LogoutTokens.ISSUER);
		assertThat(token.id()).isEqualTo("jti-1");
		assertThat(token.sessionId()).isEqualTo("session-1");
		assertThat(token.subject()).isEqualTo("alice");
		assertThat(token.acceptedUntil()).as("exp (2 minutes) plus the clock skew")
			.isEqualTo(NOW.plus(MAX_AGE).plus(SKEW));
	}

	@Test
	void acceptedUntilIsTheEarlierOfExpAndMaximumAgePlusSkew() throws Exception {
		JWTClaimsSet shortLived = LogoutTokens.claims(NOW).expirationTime(Date.from(NOW.plusSeconds(10))).build();
		assertThat(this.validator.validate(LogoutTokens.sign(RSA, shortLived)).acceptedUntil())
			.isEqualTo(NOW.plusSeconds(10).plus(SKEW));
		JWTClaimsSet noExp = LogoutTokens.claims(NOW).expirationTime(null).build();
		assertThat(this.validator.validate(LogoutTokens.sign(RSA, noExp)).acceptedUntil())
			.isEqualTo(NOW.plus(MAX_AGE).plus(SKEW));
	}

	@Test
	void validEcTokenWithSubOnlyOrSidOnlyIsAccepted() throws Exception {
		LogoutToken subOnly = this.validator
			.validate(LogoutTokens.sign(EC, LogoutTokens.claims(NOW).claim("sid", null).build()));
		assertThat(subOnly.sessionId()).isNull();
		assertThat(subOnly.subject()).isEqualTo("alice");
		LogoutToken sidOnly = this.validator
			.validate(LogoutTokens.sign(EC, LogoutTokens.claims(NOW).subject(null).build()));
		assertThat(sidOnly.sessionId()).isEqualTo("session-1");
		assertThat(sidOnly.subject()).isNull();
	}

	@Test
	void tokenSignedByAnotherKeyWithTheSameKidIsRejected() {
		RSAKey impostor = LogoutTokens.rsaKey("rsa-1");
		assertRejected(LogoutTokens.sign(impostor, LogoutTokens.claims(NOW).build()), "Invalid signature");
	}

	@Test
	void tamperedPayloadIsRejected() {
		String token = LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).build());
		String[] parts = token.split("\\.");
		String otherPayload = LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).subject("bob").build()).split("\\.")[1];
		assertRejected(parts[0] + "." + otherPayload + "." + parts[2], "Invalid signature");
	}

	@Test
	void audienceMustBeOneOfTheAcceptedOnes() throws Exception {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).audience("other-client").build()), "audience");
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).audience((String) null).build()), "audience");
		LogoutTokenValidator twoClients = validator(List.of("app", "frontend"), Set.of(JWSAlgorithm.RS256));
		assertThat(twoClients
			.validate(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).audience(List.of("frontend", "x")).build()))
			.subject()).isEqualTo("alice");
	}

	@Test
	void issuerMustBeTheConfiguredOne() {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).issuer("https://evil.example.com").build()),
				"iss");
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).issuer(null).build()), "iss");
	}

	@Test
	void eventsClaimMustHoldTheBackchannelLogoutEventAsAnObject() {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).claim("events", null).build()), "events");
		assertRejected(LogoutTokens.sign(RSA,
				LogoutTokens.claims(NOW)
					.claim("events", Map.of("http://schemas.openid.net/event/other", Map.of()))
					.build()),
				"events");
		assertRejected(LogoutTokens.sign(RSA,
				LogoutTokens.claims(NOW)
					.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", "yes"))
					.build()),
				"events");
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).claim("events", "logout").build()), "events");
	}

	@Test
	void nonceIsProhibited() {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).claim("nonce", "n-0S6").build()), "nonce");
	}

	@Test
	void tokenWithNeitherSidNorSubIsRejected() {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).subject(null).claim("sid", null).build()),
				"neither a sid nor a sub");
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).claim("sid", 42).build()), "sid");
	}

	@Test
	void jtiIsRequired() {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).jwtID(null).build()), "jti");
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).jwtID("").build()), "jti");
	}

	@Test
	void iatIsRequiredAndMayBeNeitherInTheFutureNorTooOld() throws Exception {
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).issueTime(null).build()), "iat");
		Instant future = NOW.plus(SKEW).plusSeconds(1);
		assertRejected(
				LogoutTokens.sign(RSA,
						LogoutTokens.claims(future).expirationTime(Date.from(future.plusSeconds(120))).build()),
				"future");
		Instant old = NOW.minus(MAX_AGE).minus(SKEW).minusSeconds(1);
		assertRejected(LogoutTokens.sign(RSA, LogoutTokens.claims(old).expirationTime(null).build()), "older");
		Instant withinSkew = NOW.plus(SKEW);
		assertThat(this.validator.validate(LogoutTokens.sign(RSA, LogoutTokens.claims(withinSkew).build())).id())
			.isNotEmpty();
		Instant oldestAccepted = NOW.minus(MAX_AGE).minus(SKEW);
		assertThat(this.validator
			.validate(LogoutTokens.sign(RSA, LogoutTokens.claims(oldestAccepted).expirationTime(null).build()))
			.id()).isNotEmpty();
	}

	@Test
	void expiredTokenIsRejected() {
		assertRejected(LogoutTokens.sign(RSA,
				LogoutTokens.claims(NOW.minusSeconds(60))
					.expirationTime(Date.from(NOW.minus(SKEW).minusSeconds(1)))
					.build()),
				"Expired");
	}

	@Test
	void typMustBeLogoutJwtJwtOrAbsent() throws Exception {
		JWTClaimsSet claims = LogoutTokens.claims(NOW).build();
		assertThat(this.validator.validate(LogoutTokens.sign(RSA, (JOSEObjectType) null, claims))).isNotNull();
		assertThat(this.validator.validate(LogoutTokens.sign(RSA, JOSEObjectType.JWT, claims))).isNotNull();
		assertThat(
				this.validator.validate(LogoutTokens.sign(RSA, new JOSEObjectType("application/logout+jwt"), claims)))
			.isNotNull();
		assertRejected(LogoutTokens.sign(RSA, new JOSEObjectType("at+jwt"), claims), "typ");
		assertRejected(LogoutTokens.sign(RSA, new JOSEObjectType("secevent+jwt"), claims), "typ");
	}

	@Test
	void algorithmsOutsideTheAcceptedOnesAreRejected() throws Exception {
		JWTClaimsSet claims = LogoutTokens.claims(NOW).build();
		LogoutTokenValidator rsaOnly = validator(List.of(LogoutTokens.AUDIENCE), Set.of(JWSAlgorithm.RS256));
		assertThatExceptionOfType(InvalidLogoutTokenException.class)
			.isThrownBy(() -> rsaOnly.validate(LogoutTokens.sign(EC, claims)));
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
		hmac.sign(new MACSigner(new byte[32]));
		assertRejected(hmac.serialize(), "no matching key");
		assertRejected(new PlainJWT(claims).serialize(), "nsecured");
	}

	@Test
	void somethingThatIsNoJwtIsRejected() {
		assertRejected("not-a-jwt", "not a JWT");
		assertRejected("a.b.c", "not a JWT");
	}

	@Test
	void unknownKidRefetchesTheKeySetOnceAndFindsARotatedKey() throws Exception {
		JWTClaimsSet claims = LogoutTokens.claims(NOW).build();
		this.validator.validate(LogoutTokens.sign(RSA, claims));
		assertThat(this.jwks.fetches()).isEqualTo(1);
		RSAKey rotated = LogoutTokens.rsaKey("rsa-2");
		this.jwks.publish(RSA.toPublicJWK(), rotated.toPublicJWK());
		assertThat(this.validator.validate(LogoutTokens.sign(rotated, LogoutTokens.claims(NOW).build())).id())
			.isNotEmpty();
		assertThat(this.jwks.fetches()).as("one refetch for the unknown kid").isEqualTo(2);
		this.validator.validate(LogoutTokens.sign(rotated, LogoutTokens.claims(NOW).build()));
		assertThat(this.jwks.fetches()).as("the new key set is cached").isEqualTo(2);
	}

	@Test
	void kidThatIsNowhereIsRejectedAfterOneRefetchAndRateLimitedAfterThat() throws Exception {
		this.validator.validate(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).build()));
		RSAKey unknown = LogoutTokens.rsaKey("rsa-unknown");
		assertThatExceptionOfType(InvalidLogoutTokenException.class)
			.isThrownBy(() -> this.validator.validate(LogoutTokens.sign(unknown, LogoutTokens.claims(NOW).build())));
		assertThat(this.jwks.fetches()).isEqualTo(2);
		assertThatExceptionOfType(InvalidLogoutTokenException.class)
			.isThrownBy(() -> this.validator.validate(LogoutTokens.sign(unknown, LogoutTokens.claims(NOW).build())));
		assertThat(this.jwks.fetches()).as("no fetch storm for unknown kids").isEqualTo(2);
		assertThat(this.validator.validate(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).build())).id())
			.as("known keys still verify")
			.isNotEmpty();
	}

	@Test
	void unreachableKeySetIsARejectionNamingTheKeys() throws Exception {
		String url = this.jwks.url();
		this.jwks.close();
		LogoutTokenValidator validator = new LogoutTokenValidator(LogoutTokens.ISSUER, List.of(LogoutTokens.AUDIENCE),
				JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL()).build(), Set.of(JWSAlgorithm.RS256),
				SKEW, MAX_AGE, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatExceptionOfType(InvalidLogoutTokenException.class)
			.isThrownBy(() -> validator.validate(LogoutTokens.sign(RSA, LogoutTokens.claims(NOW).build())))
			.withMessageContaining("keys could not be retrieved");
	}

	private void assertRejected(String token, String reason) {
		assertThatExceptionOfType(InvalidLogoutTokenException.class).isThrownBy(() -> this.validator.validate(token))
			.withMessageContaining(reason);
	}

	private LogoutTokenValidator validator(List<String> audiences, Set<JWSAlgorithm> algorithms) throws Exception {
		return new LogoutTokenValidator(LogoutTokens.ISSUER, audiences,
				JWKSourceBuilder.<SecurityContext>create(URI.create(this.jwks.url()).toURL()).build(), algorithms, SKEW,
				MAX_AGE, Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
