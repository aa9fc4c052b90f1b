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

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;

/**
 * Verifies a signed introspection answer (RFC 9701): a JWS of type
 * {@code token-introspection+jwt}, signed by a key of the identity provider's JWK set,
 * issued by the expected issuer to this client ({@code aud}), not issued in the future,
 * whose {@code token_introspection} member holds the RFC 7662 answer. Anything else, a
 * plain JSON answer above all, is refused: someone between this application and the
 * identity provider may be stripping signatures.
 * <p>
 * The JWK set is read through Nimbus' {@link JWKSourceBuilder}: cached, and fetched again
 * (rate-limited) when an answer names an unknown key, so that key rotation works.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9701">RFC 9701</a>
 */
public final class SignedIntrospectionResponseVerifier {

	/**
	 * The media type of a signed introspection answer, sent as {@code Accept}.
	 */
	public static final MediaType MEDIA_TYPE = new MediaType("application", "token-introspection+jwt");

	private static final JOSEObjectType TYPE = new JOSEObjectType("token-introspection+jwt");

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String issuer;

	private final String audience;

	private final Duration clockSkew;

	private final Clock clock;

	private final Supplier<DefaultJWTProcessor<SecurityContext>> processor;

	/**
	 * Creates a verifier.
	 * @param issuer the expected {@code iss}
	 * @param audience the expected {@code aud}: this application's client id
	 * @param jwkSetUri where the identity provider's JWK set is, resolved on first use
	 * (it may be discovered)
	 * @param retriever reads the JWK set (with this client's TLS settings and timeouts)
	 * @param clockSkew the leeway for {@code iat}
	 * @param clock the clock
	 */
	public SignedIntrospectionResponseVerifier(String issuer, String audience, Supplier<URI> jwkSetUri,
			ResourceRetriever retriever, Duration clockSkew, Clock clock) {
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.hasText(audience, "audience cannot be empty");
		Assert.notNull(jwkSetUri, "jwkSetUri cannot be null");
		Assert.notNull(retriever, "retriever cannot be null");
		this.issuer = issuer;
		this.audience = audience;
		this.clockSkew = clockSkew;
		this.clock = clock;
		this.processor = new Lazy<>(() -> processor(jwkSetUri.get(), retriever));
	}

	private DefaultJWTProcessor<SecurityContext> processor(URI jwkSetUri, ResourceRetriever retriever) {
		JWKSource<SecurityContext> keys;
		try {
			keys = JWKSourceBuilder.<SecurityContext>create(jwkSetUri.toURL(), retriever).build();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new MalformedIntrospectionResponseException("the JWK set URI is not a URL");
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(this.audience,
				new JWTClaimsSet.Builder().issuer(this.issuer).build(),
				Set.of("iss", "aud", "iat", "token_introspection"));
		claims.setMaxClockSkew((int) Math.min(this.clockSkew.toSeconds(), Integer.MAX_VALUE));
		processor.setJWTClaimsSetVerifier(claims);
		return processor;
	}

	/**
	 * Verifies a signed answer.
	 * @param body the body of a 200 answer
	 * @return the RFC 7662 answer it holds, as JSON
	 * @throws MalformedIntrospectionResponseException when the answer is not a valid
	 * signed answer from the identity provider
	 */
	public byte[] verify(byte[] body) {
		String text = new String(body, java.nio.charset.StandardCharsets.US_ASCII).strip();
		if (text.startsWith("{")) {
			throw new UnsignedIntrospectionResponseException();
		}
		JWTClaimsSet claims;
		try {
			claims = this.processor.get().process(text, null);
		}
		catch (KeySourceException ex) {
			// the JWK set could not be read: the identity provider's outage, not the
			// answer's fault
			throw new RetryableIntrospectionException(
					"the identity provider's JWK set could not be read (" + ex.getClass().getSimpleName() + ")", null,
					ex);
		}
		catch (ParseException ex) {
			throw new MalformedIntrospectionResponseException("the signed introspection answer is not a JWT");
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new MalformedIntrospectionResponseException(
					"the signed introspection answer was refused: " + ex.getMessage());
		}
		Date issuedAt = claims.getIssueTime();
		if (issuedAt != null && issuedAt.toInstant().isAfter(Instant.now(this.clock).plus(this.clockSkew))) {
			throw new MalformedIntrospectionResponseException(
					"the signed introspection answer was issued in the future");
		}
		Object answer = claims.getClaim("token_introspection");
		if (!(answer instanceof Map<?, ?> map)) {
			throw new MalformedIntrospectionResponseException(
					"the signed introspection answer's token_introspection is not a JSON object");
		}
		return JSON.writeValueAsBytes(map);
	}

	/**
	 * A plain JSON answer where a signed one was asked for.
	 */
	static final class UnsignedIntrospectionResponseException extends MalformedIntrospectionResponseException {

		UnsignedIntrospectionResponseException() {
			super("the identity provider answered plain JSON where introspection.client-config.response-format=jwt "
					+ "requires a signed answer (RFC 9701); something between this application and the identity "
					+ "provider may be stripping signatures");
		}

	}

	/**
	 * Made once, on first use; made again after a failure.
	 */
	private static final class Lazy<T> implements Supplier<T> {

		private final Supplier<T> factory;

		private volatile @Nullable T value;

		Lazy(Supplier<T> factory) {
			this.factory = factory;
		}

		@Override
		public T get() {
			T current = this.value;
			if (current == null) {
				synchronized (this) {
					current = this.value;
					if (current == null) {
						current = this.factory.get();
						this.value = current;
					}
				}
			}
			return current;
		}

	}

}
