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

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.util.Assert;

/**
 * Validates a logout token (OpenID Connect Back-Channel Logout 1.0 §2.6) with Nimbus: a
 * JWS signed with one of the accepted algorithms by a key of the identity provider's key
 * set, typed {@code logout+jwt} or untyped, then its claims (see
 * {@link #validate(String)}).
 */
public final class LogoutTokenValidator {

	/**
	 * Accepted values of the {@code typ} header: {@code logout+jwt} (§2.4, also with the
	 * {@code application/} prefix), none, and {@code JWT}, which Keycloak sent until
	 * version 25; the required {@code events} claim and the prohibited {@code nonce}
	 * still tell a logout token from an ID token (§4.1).
	 */
	private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
			new JOSEObjectType("logout+jwt"), new JOSEObjectType("application/logout+jwt"), JOSEObjectType.JWT, null);

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final LogoutTokenClaimsVerifier claimsVerifier;

	/**
	 * Creates a validator.
	 * @param issuer the issuer the {@code iss} claim must equal
	 * @param audiences the accepted audiences, of which {@code aud} must contain one
	 * @param keys the identity provider's keys, such as a caching, rate-limited
	 * {@code JWKSourceBuilder} source that refetches the key set for an unknown key id
	 * @param algorithms the accepted signature algorithms
	 * @param clockSkew the leeway for {@code iat} and {@code exp}
	 * @param maxAge the oldest token accepted, by its {@code iat}
	 * @param clock the clock
	 */
	public LogoutTokenValidator(String issuer, Collection<String> audiences, JWKSource<SecurityContext> keys,
			Set<JWSAlgorithm> algorithms, Duration clockSkew, Duration maxAge, Clock clock) {
		Assert.hasText(issuer, "issuer must not be empty");
		Assert.notEmpty(audiences, "audiences must not be empty");
		Assert.notEmpty(algorithms, "algorithms must not be empty");
		this.claimsVerifier = new LogoutTokenClaimsVerifier(issuer, new HashSet<>(audiences), clockSkew, maxAge, clock);
		this.processor.setJWSTypeVerifier(TYPES);
		this.processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
		this.processor.setJWTClaimsSetVerifier(this.claimsVerifier);
	}

	/**
	 * Validates a logout token: its signature, {@code typ}, {@code iss}, {@code aud},
	 * {@code iat} (not in the future, not older than the maximum age), {@code exp} when
	 * present, the back-channel logout event, no {@code nonce}, a {@code jti}, and a
	 * {@code sid} or a {@code sub}. Whether the {@code jti} was seen before is the
	 * caller's to check.
	 * @param logoutToken the logout token
	 * @return what the token logs out
	 * @throws InvalidLogoutTokenException if the token is not a valid logout token, or
	 * the identity provider's keys cannot be had
	 */
	public LogoutToken validate(String logoutToken) throws InvalidLogoutTokenException {
		try {
			JWTClaimsSet claims = this.processor.process(logoutToken, null);
			return new LogoutToken(claims.getIssuer(), claims.getJWTID(), LogoutTokenClaimsVerifier.sessionId(claims),
					claims.getSubject(), this.claimsVerifier.acceptedUntil(claims));
		}
		catch (ParseException ex) {
			throw new InvalidLogoutTokenException("the logout token is not a JWT");
		}
		catch (BadJOSEException ex) {
			throw new InvalidLogoutTokenException(ex.getMessage());
		}
		catch (KeySourceException ex) {
			throw new InvalidLogoutTokenException("the identity provider's keys could not be retrieved");
		}
		catch (JOSEException ex) {
			throw new InvalidLogoutTokenException("the logout token's signature could not be verified");
		}
	}

}
