package io.github.introspection.validation;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;

/**
 * An {@link OpaqueTokenIntrospector} that checks every answer of its delegate (cached or
 * not) with an {@link IntrospectionClaimsValidator}, so that no answer outlives its
 * checks.
 */
public final class ValidatingOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final OpaqueTokenIntrospector delegate;

	private final IntrospectionClaimsValidator validator;

	/**
	 * Creates an introspector.
	 * @param delegate the introspector whose answers are checked
	 * @param validator the checks
	 */
	public ValidatingOpaqueTokenIntrospector(OpaqueTokenIntrospector delegate, IntrospectionClaimsValidator validator) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(validator, "validator cannot be null");
		this.delegate = delegate;
		this.validator = validator;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		OAuth2AuthenticatedPrincipal principal = this.delegate.introspect(token);
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

}
