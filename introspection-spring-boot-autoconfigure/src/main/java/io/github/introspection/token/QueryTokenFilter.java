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

package io.github.introspection.token;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Handles a request whose query string carries the access token parameter, before Spring
 * Security and Spring MVC see it: the response gets {@code Cache-Control: no-store} (RFC
 * 6750 §2.3), and the token is redacted from the query string and parameters the rest of
 * the application sees, so that no request-line log (Spring Security's and Spring MVC's
 * log {@code GET /path?query} at DEBUG and TRACE) prints it. The token resolver reads the
 * original query from the request attribute
 * {@link IntrospectionBearerTokenResolver#ORIGINAL_QUERY_ATTRIBUTE}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.3">RFC 6750 §2.3</a>
 */
public final class QueryTokenFilter extends OncePerRequestFilter {

	private final String parameter;

	/**
	 * Creates a filter.
	 * @param parameter the name of the query parameter that carries the token
	 */
	public QueryTokenFilter(String parameter) {
		Assert.hasText(parameter, "parameter cannot be empty");
		this.parameter = parameter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query == null || !QueryParameters.contains(query, this.parameter)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		request.setAttribute(IntrospectionBearerTokenResolver.ORIGINAL_QUERY_ATTRIBUTE, query);
		chain.doFilter(new RedactedQueryRequest(request, QueryParameters.redact(query, this.parameter), this.parameter),
				response);
	}

	/**
	 * The request with the token parameter's values replaced.
	 */
	private static final class RedactedQueryRequest extends HttpServletRequestWrapper {

		private static final String[] REDACTED = { QueryParameters.REDACTED };

		private final String query;

		private final String parameter;

		RedactedQueryRequest(HttpServletRequest request, String query, String parameter) {
			super(request);
			this.query = query;
			this.parameter = parameter;
		}

		@Override
		public String getQueryString() {
			return this.query;
		}

		@Override
		public @Nullable String getParameter(String name) {
			return (this.parameter.equals(name) && super.getParameter(name) != null) ? QueryParameters.REDACTED
					: super.getParameter(name);
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			String[] values = super.getParameterValues(name);
			return (this.parameter.equals(name) && values != null) ? REDACTED.clone() : values;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			Map<String, String[]> parameters = super.getParameterMap();
			if (!parameters.containsKey(this.parameter)) {
				return parameters;
			}
			Map<String, String[]> redacted = new LinkedHashMap<>(parameters);
			redacted.put(this.parameter, REDACTED.clone());
			return Collections.unmodifiableMap(redacted);
		}

	}

}
