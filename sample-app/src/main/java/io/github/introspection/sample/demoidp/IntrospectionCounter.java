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

package io.github.introspection.sample.demoidp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the calls the demo IdP receives at its introspection endpoint
 * ({@code POST /oauth2/introspect}), whatever their outcome. A servlet filter ahead of
 * Spring Security, so calls with wrong client credentials count too. Shows how often the
 * app really asks its IdP (once per cache lifetime of a token, not once per request; once
 * per token for a whole fleet sharing its cache): {@code GET /introspection-count}
 * answers the count, and each call is logged.
 */
public final class IntrospectionCounter extends OncePerRequestFilter {

	static final String INTROSPECTION_PATH = "/oauth2/introspect";

	static final String COUNT_PATH = "/introspection-count";

	private static final Log logger = LogFactory.getLog(IntrospectionCounter.class);

	private final AtomicLong count = new AtomicLong();

	/**
	 * Return how many introspection calls were received since the IdP started.
	 * @return the count
	 */
	public long count() {
		return this.count.get();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("GET".equals(request.getMethod()) && COUNT_PATH.equals(request.getRequestURI())) {
			response.setContentType("application/json");
			response.getWriter().write("{\"introspections\":" + this.count.get() + "}");
			return;
		}
		if ("POST".equals(request.getMethod()) && INTROSPECTION_PATH.equals(request.getRequestURI())) {
			logger.info("Demo IdP: introspection call #" + this.count.incrementAndGet());
		}
		chain.doFilter(request, response);
	}

}
