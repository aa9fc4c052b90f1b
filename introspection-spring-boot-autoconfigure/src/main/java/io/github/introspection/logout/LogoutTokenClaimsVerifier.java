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
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The claims checks of a logout token (Back-Channel Logout 1.0 §2.4 and §2.6): Nimbus's
 * own checks of {@code iss}, {@code aud}, {@code exp} and the required and prohibited
 * claims, then {@code iat} within the accepted age, the back-channel logout event, and
 * {@code sid} or {@code sub}.
 */
final class LogoutTokenClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

	static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private final Clock clock;

	private final Duration clockSkew;

	private final Duration maxAge;

	LogoutTokenClaimsVerifier(String issuer, Set<String> audiences, Duration clockSkew, Duration maxAge, Clock clock) {
		// Mutable sets: Nimbus asks them whether they contain null.
		super(audiences, new JWTClaimsSet.Builder().issuer(issuer).build(),
				new HashSet<>(List.of("iat", "jti", "events")), new HashSet<>(List.of("nonce")));
		setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.maxAge = maxAge;
	}

	@Override
	protected Date currentTime() {
		return Date.from(this.clock.instant());
	}

	@Override
	public void verify(JWTClaimsSet claims, @Nullable SecurityContext context) throws BadJWTException {
		super.verify(claims, context);
		Instant now = this.clock.instant();
		Instant issuedAt = claims.getIssueTime().toInstant();
		if (issuedAt.isAfter(now.plus(this.clockSkew))) {
			throw new BadJWTException("the logout token's iat is in the future");
		}
		if (issuedAt.plus(this.maxAge).plus(this.clockSkew).isBefore(now)) {
			throw new BadJWTException("the logout token's iat is older than " + this.maxAge.toSeconds() + "s");
		}
		if (!StringUtils.hasText(claims.getJWTID())) {
			throw new BadJWTException("the logout token's jti is empty");
		}
		if (!(events(claims).get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map)) {
			throw new BadJWTException("the logout token's events claim has no " + BACKCHANNEL_LOGOUT_EVENT
					+ " member whose value is a JSON object");
		}
		if (!StringUtils.hasText(sessionId(claims)) && !StringUtils.hasText(claims.getSubject())) {
			throw new BadJWTException("the logout token has neither a sid nor a sub claim");
		}
	}

	/**
	 * The last moment at which a token with these (verified) claims passes: at most
	 * {@code maxAge} after {@code iat}, never after {@code exp}, plus the clock skew.
	 * @param claims the verified claims
	 * @return the moment
	 */
	Instant acceptedUntil(JWTClaimsSet claims) {
		Instant until = claims.getIssueTime().toInstant().plus(this.maxAge);
		Date expiration = claims.getExpirationTime();
		if (expiration != null && expiration.toInstant().isBefore(until)) {
			until = expiration.toInstant();
		}
		return until.plus(this.clockSkew);
	}

	static @Nullable String sessionId(JWTClaimsSet claims) throws BadJWTException {
		try {
			return claims.getStringClaim("sid");
		}
		catch (ParseException ex) {
			throw new BadJWTException("the logout token's sid claim is not a string");
		}
	}

	private static Map<String, Object> events(JWTClaimsSet claims) throws BadJWTException {
		try {
			Map<String, Object> events = claims.getJSONObjectClaim("events");
			if (events == null) {
				throw new BadJWTException("the logout token's events claim is not a JSON object");
			}
			return events;
		}
		catch (ParseException ex) {
			throw new BadJWTException("the logout token's events claim is not a JSON object");
		}
	}

}
