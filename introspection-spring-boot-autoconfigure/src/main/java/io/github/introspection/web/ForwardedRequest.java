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

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.token.QueryParameters;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The request seen behind {@link ForwardedHeadersFilter}: forwarded headers replace the
 * caller's, and hidden headers, a query parameter (with the original query string kept as
 * a request attribute by the token filter) and a cookie are removed. A hidden header is
 * also hidden under any name that differs from it only in case or by {@code _} for
 * {@code -}.
 */
final class ForwardedRequest extends HttpServletRequestWrapper {

	private final String[] names;

	private final @Nullable String[] values;

	private final String[] hiddenHeaders;

	private final @Nullable String hiddenParameter;

	private final @Nullable String hiddenCookie;

	/**
	 * Creates a request.
	 * @param request the caller's request
	 * @param names the forwarded header names
	 * @param values their values, {@code null} for an absent header
	 * @param hiddenHeaders the headers to hide, with {@code _} already mapped to
	 * {@code -}
	 * @param hiddenParameter the query parameter to hide, or {@code null}
	 * @param hiddenCookie the cookie to hide, or {@code null}
	 */
	ForwardedRequest(HttpServletRequest request, String[] names, @Nullable String[] values, String[] hiddenHeaders,
			@Nullable String hiddenParameter, @Nullable String hiddenCookie) {
		super(request);
		this.names = names;
		this.values = values;
		this.hiddenHeaders = hiddenHeaders;
		this.hiddenParameter = hiddenParameter;
		this.hiddenCookie = hiddenCookie;
	}

	@Override
	public @Nullable String getHeader(String name) {
		List<String> values = ownHeaders(name);
		if (values == null) {
			return super.getHeader(name);
		}
		return values.isEmpty() ? null : values.get(0);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		List<String> values = ownHeaders(name);
		return (values != null) ? Collections.enumeration(values) : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = new ArrayList<>();
		for (Enumeration<String> original = super.getHeaderNames(); original.hasMoreElements();) {
			String name = original.nextElement();
			List<String> own = ownHeaders(name);
			if (own == null || (isCookieHeader(name) && !own.isEmpty() && indexOf(this.names, name) < 0)) {
				names.add(name);
			}
		}
		for (int i = 0; i < this.names.length; i++) {
			if (this.values[i] != null) {
				names.add(this.names[i]);
			}
		}
		return Collections.enumeration(names);
	}

	@Override
	public int getIntHeader(String name) {
		if (ownHeaders(name) == null) {
			return super.getIntHeader(name);
		}
		String value = getHeader(name);
		return (value != null) ? Integer.parseInt(value) : -1;
	}

	@Override
	public long getDateHeader(String name) {
		if (ownHeaders(name) == null) {
			return super.getDateHeader(name);
		}
		String value = getHeader(name);
		if (value == null) {
			return -1;
		}
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Header " + name + " is not a date", ex);
		}
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		if (this.hiddenParameter != null && IntrospectionBearerTokenResolver.ORIGINAL_QUERY_ATTRIBUTE.equals(name)) {
			return null;
		}
		return super.getAttribute(name);
	}

	@Override
	public @Nullable String getQueryString() {
		String query = super.getQueryString();
		if (this.hiddenParameter == null || query == null || query.isEmpty()) {
			return query;
		}
		return QueryParameters.remove(query, this.hiddenParameter);
	}

	@Override
	public @Nullable String getParameter(String name) {
		return isHiddenParameter(name) ? null : super.getParameter(name);
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		return isHiddenParameter(name) ? null : super.getParameterValues(name);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		if (this.hiddenParameter == null) {
			return super.getParameterNames();
		}
		return Collections.enumeration(getParameterMap().keySet());
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		Map<String, String[]> parameters = super.getParameterMap();
		if (this.hiddenParameter == null || !parameters.containsKey(this.hiddenParameter)) {
			return parameters;
		}
		Map<String, String[]> kept = new LinkedHashMap<>(parameters);
		kept.remove(this.hiddenParameter);
		return Collections.unmodifiableMap(kept);
	}

	@Override
	public Cookie @Nullable [] getCookies() {
		Cookie[] cookies = super.getCookies();
		if (this.hiddenCookie == null || cookies == null) {
			return cookies;
		}
		List<Cookie> kept = new ArrayList<>(cookies.length);
		for (Cookie cookie : cookies) {
			if (!this.hiddenCookie.equals(cookie.getName())) {
				kept.add(cookie);
			}
		}
		return kept.isEmpty() ? null : kept.toArray(new Cookie[0]);
	}

	/**
	 * The values of a header this request rewrites, or {@code null} when the original
	 * header shows through.
	 */
	private @Nullable List<String> ownHeaders(String name) {
		int index = indexOf(this.names, name);
		if (index >= 0) {
			String value = this.values[index];
			return (value != null) ? List.of(value) : List.of();
		}
		if (isHiddenHeader(name)) {
			return List.of();
		}
		if (this.hiddenCookie != null && isCookieHeader(name)) {
			return cookieHeaders(name);
		}
		return null;
	}

	private List<String> cookieHeaders(String name) {
		List<String> kept = new ArrayList<>(1);
		for (Enumeration<String> headers = super.getHeaders(name); headers.hasMoreElements();) {
			StringJoiner joiner = new StringJoiner("; ");
			for (String pair : headers.nextElement().split(";")) {
				String trimmed = pair.trim();
				int eq = trimmed.indexOf('=');
				String cookieName = ((eq >= 0) ? trimmed.substring(0, eq) : trimmed).trim();
				if (!trimmed.isEmpty() && !cookieName.equals(this.hiddenCookie)) {
					joiner.add(trimmed);
				}
			}
			if (joiner.length() > 0) {
				kept.add(joiner.toString());
			}
		}
		return kept;
	}

	// A server or proxy that maps '_' to '-' in header names would otherwise trust a
	// caller's X_Auth_Subject as X-Auth-Subject.
	private boolean isHiddenHeader(String name) {
		return indexOf(this.hiddenHeaders, name.replace('_', '-')) >= 0;
	}

	private boolean isHiddenParameter(String name) {
		return this.hiddenParameter != null && this.hiddenParameter.equals(name);
	}

	private static boolean isCookieHeader(String name) {
		return HttpHeaders.COOKIE.equalsIgnoreCase(name);
	}

	private static int indexOf(String[] names, String name) {
		for (int i = 0; i < names.length; i++) {
			if (names[i].equalsIgnoreCase(name)) {
				return i;
			}
		}
		return -1;
	}

}
