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

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies one claims rule to every authenticated request, whatever path rules follow it.
 * Placed before the chain's {@link AuthorizationFilter}, it denies an authenticated
 * request whose claims fail the rule (403 {@code insufficient_scope} through the chain's
 * access-denied handler) and leaves every other decision to the path rules. Requests
 * without an authentication, error dispatches and the {@code exempt} requests (the public
 * paths) are left to the path rules alone.
 * <p>
 * A filter of its own rather than the last path rule: Spring Security applies the first
 * path rule that matches, so a rule placed after per-path rules would be skipped on every
 * path that has one.
 */
public final class AuthenticatedRequestsClaimsFilter extends OncePerRequestFilter {

	private final ClaimsAuthorizationManager rule;

	private final RequestMatcher exempt;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Creates a filter.
	 * @param rule the rule every authenticated request must pass
	 * @param exempt requests the rule does not apply to, such as the public paths
	 */
	public AuthenticatedRequestsClaimsFilter(ClaimsAuthorizationManager rule, RequestMatcher exempt) {
		Assert.notNull(rule, "rule cannot be null");
		Assert.notNull(exempt, "exempt cannot be null");
		this.rule = rule;
		this.exempt = exempt;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken) && !this.exempt.matches(request)) {
			AuthorizationResult result = this.rule.authorize(() -> authentication,
					new RequestAuthorizationContext(request));
			if (!result.isGranted()) {
				throw new AuthorizationDeniedException("Access Denied", result);
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Sets the strategy that holds the security context; default the global one.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy cannot be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	/**
	 * Return the rule every authenticated request must pass.
	 * @return the rule's manager
	 */
	public ClaimsAuthorizationManager getRule() {
		return this.rule;
	}

}
