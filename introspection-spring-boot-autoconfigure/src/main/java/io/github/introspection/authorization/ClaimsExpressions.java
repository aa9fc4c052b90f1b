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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.introspection.claims.ClaimPath;
import io.github.introspection.claims.ClaimsRule;
import io.github.introspection.claims.ClaimsRuleSyntaxException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.util.Assert;

/**
 * Claim checks for Spring Security expressions, registered as the bean {@code claims}:
 * <pre class="code">
 * &#64;PreAuthorize("@claims.matches('Equals(`group`, `dev`)')")
 * &#64;PreAuthorize("@claims.has('realm_access.roles', 'admin') and @claims.hasScope('orders:read')")
 * </pre> Every check reads the current authentication and is {@code false} unless its
 * principal is an {@link OAuth2AuthenticatedPrincipal} (such as an introspected token).
 * Rules and claim paths are compiled once and cached by their text; those written as
 * string literals are compiled at start-up by {@link ClaimsExpressionsChecker}.
 */
public final class ClaimsExpressions {

	static final int MAX_CACHED = 1024;

	private final SecurityContextHolderStrategy securityContextHolderStrategy;

	private final Cache<String, ClaimsRule> rules = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();

	private final Cache<String, ClaimPath> paths = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();

	/**
	 * Creates an instance that reads the {@link SecurityContextHolder}'s strategy.
	 */
	public ClaimsExpressions() {
		this(SecurityContextHolder.getContextHolderStrategy());
	}

	/**
	 * Creates an instance.
	 * @param securityContextHolderStrategy where the current authentication is read
	 */
	public ClaimsExpressions(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy cannot be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	/**
	 * Whether the current token's claims satisfy a claims rule, such as
	 * {@code Equals(`group`, `dev`) && Contains(`realm_access.roles`, `admin`)}.
	 * @param rule the rule in the claims language
	 * @return whether the claims match
	 * @throws InvalidClaimsRuleException if the rule does not parse; the message names
	 * the rule and the position of the error
	 */
	public boolean matches(String rule) {
		ClaimsRule compiled;
		try {
			compiled = rule(rule);
		}
		catch (ClaimsRuleSyntaxException ex) {
			throw new InvalidClaimsRuleException(ex);
		}
		Map<String, Object> claims = claims();
		return claims != null && compiled.matches(claims);
	}

	/**
	 * Whether a claim equals the value, or is an array that contains it. Non-string
	 * claims compare in their JSON text form ({@code true}, {@code 42}).
	 * @param key the claim path, such as {@code group} or {@code realm_access.roles}
	 * @param value the expected value
	 * @return whether the claim holds the value
	 */
	public boolean has(String key, String value) {
		Assert.notNull(value, "value cannot be null");
		Object claim = claim(key);
		return claim != null && AuthenticationClaims.holds(claim, value);
	}

	/**
	 * Whether a claim equals, or as an array contains, at least one of the values.
	 * @param key the claim path
	 * @param values the accepted values
	 * @return whether the claim holds one of them
	 */
	public boolean hasAny(String key, String... values) {
		Assert.notNull(values, "values cannot be null");
		Object claim = claim(key);
		if (claim == null) {
			return false;
		}
		for (String value : values) {
			if (value != null && AuthenticationClaims.holds(claim, value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the {@code scope} claim grants a scope: a space-separated string that has
	 * it as one of its parts, or an array that contains it.
	 * @param scope the scope, such as {@code orders:read}
	 * @return whether the scope is granted
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>
	 */
	public boolean hasScope(String scope) {
		Assert.hasText(scope, "scope cannot be empty");
		Map<String, Object> claims = claims();
		Object claim = (claims != null) ? claims.get(OAuth2TokenIntrospectionClaimNames.SCOPE) : null;
		if (claim instanceof String text) {
			for (String part : text.split(" ")) {
				if (part.equals(scope)) {
					return true;
				}
			}
			return false;
		}
		return claim != null && AuthenticationClaims.holds(claim, scope);
	}

	/**
	 * Return the compiled rule for the given text, from the cache when possible.
	 * @param rule the rule text
	 * @return the compiled rule
	 * @throws ClaimsRuleSyntaxException if the rule does not parse
	 */
	ClaimsRule rule(String rule) {
		Assert.notNull(rule, "rule cannot be null");
		return this.rules.get(rule, ClaimsRule::parse);
	}

	/**
	 * Return the parsed claim path for the given text, from the cache when possible.
	 * @param key the claim path text
	 * @return the parsed path
	 * @throws IllegalArgumentException if the path is not valid
	 */
	ClaimPath path(String key) {
		Assert.notNull(key, "key cannot be null");
		return this.paths.get(key, ClaimPath::parse);
	}

	private @Nullable Object claim(String key) {
		ClaimPath path = path(key);
		Map<String, Object> claims = claims();
		return (claims != null) ? path.resolve(claims) : null;
	}

	private @Nullable Map<String, Object> claims() {
		return AuthenticationClaims.of(this.securityContextHolderStrategy.getContext().getAuthentication());
	}

}
