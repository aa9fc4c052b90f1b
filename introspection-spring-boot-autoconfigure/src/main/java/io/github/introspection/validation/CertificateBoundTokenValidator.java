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

package io.github.introspection.validation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Checks that a token bound to a client certificate (a {@code cnf} claim with an
 * {@code x5t#S256} member) is used over a TLS connection that presented that certificate:
 * the SHA-256 thumbprint of the client certificate must match, compared in constant time.
 * A token without {@code cnf}, or whose {@code cnf} has no {@code x5t#S256} (such as a
 * DPoP {@code jkt}), is not affected; a {@code cnf} that is not an object, or an
 * {@code x5t#S256} that is not a base64url SHA-256 thumbprint, is an
 * {@code invalid_token}.
 * <p>
 * By default the client certificate is read as Spring Security's JWT thumbprint validator
 * reads it: the {@code jakarta.servlet.request.X509Certificate} attribute of the current
 * request, through {@link RequestContextHolder}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8705#section-3">RFC 8705 §3</a>
 */
public final class CertificateBoundTokenValidator {

	private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private static final int SHA256_LENGTH = 32;

	private final Supplier<@Nullable X509Certificate> clientCertificate;

	/**
	 * Creates a validator that reads the client certificate of the current request.
	 */
	public CertificateBoundTokenValidator() {
		this(CertificateBoundTokenValidator::currentRequestCertificate);
	}

	/**
	 * Creates a validator.
	 * @param clientCertificate the client certificate of the TLS connection the token
	 * came in, or {@code null} when there is none; called only for bound tokens
	 */
	public CertificateBoundTokenValidator(Supplier<@Nullable X509Certificate> clientCertificate) {
		Assert.notNull(clientCertificate, "clientCertificate cannot be null");
		this.clientCertificate = clientCertificate;
	}

	/**
	 * Checks a principal's certificate binding.
	 * @param principal the principal of an active token
	 * @throws OAuth2AuthenticationException when the token is bound to a certificate that
	 * the request did not present
	 */
	public void validate(OAuth2AuthenticatedPrincipal principal) {
		byte[] bound = boundThumbprint(principal.getAttributes().get("cnf"));
		if (bound == null) {
			return;
		}
		X509Certificate certificate = this.clientCertificate.get();
		if (certificate == null) {
			throw new InvalidBearerTokenException("The token is bound to a client certificate");
		}
		if (!MessageDigest.isEqual(bound, thumbprint(certificate))) {
			throw new InvalidBearerTokenException("The token is bound to another client certificate");
		}
	}

	// RFC 8705 §3.1: x5t#S256 is the base64url-encoded SHA-256 hash of the DER encoding
	// of the certificate.
	private static byte @Nullable [] boundThumbprint(@Nullable Object confirmation) {
		if (confirmation == null) {
			return null;
		}
		if (!(confirmation instanceof Map<?, ?> members)) {
			throw malformed();
		}
		if (!members.containsKey("x5t#S256")) {
			return null;
		}
		if (!(members.get("x5t#S256") instanceof String encoded)) {
			throw malformed();
		}
		byte[] thumbprint;
		try {
			thumbprint = Base64.getUrlDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw malformed();
		}
		if (thumbprint.length != SHA256_LENGTH) {
			throw malformed();
		}
		return thumbprint;
	}

	private static InvalidBearerTokenException malformed() {
		return new InvalidBearerTokenException("The token's certificate confirmation (cnf) is malformed");
	}

	private static byte[] thumbprint(X509Certificate certificate) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new InvalidBearerTokenException("The client certificate cannot be read");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static @Nullable X509Certificate currentRequestCertificate() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			return null;
		}
		Object chain = attributes.getAttribute(CERTIFICATE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return (chain instanceof X509Certificate[] certificates && certificates.length > 0) ? certificates[0] : null;
	}

}
