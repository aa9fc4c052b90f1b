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

package io.github.introspection.error;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * An {@link AccessDeniedHandler} that answers 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} (written by Spring
 * Security's {@link BearerTokenAccessDeniedHandler}) and an
 * {@code application/problem+json} body.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
public final class IntrospectionAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.bearer.handle(withPrincipal(request), response, accessDeniedException);
		ProblemDetailWriter.write(request, response, HttpStatus.FORBIDDEN,
				"The access token does not grant access to this resource");
	}

	// Spring Security's handler reads the principal from the request, which holds it only
	// behind the servlet API wrapper: fall back to the security context.
	private static HttpServletRequest withPrincipal(HttpServletRequest request) {
		if (request.getUserPrincipal() != null) {
			return request;
		}
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (!(authentication instanceof AbstractOAuth2TokenAuthenticationToken<?>)) {
			return request;
		}
		return new HttpServletRequestWrapper(request) {

			@Override
			public Principal getUserPrincipal() {
				return authentication;
			}

		};
	}

}
