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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import io.github.introspection.error.ProblemDetailWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards cookie-borne tokens against cross-site request forgery: a request that carries
 * the token cookie may use an unsafe method (POST, PUT, PATCH, DELETE…) only when it is
 * same-origin ({@code Sec-Fetch-Site: same-origin}, or an {@code Origin} equal to the
 * request's own origin) or carries a CSRF token in the {@code X-XSRF-TOKEN} header equal
 * to the {@code XSRF-TOKEN} cookie (the double-submit pattern of Spring Security's
 * {@code CookieCsrfTokenRepository}). Anything else is a 403, before the identity
 * provider is called. Tokens sent in a header or the query cannot be forged by a browser
 * and are not affected.
 */
public final class CookieTokenCsrfFilter extends OncePerRequestFilter {

	/**
	 * The cookie that holds the CSRF token, as Spring Security's
	 * {@code CookieCsrfTokenRepository} names it.
	 */
	public static final String CSRF_COOKIE = "XSRF-TOKEN";

	/**
	 * The header that must repeat the CSRF cookie's value.
	 */
	public static final String CSRF_HEADER = "X-XSRF-TOKEN";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final String tokenCookie;

	private RequestMatcher ignoredRequests = (request) -> false;

	/**
	 * Creates a filter.
	 * @param tokenCookie the name of the cookie that carries the access token
	 */
	public CookieTokenCsrfFilter(String tokenCookie) {
		Assert.hasText(tokenCookie, "tokenCookie cannot be empty");
		this.tokenCookie = tokenCookie;
	}

	/**
	 * Sets the requests whose cookie token is ignored anyway (the public paths), which
	 * this filter then leaves alone; default none.
	 * @param ignoredRequests the requests
	 */
	public void setIgnoredRequests(RequestMatcher ignoredRequests) {
		Assert.notNull(ignoredRequests, "ignoredRequests cannot be null");
		this.ignoredRequests = ignoredRequests;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.ignoredRequests.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SAFE_METHODS.contains(request.getMethod()) || cookie(request, this.tokenCookie) == null
				|| isSameOrigin(request) || hasCsrfToken(request)) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetailWriter.write(request, response, HttpStatus.FORBIDDEN,
				"A token sent in a cookie is accepted for this method only from the same origin or with a CSRF token");
	}

	private static boolean isSameOrigin(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null) {
			return "same-origin".equals(fetchSite);
		}
		String origin = request.getHeader("Origin");
		return origin != null && origin.equalsIgnoreCase(ownOrigin(request));
	}

	private static String ownOrigin(HttpServletRequest request) {
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}

	private static boolean hasCsrfToken(HttpServletRequest request) {
		String header = request.getHeader(CSRF_HEADER);
		String cookie = cookie(request, CSRF_COOKIE);
		return header != null && cookie != null && !cookie.isEmpty() && MessageDigest
			.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable String cookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (name.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

}
