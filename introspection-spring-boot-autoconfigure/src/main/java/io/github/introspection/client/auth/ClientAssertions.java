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

package io.github.introspection.client.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Makes signed client assertions (RFC 7523 §2.2, OpenID Connect Core §9): {@code iss} and
 * {@code sub} the client id, {@code aud} the authorization server, a unique {@code jti},
 * {@code iat} and a short {@code exp}. An assertion may be reused for a while when
 * configured, never past its {@code exp} less a margin; by default every call gets a new
 * one.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 §3</a>
 */
public final class ClientAssertions {

	// An assertion is never sent with less than this left before its exp.
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

	private final String clientId;

	private final String audience;

	private final JWSSigner signer;

	private final JWSHeader header;

	private final Duration lifetime;

	private final Duration reuse;

	private final Clock clock;

	private volatile @Nullable Assertion current;

	/**
	 * Creates a source of assertions.
	 * @param clientId the client id ({@code iss} and {@code sub})
	 * @param audience the authorization server ({@code aud}): its issuer, or the endpoint
	 * the assertion is sent to
	 * @param signer signs with the client's private key or secret
	 * @param algorithm the JWS algorithm
	 * @param keyId the {@code kid} of the header, or {@code null} for none
	 * @param lifetime the time from {@code iat} to {@code exp}
	 * @param reuse how long one assertion may be sent again; zero for a new one per call
	 * @param clock the clock
	 */
	public ClientAssertions(String clientId, String audience, JWSSigner signer, JWSAlgorithm algorithm,
			@Nullable String keyId, Duration lifetime, Duration reuse, Clock clock) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(audience, "audience cannot be empty");
		Assert.notNull(signer, "signer cannot be null");
		Assert.isTrue(lifetime.compareTo(Duration.ofSeconds(1)) >= 0, "lifetime must be at least 1s");
		Assert.isTrue(!reuse.isNegative(), "reuse cannot be negative");
		this.clientId = clientId;
		this.audience = audience;
		this.signer = signer;
		this.header = new JWSHeader.Builder(algorithm).keyID(keyId).build();
		this.lifetime = lifetime;
		this.reuse = reuse;
		this.clock = clock;
	}

	/**
	 * The assertion for the next call.
	 * @return a compact JWS
	 */
	public String next() {
		Instant now = this.clock.instant();
		Assertion assertion = this.current;
		if (assertion != null && now.isBefore(assertion.reusableUntil)) {
			return assertion.value;
		}
		assertion = sign(now);
		if (!this.reuse.isZero()) {
			this.current = assertion;
		}
		return assertion.value;
	}

	private Assertion sign(Instant now) {
		Instant expiry = now.plus(this.lifetime);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.clientId)
			.subject(this.clientId)
			.audience(List.of(this.audience))
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiry))
			.build();
		SignedJWT jwt = new SignedJWT(this.header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(
					"The client assertion could not be signed (" + ex.getClass().getSimpleName() + ")");
		}
		Instant reusableUntil = now.plus(this.reuse);
		Instant lastUse = expiry.minus(EXPIRY_MARGIN);
		return new Assertion(jwt.serialize(), reusableUntil.isBefore(lastUse) ? reusableUntil : lastUse);
	}

	private record Assertion(String value, Instant reusableUntil) {

		@Override
		public String toString() {
			return "Assertion [until " + this.reusableUntil + "]";
		}

	}

}
