package io.github.introspection.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Adds {@code Cache-Control: no-store} to the response of a request whose query string
 * carries the access token parameter, so that no cache keeps a page fetched with a
 * token in its URL.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.3">RFC 6750 §2.3</a>
 */
public final class QueryTokenCacheControlFilter extends OncePerRequestFilter {

	private final String parameter;

	/**
	 * Creates a filter.
	 * @param parameter the name of the query parameter that carries the token
	 */
	public QueryTokenCacheControlFilter(String parameter) {
		Assert.hasText(parameter, "parameter cannot be empty");
		this.parameter = parameter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && carriesParameter(query)) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		}
		chain.doFilter(request, response);
	}

	// Match parameter names the way the token resolver does: decoded, and whole.
	private boolean carriesParameter(String query) {
		for (String pair : StringUtils.delimitedListToStringArray(query, "&")) {
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			if (this.parameter.equals(decode(name))) {
				return true;
			}
		}
		return false;
	}

	private static String decode(String name) {
		try {
			return UriUtils.decode(name.replace('+', ' '), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
