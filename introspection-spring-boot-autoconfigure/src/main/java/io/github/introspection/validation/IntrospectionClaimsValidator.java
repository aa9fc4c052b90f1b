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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Checks the claims of an active token, even when the identity provider called it active:
 * {@code exp} not passed and {@code nbf}/{@code iat} not in the future (with a clock
 * skew), {@code iss} among the accepted issuers, {@code aud} naming an accepted audience,
 * and every required scope granted.
 * <p>
 * A failed time, issuer or audience check is an {@code invalid_token} (401); a missing
 * scope is an {@code insufficient_scope} (403) naming the required scopes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
public final class IntrospectionClaimsValidator {

	private final Set<String> issuers;

	private final Set<String> audiences;

	private final Set<String> requiredScopes;

	private final String requiredScopesText;

	private final Duration clockSkew;

	private final Clock clock;

	/**
	 * Creates a validator.
	 * @param issuers accepted issuers; empty accepts any
	 * @param audiences accepted audiences; empty accepts any
	 * @param requiredScopes scopes every token must have
	 * @param clockSkew leeway for {@code exp}, {@code nbf} and {@code iat}
	 * @param clock the clock to compare times with
	 */
	public IntrospectionClaimsValidator(Collection<String> issuers, Collection<String> audiences,
			Collection<String> requiredScopes, Duration clockSkew, Clock clock) {
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "clockSkew cannot be negative");
		Assert.notNull(clock, "clock cannot be null");
		this.issuers = Set.copyOf(issuers);
		this.audiences = Set.copyOf(audiences);
		this.requiredScopes = new LinkedHashSet<>(requiredScopes);
		this.requiredScopesText = String.join(" ", this.requiredScopes);
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/**
	 * Checks a principal's claims.
	 * @param principal the principal of an active token
	 * @throws OAuth2AuthenticationException when a check fails
	 */
	public void validate(OAuth2AuthenticatedPrincipal principal) {
		Instant now = this.clock.instant();
		Instant expiresAt = instant(principal, "exp");
		if (expiresAt != null && now.isAfter(expiresAt.plus(this.clockSkew))) {
			throw new InvalidBearerTokenException("Token has expired");
		}
		Instant notBefore = instant(principal, "nbf");
		if (notBefore != null && now.isBefore(notBefore.minus(this.clockSkew))) {
			throw new InvalidBearerTokenException("Token is not valid yet");
		}
		Instant issuedAt = instant(principal, "iat");
		if (issuedAt != null && now.isBefore(issuedAt.minus(this.clockSkew))) {
			throw new InvalidBearerTokenException("Token was issued in the future");
		}
		if (!this.issuers.isEmpty()
				&& !(principal.getAttribute("iss") instanceof String issuer && this.issuers.contains(issuer))) {
			throw new InvalidBearerTokenException("Token issuer is not accepted");
		}
		if (!this.audiences.isEmpty() && !hasAcceptedAudience(principal.getAttribute("aud"))) {
			throw new InvalidBearerTokenException("Token audience is not accepted");
		}
		if (!this.requiredScopes.isEmpty() && !hasRequiredScopes(principal.getAttribute("scope"))) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.insufficientScope(
					"The token does not have the scopes this resource requires", this.requiredScopesText));
		}
	}

	private static @Nullable Instant instant(OAuth2AuthenticatedPrincipal principal, String claim) {
		return (principal.getAttribute(claim) instanceof Instant instant) ? instant : null;
	}

	private boolean hasAcceptedAudience(@Nullable Object audience) {
		if (audience instanceof String single) {
			return this.audiences.contains(single);
		}
		if (audience instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof String candidate && this.audiences.contains(candidate)) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean hasRequiredScopes(@Nullable Object scope) {
		if (!(scope instanceof String granted)) {
			return false;
		}
		return Arrays.asList(StringUtils.tokenizeToStringArray(granted, " ")).containsAll(this.requiredScopes);
	}

}
