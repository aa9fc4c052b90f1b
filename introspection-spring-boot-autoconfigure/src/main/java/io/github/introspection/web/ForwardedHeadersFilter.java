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
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.github.introspection.authorization.AuthenticationClaims;
import io.github.introspection.claims.ClaimPath;
import io.github.introspection.claims.ClaimValues;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.token.TokenSourceKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Shapes the request the application sees after authentication, as Traefik Hub's
 * {@code forwardHeaders} and {@code forwardAuthorization} do:
 * <ul>
 * <li>each configured header carries the value of a claim of the current token (a
 * {@link ClaimPath}); an array claim is joined with {@code ,}; a missing, object or empty
 * array claim leaves the header absent;</li>
 * <li>only visible ASCII and spaces are forwarded: a claim holding any other character
 * (controls such as CR, LF, tab, DEL or U+0085, and anything beyond ASCII, which a relay
 * may re-encode or cut to one byte) leaves the header absent, and so does an array claim
 * with an element holding {@code ,} (so that {@code ["dev,admin"]} and
 * {@code ["dev","admin"]} never look the same); such a header is logged at DEBUG by its
 * name only;</li>
 * <li>headers of those names sent by the caller are always removed, also on requests
 * without a token, so they cannot be forged; names are compared case-insensitively and
 * with {@code _} taken for {@code -} (a downstream server may map {@code X_Auth_Subject}
 * to {@code X-Auth-Subject});</li>
 * <li>unless the credential is forwarded, every enabled token source is removed: the
 * token header, the query parameter (from the query string and the parameters) and the
 * cookie (from {@code getCookies()} and the {@code Cookie} header).</li>
 * </ul>
 * Place it after the authorization filter, so that security decisions see the original
 * request and only authorized requests are rewritten.
 */
public final class ForwardedHeadersFilter extends OncePerRequestFilter {

	private final String[] headerNames;

	private final ClaimPath[] claimPaths;

	private final String[] hiddenHeaders;

	private final @Nullable String hiddenParameter;

	private final @Nullable String hiddenCookie;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Creates a filter.
	 * @param forwardHeaders header name to claim path, such as
	 * {@code X-Auth-Subject -> sub}
	 * @param forwardAuthorization whether the application still sees the credential
	 * @param tokenResolver where tokens are read; for a resolver other than
	 * {@link IntrospectionBearerTokenResolver}, the credential is the
	 * {@code Authorization} header
	 * @throws IllegalArgumentException if a header name is not an HTTP token, appears
	 * twice (ignoring case), or a claim path is not valid
	 */
	public ForwardedHeadersFilter(Map<String, String> forwardHeaders, boolean forwardAuthorization,
			BearerTokenResolver tokenResolver) {
		Assert.notNull(forwardHeaders, "forwardHeaders cannot be null");
		Assert.notNull(tokenResolver, "tokenResolver cannot be null");
		List<String> names = new ArrayList<>(forwardHeaders.size());
		List<ClaimPath> paths = new ArrayList<>(forwardHeaders.size());
		forwardHeaders.forEach((name, path) -> {
			String problem = problem(name, path, names);
			Assert.isTrue(problem == null, () -> "Forwarded header '" + name + "' " + problem);
			names.add(name);
			paths.add(ClaimPath.parse(path));
		});
		this.headerNames = names.toArray(new String[0]);
		this.claimPaths = paths.toArray(new ClaimPath[0]);
		List<String> hidden = new ArrayList<>(names);
		String credentialHeader = null;
		String parameter = null;
		String cookie = null;
		if (!forwardAuthorization) {
			if (tokenResolver instanceof IntrospectionBearerTokenResolver resolver) {
				credentialHeader = resolver.getName(TokenSourceKind.HEADER);
				parameter = resolver.getName(TokenSourceKind.QUERY);
				cookie = resolver.getName(TokenSourceKind.COOKIE);
			}
			else {
				credentialHeader = HttpHeaders.AUTHORIZATION;
			}
		}
		if (credentialHeader != null) {
			hidden.add(credentialHeader);
		}
		hidden.replaceAll((name) -> name.replace('_', '-'));
		this.hiddenHeaders = hidden.toArray(new String[0]);
		this.hiddenParameter = parameter;
		this.hiddenCookie = cookie;
	}

	/**
	 * Creates a filter from configuration properties, failing with a message that names
	 * the property of a bad entry.
	 * @param property the full name of the header map property, such as
	 * {@code introspection.forward-headers}
	 * @param forwardHeaders header name to claim path
	 * @param forwardAuthorization whether the application still sees the credential
	 * @param tokenResolver where tokens are read
	 * @return the filter
	 * @throws InvalidConfigurationPropertyValueException if an entry is not valid
	 */
	public static ForwardedHeadersFilter ofProperties(String property, Map<String, String> forwardHeaders,
			boolean forwardAuthorization, BearerTokenResolver tokenResolver) {
		List<String> seen = new ArrayList<>(forwardHeaders.size());
		forwardHeaders.forEach((name, path) -> {
			String problem = problem(name, path, seen);
			if (problem != null) {
				throw new InvalidConfigurationPropertyValueException(property + "[" + name + "]", path, problem);
			}
			seen.add(name);
		});
		return new ForwardedHeadersFilter(forwardHeaders, forwardAuthorization, tokenResolver);
	}

	/**
	 * Sets where the current authentication is read; the default is the
	 * {@link SecurityContextHolder}'s strategy.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy cannot be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.hiddenHeaders.length == 0 && this.hiddenParameter == null && this.hiddenCookie == null) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> claims = AuthenticationClaims
			.of(this.securityContextHolderStrategy.getContext().getAuthentication());
		@Nullable String[] values = new String[this.headerNames.length];
		if (claims != null) {
			for (int i = 0; i < values.length; i++) {
				Object claim = this.claimPaths[i].resolve(claims);
				values[i] = headerValue(claim);
				if (values[i] == null && this.logger.isDebugEnabled() && hasText(claim)) {
					// the header name only: the value may be personal data or an attack
					this.logger.debug("Claim for forwarded header " + this.headerNames[i]
							+ " not forwarded: it holds characters other than visible ASCII and spaces,"
							+ " or is an array with an element holding ','");
				}
			}
		}
		chain.doFilter(new ForwardedRequest(request, this.headerNames, values, this.hiddenHeaders, this.hiddenParameter,
				this.hiddenCookie), response);
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		doFilterInternal(request, response, chain);
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * The header value for a claim, or {@code null} when the header is left absent: a
	 * missing, object or empty array claim, a value with characters other than visible
	 * ASCII and spaces, or an array with an element holding {@code ,}.
	 */
	static @Nullable String headerValue(@Nullable Object claim) {
		String value;
		if (claim instanceof Collection<?> collection) {
			StringJoiner joiner = new StringJoiner(",");
			for (Object element : collection) {
				if (!addElement(joiner, element)) {
					return null;
				}
			}
			value = (joiner.length() > 0) ? joiner.toString() : null;
		}
		else if (claim != null && claim.getClass().isArray()) {
			StringJoiner joiner = new StringJoiner(",");
			for (int i = 0; i < Array.getLength(claim); i++) {
				if (!addElement(joiner, Array.get(claim, i))) {
					return null;
				}
			}
			value = (joiner.length() > 0) ? joiner.toString() : null;
		}
		else {
			value = ClaimValues.toScalarText(claim);
		}
		return (value != null && isForwardable(value)) ? value : null;
	}

	/**
	 * Adds the text of an array element (elements without a text form are skipped).
	 * @return {@code false} if the element holds {@code ,}, which would make the joined
	 * value ambiguous
	 */
	private static boolean addElement(StringJoiner joiner, @Nullable Object element) {
		String text = ClaimValues.toScalarText(element);
		if (text == null) {
			return true;
		}
		if (text.indexOf(',') >= 0) {
			return false;
		}
		joiner.add(text);
		return true;
	}

	/**
	 * Whether a claim has a text form, so that a {@code null} header value means it was
	 * refused rather than missing.
	 */
	private static boolean hasText(@Nullable Object claim) {
		if (claim instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (ClaimValues.toScalarText(element) != null) {
					return true;
				}
			}
			return false;
		}
		if (claim != null && claim.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(claim); i++) {
				if (ClaimValues.toScalarText(Array.get(claim, i)) != null) {
					return true;
				}
			}
			return false;
		}
		return ClaimValues.toScalarText(claim) != null;
	}

	// Visible ASCII (RFC 9110 §5.5 field-vchar without obs-text) and space: no CR, LF,
	// NUL, tab, DEL or C1 control, and no character a relay could re-encode or cut to
	// one byte (U+010A would become LF).
	private static boolean isForwardable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String problem(@Nullable String name, @Nullable String path, List<String> seen) {
		if (name == null || name.isEmpty() || !isToken(name)) {
			return "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)";
		}
		for (String other : seen) {
			if (other.equalsIgnoreCase(name)) {
				return "is configured twice (header names ignore case)";
			}
		}
		if (path == null) {
			return "must name a claim path such as sub or realm_access.roles";
		}
		try {
			ClaimPath.parse(path);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "must name a claim path such as sub or realm_access.roles: " + ex.getMessage();
		}
	}

	// RFC 9110 §5.6.2: token = 1*tchar
	private static boolean isToken(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!tchar) {
				return false;
			}
		}
		return true;
	}

}
