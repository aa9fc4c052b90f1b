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

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Mints logout tokens with Nimbus, signed by keys generated for the test.
 */
public final class LogoutTokens {

	/**
	 * The identity provider's issuer.
	 */
	public static final String ISSUER = "https://idp.example.com/realms/demo";

	/**
	 * The client id the tokens are for.
	 */
	public static final String AUDIENCE = "app";

	private LogoutTokens() {
	}

	/**
	 * A new 2048-bit RSA key.
	 * @param kid the key id
	 * @return the key pair
	 */
	public static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new P-256 key.
	 * @param kid the key id
	 * @return the key pair
	 */
	public static ECKey ecKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The claims of a valid logout token issued at {@code now}, with a {@code sid}, a
	 * {@code sub} and a fresh {@code jti}.
	 * @param now the issue time
	 * @return the claims, to be changed by the test
	 */
	public static JWTClaimsSet.Builder claims(Instant now) {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(120)))
			.jwtID(UUID.randomUUID().toString())
			.subject("alice")
			.claim("sid", "session-1")
			.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
	}

	/**
	 * Signs claims with RS256 or ES256 (by the key's type), typed {@code logout+jwt}.
	 * @param key the signing key
	 * @param claims the claims
	 * @return the compact JWS
	 */
	public static String sign(JWK key, JWTClaimsSet claims) {
		return sign(key, new JOSEObjectType("logout+jwt"), claims);
	}

	/**
	 * Signs claims with RS256 or ES256 (by the key's type).
	 * @param key the signing key
	 * @param type the {@code typ} header, or {@code null} for none
	 * @param claims the claims
	 * @return the compact JWS
	 */
	public static String sign(JWK key, @Nullable JOSEObjectType type, JWTClaimsSet claims) {
		JWSAlgorithm algorithm = (key instanceof RSAKey) ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
		return sign(key, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
	}

	/**
	 * Signs claims with the given header.
	 * @param key the signing key
	 * @param header the header
	 * @param claims the claims
	 * @return the compact JWS
	 */
	public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
		try {
			JWSSigner signer = (key instanceof RSAKey rsa) ? new RSASSASigner(rsa) : new ECDSASigner(key.toECKey());
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
