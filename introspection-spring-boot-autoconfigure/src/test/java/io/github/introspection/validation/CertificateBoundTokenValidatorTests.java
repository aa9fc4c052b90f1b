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
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CertificateBoundTokenValidatorTests {

	private static final X509Certificate CERTIFICATE = new HeldCertificate.Builder().commonName("orders-client")
		.build()
		.certificate();

	private static final X509Certificate OTHER_CERTIFICATE = new HeldCertificate.Builder().commonName("other-client")
		.build()
		.certificate();

	private final AtomicInteger certificateReads = new AtomicInteger();

	@AfterEach
	void resetRequestContext() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void validateWhenNoConfirmationThenPassesWithoutReadingTheCertificate() {
		assertThatNoException().isThrownBy(() -> validator(null).validate(principal(Map.of("sub", "alice"))));
		assertThat(this.certificateReads).hasValue(0);
	}

	@Test
	void validateWhenConfirmationHasNoCertificateThumbprintThenPasses() {
		assertThatNoException()
			.isThrownBy(() -> validator(null).validate(principal(Map.of("cnf", Map.of("kid", "key-1")))));
		assertThat(this.certificateReads).hasValue(0);
	}

	@Test
	void validateWhenConfirmationIsNullThenPasses() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("cnf", null);
		assertThatNoException().isThrownBy(() -> validator(null).validate(principal(claims)));
	}

	@Test
	void validateWhenBoundAndTheRequestHasTheCertificateThenPasses() {
		assertThatNoException().isThrownBy(() -> validator(CERTIFICATE).validate(bound(thumbprint(CERTIFICATE))));
		assertThat(this.certificateReads).hasValue(1);
	}

	@Test
	void validateWhenBoundWithAPaddedThumbprintThenPasses() {
		assertThatNoException().isThrownBy(() -> validator(CERTIFICATE).validate(bound(thumbprint(CERTIFICATE) + "=")));
	}

	@Test
	void validateWhenBoundAndTheRequestHasNoCertificateThenInvalidToken() {
		assertInvalidToken(validator(null), bound(thumbprint(CERTIFICATE)),
				"The token is bound to a client certificate");
	}

	@Test
	void validateWhenBoundToAnotherCertificateThenInvalidToken() {
		assertInvalidToken(validator(OTHER_CERTIFICATE), bound(thumbprint(CERTIFICATE)),
				"The token is bound to another client certificate");
	}

	@Test
	void validateWhenConfirmationIsNotAnObjectThenInvalidToken() {
		assertInvalidToken(validator(CERTIFICATE), principal(Map.of("cnf", thumbprint(CERTIFICATE))), "malformed");
	}

	@Test
	void validateWhenThumbprintIsNotAStringThenInvalidToken() {
		assertInvalidToken(validator(CERTIFICATE), principal(Map.of("cnf", Map.of("x5t#S256", 42))), "malformed");
		Map<String, Object> confirmation = new LinkedHashMap<>();
		confirmation.put("x5t#S256", null);
		assertInvalidToken(validator(CERTIFICATE), principal(Map.of("cnf", confirmation)), "malformed");
	}

	@Test
	void validateWhenThumbprintIsNotABase64UrlSha256ThenInvalidToken() {
		assertInvalidToken(validator(CERTIFICATE), bound("not base64!"), "malformed");
		// base64 (not base64url) of 32 bytes
		assertInvalidToken(validator(CERTIFICATE), bound("A".repeat(42) + "+"), "malformed");
		// base64url of 29 bytes
		assertInvalidToken(validator(CERTIFICATE), bound(thumbprint(CERTIFICATE).substring(4)), "malformed");
	}

	@Test
	void validateReadsTheClientCertificateOfTheCurrentRequest() {
		CertificateBoundTokenValidator validator = new CertificateBoundTokenValidator();
		OAuth2AuthenticatedPrincipal principal = bound(thumbprint(CERTIFICATE));
		assertInvalidToken(validator, principal, "bound to a client certificate");
		MockHttpServletRequest request = new MockHttpServletRequest();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		assertInvalidToken(validator, principal, "bound to a client certificate");
		request.setAttribute("jakarta.servlet.request.X509Certificate",
				new X509Certificate[] { OTHER_CERTIFICATE, CERTIFICATE });
		assertInvalidToken(validator, principal, "bound to another client certificate");
		request.setAttribute("jakarta.servlet.request.X509Certificate",
				new X509Certificate[] { CERTIFICATE, OTHER_CERTIFICATE });
		assertThatNoException().isThrownBy(() -> validator.validate(principal));
	}

	private static void assertInvalidToken(CertificateBoundTokenValidator validator,
			OAuth2AuthenticatedPrincipal principal, String description) {
		String thumbprint = thumbprint(CERTIFICATE);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> validator.validate(principal))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token");
				assertThat(ex.getError().getDescription()).contains(description).doesNotContain(thumbprint);
				assertThat(ex.getMessage()).doesNotContain(thumbprint);
			});
	}

	private CertificateBoundTokenValidator validator(X509Certificate certificate) {
		Supplier<X509Certificate> supplier = () -> {
			this.certificateReads.incrementAndGet();
			return certificate;
		};
		return new CertificateBoundTokenValidator(supplier);
	}

	private static OAuth2AuthenticatedPrincipal bound(String thumbprint) {
		return principal(Map.of("sub", "alice", "cnf", Map.of("x5t#S256", thumbprint)));
	}

	private static OAuth2AuthenticatedPrincipal principal(Map<String, Object> claims) {
		Map<String, Object> attributes = new LinkedHashMap<>(claims);
		attributes.putIfAbsent("sub", "alice");
		return new OAuth2IntrospectionAuthenticatedPrincipal(attributes, null);
	}

	static String thumbprint(X509Certificate certificate) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(certificate));
	}

	private static byte[] digest(X509Certificate certificate) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
