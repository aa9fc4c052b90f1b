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

package io.github.introspection.web;

import java.io.IOException;

import io.github.introspection.client.IntrospectionUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.StringUtils;

/**
 * An {@link AuthenticationEntryPoint} that answers as RFC 6750 says, with an
 * {@code application/problem+json} body: 401 {@code Bearer} when there is no token, 401
 * {@code invalid_token} for a bad one, 400 {@code invalid_request} for a malformed
 * request, and 503 with {@code Retry-After} (and no {@code WWW-Authenticate}) when the
 * identity provider is unavailable.
 * <p>
 * The {@code WWW-Authenticate} header, including the RFC 9728 {@code resource_metadata}
 * parameter, is written by Spring Security's {@link BearerTokenAuthenticationEntryPoint}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
public final class IntrospectionAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof IntrospectionUnavailableException unavailable) {
			long seconds = Math.max(1, unavailable.getRetryAfter().toSeconds());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			ProblemDetailWriter.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					unavailable.getError().getDescription());
			return;
		}
		this.bearer.commence(request, response, authException);
		ProblemDetailWriter.write(request, response, HttpStatus.valueOf(response.getStatus()), detail(authException));
	}

	private static String detail(AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth2
				&& StringUtils.hasText(oauth2.getError().getDescription())) {
			return oauth2.getError().getDescription();
		}
		return "A bearer token is required to access this resource";
	}

}
