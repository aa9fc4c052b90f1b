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

package io.github.introspection.authorization;

import java.util.Map;
import java.util.function.Supplier;

import io.github.introspection.claims.ClaimsRule;
import io.github.introspection.claims.ClaimsRuleSyntaxException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.Assert;

/**
 * An {@link AuthorizationManager} that grants a request when the claims of the current
 * token satisfy a claims rule, for a user's own filter chain: <pre class="code">
 * http.authorizeHttpRequests((requests) -&gt; requests
 *     .requestMatchers("/admin/**").access(ClaimsAuthorizationManager.of("Equals(`group`, `admin`)"))
 *     .anyRequest().authenticated());
 * </pre> Denies when there is no authentication, or when its principal is not an
 * {@link OAuth2AuthenticatedPrincipal}. The rule is parsed when the manager is created,
 * so a bad rule fails start-up.
 */
public final class ClaimsAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	private final ClaimsRule rule;

	private ClaimsAuthorizationManager(ClaimsRule rule) {
		this.rule = rule;
	}

	/**
	 * Creates a manager for a rule.
	 * @param rule the rule in the claims language
	 * @return the manager
	 * @throws ClaimsRuleSyntaxException if the rule does not parse; the message names the
	 * rule and the position of the error
	 */
	public static ClaimsAuthorizationManager of(String rule) {
		Assert.notNull(rule, "rule cannot be null");
		return new ClaimsAuthorizationManager(ClaimsRule.parse(rule));
	}

	/**
	 * Creates a manager for a rule read from a configuration property, such as
	 * {@code introspection.claims}.
	 * @param property the full name of the property
	 * @param rule the rule in the claims language
	 * @return the manager
	 * @throws InvalidConfigurationPropertyValueException if the rule does not parse; the
	 * message names the property, the rule and the position of the error
	 */
	public static ClaimsAuthorizationManager ofProperty(String property, String rule) {
		Assert.hasText(property, "property cannot be empty");
		try {
			return of(rule);
		}
		catch (ClaimsRuleSyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(property, rule,
					"must be a claims rule such as Equals(`group`, `dev`); at position " + ex.getPosition() + ": "
							+ ex.getReason());
		}
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		Map<String, Object> claims = AuthenticationClaims.of(authentication.get());
		return (claims != null && this.rule.matches(claims)) ? GRANTED : DENIED;
	}

	/**
	 * Return the compiled rule.
	 * @return the rule
	 */
	public ClaimsRule getRule() {
		return this.rule;
	}

	@Override
	public String toString() {
		return "ClaimsAuthorizationManager [rule=" + this.rule + "]";
	}

}
