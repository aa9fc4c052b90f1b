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

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.StringUtils;

/**
 * A {@link BearerTokenResolver} that reads the access token from one or more configured
 * places: a header (with an authentication scheme such as {@code Bearer}, or raw), a
 * query parameter, or a cookie.
 * <p>
 * Follows RFC 6750: a malformed header value is {@code invalid_token}; an empty
 * parameter, or a token found in more than one place (or twice in one place), is
 * {@code invalid_request}. The source a token came from is recorded as the request
 * attribute {@link #TOKEN_SOURCE_ATTRIBUTE}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2">RFC 6750 §2</a>
 */
public final class IntrospectionBearerTokenResolver implements BearerTokenResolver {

	/**
	 * Request attribute holding the {@link TokenSourceKind} the token was read from.
	 */
	public static final String TOKEN_SOURCE_ATTRIBUTE = IntrospectionBearerTokenResolver.class.getName()
			+ ".TOKEN_SOURCE";

	/**
	 * Request attribute holding the query string as the client sent it, set when the
	 * token parameter was redacted from the query string the rest of the application
	 * sees.
	 */
	public static final String ORIGINAL_QUERY_ATTRIBUTE = IntrospectionBearerTokenResolver.class.getName()
			+ ".ORIGINAL_QUERY";

	/**
	 * Longest token accepted; a longer one is rejected without calling the identity
	 * provider.
	 */
	public static final int MAX_TOKEN_LENGTH = 8192;

	// values() copies its array on every call: this runs on every request.
	private static final TokenSourceKind[] SOURCES = TokenSourceKind.values();

	private final @Nullable String header;

	private final @Nullable String scheme;

	private final @Nullable String query;

	private final @Nullable String cookie;

	private IntrospectionBearerTokenResolver(@Nullable String header, @Nullable String scheme, @Nullable String query,
			@Nullable String cookie) {
		this.header = header;
		this.scheme = scheme;
		this.query = query;
		this.cookie = cookie;
	}

	/**
	 * Creates a resolver; an empty or {@code null} name turns that source off.
	 * @param header the header name, or empty for no header source
	 * @param headerAuthScheme the scheme in front of the token, or empty for a raw header
	 * @param query the query parameter name, or empty
	 * @param cookie the cookie name, or empty
	 * @return the resolver
	 * @throws IllegalArgumentException when every source is off
	 */
	public static IntrospectionBearerTokenResolver of(@Nullable String header, @Nullable String headerAuthScheme,
			@Nullable String query, @Nullable String cookie) {
		if (!StringUtils.hasText(header) && !StringUtils.hasText(query) && !StringUtils.hasText(cookie)) {
			throw new IllegalArgumentException("At least one token source (header, query or cookie) must be enabled");
		}
		return new IntrospectionBearerTokenResolver(textOrNull(header),
				StringUtils.hasText(header) ? textOrNull(headerAuthScheme) : null, textOrNull(query),
				textOrNull(cookie));
	}

	/**
	 * Creates a resolver for {@code Authorization: Bearer} only, like Spring Security's
	 * default.
	 * @return the resolver
	 */
	public static IntrospectionBearerTokenResolver bearerHeader() {
		return of("Authorization", "Bearer", null, null);
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String token = null;
		TokenSourceKind source = null;
		for (TokenSourceKind kind : SOURCES) {
			String found = resolveFrom(kind, request);
			if (found == null) {
				continue;
			}
			if (token != null) {
				throw new OAuth2AuthenticationException(
						BearerTokenErrors.invalidRequest("Found multiple tokens in the request"));
			}
			token = found;
			source = kind;
		}
		if (token == null) {
			return null;
		}
		if (token.length() > MAX_TOKEN_LENGTH) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Token is too long"));
		}
		request.setAttribute(TOKEN_SOURCE_ATTRIBUTE, source);
		return token;
	}

	/**
	 * Whether this resolver reads tokens from the given kind of source.
	 * @param kind the kind of source
	 * @return whether it is enabled
	 */
	public boolean isEnabled(TokenSourceKind kind) {
		return switch (kind) {
			case HEADER -> this.header != null;
			case QUERY -> this.query != null;
			case COOKIE -> this.cookie != null;
		};
	}

	/**
	 * The configured name of the given kind of source.
	 * @param kind the kind of source
	 * @return the header, parameter or cookie name, or {@code null} when it is off
	 */
	public @Nullable String getName(TokenSourceKind kind) {
		return switch (kind) {
			case HEADER -> this.header;
			case QUERY -> this.query;
			case COOKIE -> this.cookie;
		};
	}

	private @Nullable String resolveFrom(TokenSourceKind kind, HttpServletRequest request) {
		return switch (kind) {
			case HEADER -> (this.header != null) ? fromHeader(request, this.header) : null;
			case QUERY -> (this.query != null) ? fromQuery(request, this.query) : null;
			case COOKIE -> (this.cookie != null) ? fromCookie(request, this.cookie) : null;
		};
	}

	private @Nullable String fromHeader(HttpServletRequest request, String name) {
		// Runs on every request: no list, no regular expression, no message built
		// unless the header is rejected.
		Enumeration<String> values = request.getHeaders(name);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String value = values.nextElement();
		if (values.hasMoreElements()) {
			throw multiple("header", name);
		}
		if (this.scheme == null) {
			return checked(value, "header", name);
		}
		String token = afterScheme(value, this.scheme);
		if (token == null) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return token;
	}

	/**
	 * The token of {@code <scheme> 1*SP b64token *SP}, the scheme in any ASCII case (RFC
	 * 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" )
	 * *"=").
	 * @param value the header value
	 * @param scheme the authentication scheme
	 * @return the token, or {@code null} when the value does not have that form
	 */
	static @Nullable String afterScheme(String value, String scheme) {
		int end = value.length();
		while (end > 0 && value.charAt(end - 1) == ' ') {
			end--;
		}
		int start = scheme.length();
		if (end <= start || value.charAt(start) != ' ' || !equalsIgnoreAsciiCase(value, scheme)) {
			return null;
		}
		while (value.charAt(start) == ' ') {
			start++;
		}
		int i = start;
		while (i < end && isB64TokenChar(value.charAt(i))) {
			i++;
		}
		if (i == start) {
			return null;
		}
		while (i < end && value.charAt(i) == '=') {
			i++;
		}
		return (i == end) ? value.substring(start, end) : null;
	}

	// Whether value starts with scheme, ignoring the case of ASCII letters only.
	private static boolean equalsIgnoreAsciiCase(String value, String scheme) {
		for (int i = 0; i < scheme.length(); i++) {
			char a = value.charAt(i);
			char b = scheme.charAt(i);
			if (a != b && asciiLower(a) != asciiLower(b)) {
				return false;
			}
		}
		return true;
	}

	private static char asciiLower(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
	}

	private static boolean isB64TokenChar(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

	private @Nullable String fromQuery(HttpServletRequest request, String name) {
		Object original = request.getAttribute(ORIGINAL_QUERY_ATTRIBUTE);
		String queryString = (original instanceof String query) ? query : request.getQueryString();
		if (queryString == null || queryString.isEmpty()) {
			return null;
		}
		List<String> values;
		try {
			values = QueryParameters.values(queryString, name);
		}
		catch (IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("The query string is not correctly encoded"));
		}
		String value = single(values, "query parameter", name);
		return (value != null) ? checked(value, "query parameter", name) : null;
	}

	private @Nullable String fromCookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		List<String> values = new ArrayList<>(1);
		for (Cookie candidate : cookies) {
			if (name.equals(candidate.getName())) {
				values.add(candidate.getValue());
			}
		}
		String value = single(values, "cookie", name);
		return (value != null) ? checked(value, "cookie", name) : null;
	}

	private static @Nullable String single(List<String> values, String kind, String name) {
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw multiple(kind, name);
		}
		return values.get(0);
	}

	private static OAuth2AuthenticationException multiple(String kind, String name) {
		return new OAuth2AuthenticationException(
				BearerTokenErrors.invalidRequest("Found multiple tokens in the " + kind + " " + name));
	}

	// A raw value is the whole token: it must be non-empty and printable ASCII.
	private static String checked(String value, String kind, String name) {
		if (value.isEmpty()) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("The " + kind + " " + name + " is empty"));
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				throw new OAuth2AuthenticationException(
						BearerTokenErrors.invalidToken("Token in the " + kind + " " + name + " is malformed"));
			}
		}
		return value;
	}

	private static @Nullable String textOrNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

	@Override
	public String toString() {
		return "IntrospectionBearerTokenResolver [header=" + this.header + ", query=" + this.query + ", cookie="
				+ this.cookie + "]";
	}

}
