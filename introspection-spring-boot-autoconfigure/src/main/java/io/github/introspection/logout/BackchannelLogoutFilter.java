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

package io.github.introspection.logout;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.introspection.cache.IntrospectionCacheEviction;
import io.github.introspection.cache.ReplayGuard;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 §2.5-§2.8): a
 * servlet filter that answers a {@code POST} of a {@code logout_token} form parameter to
 * its path itself. A valid token whose {@code jti} was not seen before evicts the cached
 * answers of its session ({@code sid}), or else of its user ({@code sub}), on every
 * replica, and gets 200; anything else gets 400 with an {@code invalid_request} JSON body
 * and evicts nothing (a failure of the eviction itself gets 400 {@code server_error}).
 * Every answer carries {@code Cache-Control: no-store}.
 * <p>
 * Registered before Spring Security's filter chain, it needs neither a bearer token nor a
 * CSRF token (the signed logout token is the request's authentication), whichever
 * {@code SecurityFilterChain} the application has.
 */
public final class BackchannelLogoutFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(BackchannelLogoutFilter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PARAMETER = "logout_token";

	private static final int MAX_DESCRIPTION_LENGTH = 200;

	private final RequestMatcher endpoint;

	private final LogoutTokenValidator validator;

	private final ReplayGuard replayGuard;

	private final IntrospectionCacheEviction eviction;

	/**
	 * Creates the endpoint.
	 * @param path the endpoint's path within the application, such as
	 * {@code /logout/backchannel}
	 * @param validator validates the logout token
	 * @param replayGuard refuses a {@code jti} seen before
	 * @param eviction evicts the cached answers
	 */
	public BackchannelLogoutFilter(String path, LogoutTokenValidator validator, ReplayGuard replayGuard,
			IntrospectionCacheEviction eviction) {
		Assert.isTrue(path.startsWith("/"), "path must start with '/'");
		this.endpoint = PathPatternRequestMatcher.withDefaults().matcher(path);
		this.validator = validator;
		this.replayGuard = replayGuard;
		this.eviction = eviction;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (!HttpMethod.POST.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
			return;
		}
		String[] values = request.getParameterValues(PARAMETER);
		if (values == null || values.length != 1 || !StringUtils.hasText(values[0])) {
			reject(response, "the request must carry one logout_token form parameter");
			return;
		}
		LogoutToken token;
		try {
			token = this.validator.validate(values[0]);
		}
		catch (InvalidLogoutTokenException ex) {
			reject(response, ex.getMessage());
			return;
		}
		try {
			// §2.6 step 8: a jti is used once, per issuer.
			if (!this.replayGuard.firstUse("backchannel-logout " + token.issuer() + " " + token.id(),
					token.acceptedUntil())) {
				reject(response, "the logout token was already used (its jti was seen before)");
				return;
			}
			evict(token);
		}
		catch (RuntimeException ex) {
			// §2.8: a logout that failed is a 400 too, never a 500.
			logger.error("Back-channel logout failed: the cached answers could not be evicted", ex);
			write(response, "server_error", "the cached answers could not be evicted");
			return;
		}
		response.setStatus(HttpStatus.OK.value());
	}

	// §2.7: a sid logs out that session only; a sub without sid, every session of the
	// user.
	private void evict(LogoutToken token) {
		if (token.sessionId() != null) {
			this.eviction.evictSession(token.sessionId());
			logger.debug("Back-channel logout: evicted the cached answers of one session");
		}
		else {
			Assert.state(token.subject() != null, "a validated logout token has a sid or a sub");
			this.eviction.evictSubject(token.subject());
			logger.debug("Back-channel logout: evicted the cached answers of one user");
		}
	}

	private static void reject(HttpServletResponse response, String description) throws IOException {
		String printable = printable(description);
		logger.warn("Back-channel logout rejected: " + printable);
		write(response, "invalid_request", printable);
	}

	// §2.8: 400, with an OAuth-style error body.
	private static void write(HttpServletResponse response, String error, String description) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

	// Nimbus's messages may quote a header or claim of the untrusted token: no control
	// characters (log injection), and a bounded length.
	private static String printable(String description) {
		String text = description.replaceAll("\\p{Cntrl}", "?");
		return (text.length() > MAX_DESCRIPTION_LENGTH) ? text.substring(0, MAX_DESCRIPTION_LENGTH) + "..." : text;
	}

}
