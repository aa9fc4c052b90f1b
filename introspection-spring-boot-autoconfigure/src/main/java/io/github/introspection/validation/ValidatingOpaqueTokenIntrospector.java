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

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;

/**
 * An {@link OpaqueTokenIntrospector} that checks every answer of its delegate (cached or
 * not) with a {@link CertificateBoundTokenValidator} and an
 * {@link IntrospectionClaimsValidator}, so that no answer outlives its checks.
 */
public final class ValidatingOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final OpaqueTokenIntrospector delegate;

	private final IntrospectionClaimsValidator validator;

	private final @Nullable CertificateBoundTokenValidator certificateValidator;

	/**
	 * Creates an introspector that also checks the certificate binding of tokens against
	 * the client certificate of the current request.
	 * @param delegate the introspector whose answers are checked
	 * @param validator the checks
	 */
	public ValidatingOpaqueTokenIntrospector(OpaqueTokenIntrospector delegate, IntrospectionClaimsValidator validator) {
		this(delegate, validator, new CertificateBoundTokenValidator());
	}

	/**
	 * Creates an introspector.
	 * @param delegate the introspector whose answers are checked
	 * @param validator the checks
	 * @param certificateValidator the certificate binding check, run before the others;
	 * {@code null} accepts certificate-bound tokens without their certificate
	 */
	public ValidatingOpaqueTokenIntrospector(OpaqueTokenIntrospector delegate, IntrospectionClaimsValidator validator,
			@Nullable CertificateBoundTokenValidator certificateValidator) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(validator, "validator cannot be null");
		this.delegate = delegate;
		this.validator = validator;
		this.certificateValidator = certificateValidator;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		OAuth2AuthenticatedPrincipal principal = this.delegate.introspect(token);
		// The binding first: a token used without its certificate learns nothing more,
		// such as a missing scope.
		if (this.certificateValidator != null) {
			this.certificateValidator.validate(principal);
		}
		this.validator.validate(principal);
		return principal;
	}

	/**
	 * The introspector whose answers are checked.
	 * @return the delegate
	 */
	public OpaqueTokenIntrospector getDelegate() {
		return this.delegate;
	}

	/**
	 * Whether tokens bound to a client certificate are accepted only with that
	 * certificate (RFC 9728 {@code tls_client_certificate_bound_access_tokens}).
	 * @return whether the certificate binding is checked
	 */
	public boolean isCertificateBindingChecked() {
		return this.certificateValidator != null;
	}

}
