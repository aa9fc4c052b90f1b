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

package io.github.introspection.provider;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * One identity provider: its name (a closed set, used in meters and health), the
 * {@link AuthenticationManager} that introspects its tokens, and the requests it serves.
 */
public final class IntrospectionProvider {

	private final String name;

	private final AuthenticationManager authenticationManager;

	private final @Nullable RequestMatcher paths;

	private final @Nullable String headerName;

	private final @Nullable String headerValue;

	private final Set<String> issuers;

	/**
	 * Creates a provider.
	 * @param name its name
	 * @param authenticationManager what introspects its tokens
	 * @param paths the requests it serves by path, or {@code null}
	 * @param headerName the header that selects it, or {@code null}
	 * @param headerValue that header's value, or {@code null}
	 * @param issuers the unverified token issuers that select it
	 */
	public IntrospectionProvider(String name, AuthenticationManager authenticationManager,
			@Nullable RequestMatcher paths, @Nullable String headerName, @Nullable String headerValue,
			Set<String> issuers) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(authenticationManager, "authenticationManager cannot be null");
		Assert.isTrue((headerName == null) == (headerValue == null), "headerName and headerValue go together");
		Assert.notNull(issuers, "issuers cannot be null");
		this.name = name;
		this.authenticationManager = authenticationManager;
		this.paths = paths;
		this.headerName = headerName;
		this.headerValue = headerValue;
		this.issuers = Set.copyOf(issuers);
	}

	/**
	 * Creates a provider selected by nothing: the default one.
	 * @param name its name
	 * @param authenticationManager what introspects its tokens
	 * @return the provider
	 */
	public static IntrospectionProvider of(String name, AuthenticationManager authenticationManager) {
		return new IntrospectionProvider(name, authenticationManager, null, null, null, Set.of());
	}

	public String getName() {
		return this.name;
	}

	public AuthenticationManager getAuthenticationManager() {
		return this.authenticationManager;
	}

	Set<String> getIssuers() {
		return this.issuers;
	}

	boolean matchesPath(HttpServletRequest request) {
		return this.paths != null && this.paths.matches(request);
	}

	boolean matchesHeader(HttpServletRequest request) {
		return this.headerName != null && this.headerValue != null
				&& this.headerValue.equals(request.getHeader(this.headerName));
	}

	@Override
	public String toString() {
		return "IntrospectionProvider[" + this.name + "]";
	}

}
