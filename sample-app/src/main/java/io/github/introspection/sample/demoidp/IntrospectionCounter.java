package io.github.introspection.sample.demoidp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the calls the demo IdP receives at its introspection endpoint
 * ({@code POST /oauth2/introspect}), whatever their outcome. A servlet filter ahead of
 * Spring Security, so calls with wrong client credentials count too. Shows how often the
 * app really asks its IdP (once per cache lifetime of a token, not once per request).
 */
public final class IntrospectionCounter extends OncePerRequestFilter {

	static final String INTROSPECTION_PATH = "/oauth2/introspect";

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
		if ("POST".equals(request.getMethod()) && INTROSPECTION_PATH.equals(request.getRequestURI())) {
			this.count.incrementAndGet();
		}
		chain.doFilter(request, response);
	}

}
