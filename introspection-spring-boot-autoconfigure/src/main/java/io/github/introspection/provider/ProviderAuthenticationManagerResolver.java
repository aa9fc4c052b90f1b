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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.Assert;

/**
 * Chooses the identity provider that serves a request: the first whose path patterns
 * match, else the first whose header matches, else the one whose issuers hold the
 * unverified {@code iss} of a JWT-shaped token (whose answer must then name the same
 * issuer), else the default provider. The token is never logged.
 */
public final class ProviderAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

	private final IntrospectionProvider defaultProvider;

	private final List<IntrospectionProvider> providers;

	private final BearerTokenResolver tokenResolver;

	// issuer to the manager that checks the answer names it
	private final Map<String, AuthenticationManager> byIssuer = new HashMap<>();

	/**
	 * Creates a resolver.
	 * @param defaultProvider the provider of requests no other one serves
	 * @param providers the other providers, in the order they are tried
	 * @param tokenResolver reads the token whose issuer may choose the provider
	 */
	public ProviderAuthenticationManagerResolver(IntrospectionProvider defaultProvider,
			List<IntrospectionProvider> providers, BearerTokenResolver tokenResolver) {
		Assert.notNull(defaultProvider, "defaultProvider cannot be null");
		Assert.notNull(providers, "providers cannot be null");
		Assert.notNull(tokenResolver, "tokenResolver cannot be null");
		this.defaultProvider = defaultProvider;
		this.providers = List.copyOf(providers);
		this.tokenResolver = tokenResolver;
		for (IntrospectionProvider provider : this.providers) {
			for (String issuer : provider.getIssuers()) {
				Assert.isTrue(!this.byIssuer.containsKey(issuer), "Two providers are selected by one issuer");
				this.byIssuer.put(issuer,
						new IssuerMatchingAuthenticationManager(provider.getAuthenticationManager(), issuer));
			}
		}
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		for (IntrospectionProvider provider : this.providers) {
			if (provider.matchesPath(request)) {
				return provider.getAuthenticationManager();
			}
		}
		for (IntrospectionProvider provider : this.providers) {
			if (provider.matchesHeader(request)) {
				return provider.getAuthenticationManager();
			}
		}
		if (!this.byIssuer.isEmpty()) {
			String token = this.tokenResolver.resolve(request);
			String issuer = (token != null) ? UnverifiedIssuer.of(token) : null;
			AuthenticationManager manager = (issuer != null) ? this.byIssuer.get(issuer) : null;
			if (manager != null) {
				return manager;
			}
		}
		return this.defaultProvider.getAuthenticationManager();
	}

	/**
	 * The providers, the default one first.
	 * @return the providers
	 */
	public List<IntrospectionProvider> getProviders() {
		return Stream.concat(Stream.of(this.defaultProvider), this.providers.stream()).toList();
	}

}
