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
import java.net.URI;
import java.util.StringJoiner;

import io.github.introspection.client.IntrospectionUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * An {@link AuthenticationEntryPoint} that answers as RFC 6750 says, with an
 * {@code application/problem+json} body: 401 {@code Bearer} when there is no token, 401
 * {@code invalid_token} for a bad one, 400 {@code invalid_request} for a malformed
 * request, and 503 with {@code Retry-After} (and no {@code WWW-Authenticate}) when the
 * identity provider is unavailable.
 * <p>
 * The {@code WWW-Authenticate} header carries the RFC 9728 {@code resource_metadata}
 * parameter. Given the resource's identifier, the metadata URL is formed from it (RFC
 * 9728 §3.1); otherwise Spring Security's {@link BearerTokenAuthenticationEntryPoint}
 * writes the header and derives the URL from the request (its {@code Host} included).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
public final class IntrospectionAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final @Nullable String resourceMetadata;

	/**
	 * Creates an entry point whose {@code resource_metadata} is derived from each
	 * request.
	 */
	public IntrospectionAuthenticationEntryPoint() {
		this.resourceMetadata = null;
	}

	/**
	 * Creates an entry point whose {@code resource_metadata} is formed from the protected
	 * resource's identifier, never from the request.
	 * @param resource the resource identifier: an absolute http or https URL without
	 * query or fragment
	 */
	public IntrospectionAuthenticationEntryPoint(URI resource) {
		Assert.notNull(resource, "resource cannot be null");
		Assert.isTrue(
				resource.isAbsolute() && resource.getRawAuthority() != null && resource.getRawQuery() == null
						&& resource.getRawFragment() == null,
				"resource must be an absolute URL without query or fragment");
		this.resourceMetadata = resourceMetadata(resource);
	}

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
		if (this.resourceMetadata != null) {
			challenge(response, authException, this.resourceMetadata);
		}
		else {
			this.bearer.commence(request, response, authException);
		}
		ProblemDetailWriter.write(request, response, HttpStatus.valueOf(response.getStatus()), detail(authException));
	}

	/**
	 * The URL of the metadata of a protected resource (RFC 9728 §3.1): the well-known
	 * path inserted between the host and the path of the resource's identifier.
	 * @param resource the resource identifier
	 * @return the metadata URL
	 */
	static String resourceMetadata(URI resource) {
		String path = resource.getRawPath();
		// RFC 9728 §3.1: a terminating slash after the host is removed first.
		String suffix = (path == null || path.equals("/")) ? "" : path;
		return resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN_PATH + suffix;
	}

	// The parameters and status Spring Security's BearerTokenAuthenticationEntryPoint
	// writes, with the resource_metadata given.
	private static void challenge(HttpServletResponse response, AuthenticationException ex, String resourceMetadata) {
		HttpStatus status = HttpStatus.UNAUTHORIZED;
		StringJoiner parameters = new StringJoiner(", ", "Bearer ", "");
		if (ex instanceof OAuth2AuthenticationException oauth2) {
			OAuth2Error error = oauth2.getError();
			parameters.add("error=\"" + error.getErrorCode() + "\"");
			if (StringUtils.hasText(error.getDescription())) {
				parameters.add("error_description=\"" + error.getDescription() + "\"");
			}
			if (StringUtils.hasText(error.getUri())) {
				parameters.add("error_uri=\"" + error.getUri() + "\"");
			}
			if (error instanceof BearerTokenError bearerError) {
				if (StringUtils.hasText(bearerError.getScope())) {
					parameters.add("scope=\"" + bearerError.getScope() + "\"");
				}
				status = bearerError.getHttpStatus();
			}
		}
		parameters.add("resource_metadata=\"" + resourceMetadata + "\"");
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, parameters.toString());
		response.setStatus(status.value());
	}

	private static String detail(AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth2
				&& StringUtils.hasText(oauth2.getError().getDescription())) {
			return oauth2.getError().getDescription();
		}
		return "A bearer token is required to access this resource";
	}

}
