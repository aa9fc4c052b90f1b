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

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import io.github.introspection.authorization.AuthenticatedRequestsClaimsFilter;
import io.github.introspection.provider.IntrospectionProviders;
import io.github.introspection.provider.ProviderAuthenticationManagerResolver;
import io.github.introspection.token.CookieTokenCsrfFilter;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.token.PublicPathsBearerTokenResolver;
import io.github.introspection.token.TokenSourceKind;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Adds the introspection starter to a {@link HttpSecurity} chain of the application's
 * own, the way {@code oauth2ResourceServer()} adds Spring Security's resource server:
 * <pre class="code">
 * &#064;Bean
 * SecurityFilterChain api(HttpSecurity http) {
 *     http.authorizeHttpRequests((requests) -&gt; requests.anyRequest().authenticated())
 *         .with(IntrospectionConfigurer.introspection(), Customizer.withDefaults());
 *     return http.build();
 * }
 * </pre> It reads the starter's beans ({@link BearerTokenResolver},
 * {@link OpaqueTokenIntrospector}, {@link AuthenticationEntryPoint},
 * {@link AccessDeniedHandler}, {@link IntrospectionChainSettings}) and adds what the
 * starter's default chain has: {@code oauth2ResourceServer} with the token sources, the
 * introspector, the RFC 6750 error answers and the RFC 9728 metadata; the cross-site
 * guard of cookie tokens; the {@code introspection.claims} rule on every authenticated
 * request; forwarded headers; public paths whose tokens are ignored, and which, like the
 * error dispatch, are permitted ahead of the chain's own {@code authorizeHttpRequests}
 * rules; and a stateless chain (no session, request cache or CSRF token). With
 * {@code introspection.providers}, the resource server chooses one identity provider per
 * request with the starter's {@link ProviderAuthenticationManagerResolver}. The
 * query-token filter and the firewall are not part of a chain: the starter registers them
 * for every chain.
 */
public final class IntrospectionConfigurer extends AbstractHttpConfigurer<IntrospectionConfigurer, HttpSecurity> {

	private @Nullable AuthenticationEntryPoint authenticationEntryPoint;

	private @Nullable AccessDeniedHandler accessDeniedHandler;

	private boolean claims = true;

	private boolean stateless = true;

	private @Nullable Settings settings;

	private IntrospectionConfigurer() {
	}

	/**
	 * Creates a configurer, to apply with
	 * {@code http.with(IntrospectionConfigurer.introspection(), Customizer.withDefaults())}.
	 * @return the configurer
	 */
	public static IntrospectionConfigurer introspection() {
		return new IntrospectionConfigurer();
	}

	/**
	 * Sets the entry point used instead of the {@link AuthenticationEntryPoint} bean (by
	 * default the starter's: 401, 400 and 503 with problem+json bodies).
	 * @param authenticationEntryPoint the entry point
	 * @return this configurer
	 */
	public IntrospectionConfigurer authenticationEntryPoint(AuthenticationEntryPoint authenticationEntryPoint) {
		Assert.notNull(authenticationEntryPoint, "authenticationEntryPoint cannot be null");
		this.authenticationEntryPoint = authenticationEntryPoint;
		return this;
	}

	/**
	 * Sets the handler used instead of the {@link AccessDeniedHandler} bean (by default
	 * the starter's: 403 {@code insufficient_scope} with a problem+json body).
	 * @param accessDeniedHandler the handler
	 * @return this configurer
	 */
	public IntrospectionConfigurer accessDeniedHandler(AccessDeniedHandler accessDeniedHandler) {
		Assert.notNull(accessDeniedHandler, "accessDeniedHandler cannot be null");
		this.accessDeniedHandler = accessDeniedHandler;
		return this;
	}

	/**
	 * Sets whether the {@code introspection.claims} rule holds on every authenticated
	 * request of this chain; default {@code true}.
	 * @param claims whether the rule applies
	 * @return this configurer
	 */
	public IntrospectionConfigurer claims(boolean claims) {
		this.claims = claims;
		return this;
	}

	/**
	 * Sets whether the chain is made stateless: no session, no request cache, the
	 * security context in a request attribute, and no CSRF token (the cookie-token guard
	 * protects cookie tokens; header and query tokens cannot be forged by a browser);
	 * default {@code true}. With {@code false}, those stay as the chain sets them.
	 * @param stateless whether to make the chain stateless
	 * @return this configurer
	 */
	public IntrospectionConfigurer stateless(boolean stateless) {
		this.stateless = stateless;
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		IntrospectionChainSettings chainSettings = context.getBeanProvider(IntrospectionChainSettings.class)
			.getIfAvailable();
		Assert.state(chainSettings != null, "IntrospectionConfigurer needs the introspection starter's beans "
				+ "(is introspection.enabled false, or introspection.client-config.url missing?)");
		BearerTokenResolver resolver = context.getBean(BearerTokenResolver.class);
		OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
		AuthenticationEntryPoint entryPoint = (this.authenticationEntryPoint != null) ? this.authenticationEntryPoint
				: context.getBean(AuthenticationEntryPoint.class);
		AccessDeniedHandler deniedHandler = (this.accessDeniedHandler != null) ? this.accessDeniedHandler
				: context.getBean(AccessDeniedHandler.class);
		RequestMatcher publicRequests = publicRequests(chainSettings.publicPaths(), context);
		this.settings = new Settings(chainSettings, resolver, publicRequests);
		// A public path is neither introspected nor rejected because of its token.
		BearerTokenResolver chainResolver = chainSettings.publicPaths().isEmpty() ? resolver
				: new PublicPathsBearerTokenResolver(resolver, publicRequests);
		// RFC 9728 §2: advertised only when certificate-bound tokens are refused without
		// their certificate.
		boolean certificateBound = introspector instanceof ValidatingOpaqueTokenIntrospector validating
				&& validating.isCertificateBindingChecked();
		URI resource = chainSettings.resource();
		// With introspection.providers, one identity provider per request (the starter's
		// resolver, or the application's own); else the introspector bean.
		AuthenticationManagerResolver<HttpServletRequest> providers = providersResolver(context);
		http.oauth2ResourceServer((resourceServer) -> {
			resourceServer.bearerTokenResolver(chainResolver)
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
						(builder) -> customizeMetadata(builder, resource, resolver, certificateBound)));
			if (providers != null) {
				resourceServer.authenticationManagerResolver(providers);
			}
			else {
				resourceServer.opaqueToken(Customizer.withDefaults());
			}
		});
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
		AuthorizeHttpRequestsConfigurer<HttpSecurity> authorize = http
			.getConfigurer(AuthorizeHttpRequestsConfigurer.class);
		if (authorize != null) {
			authorize.withObjectPostProcessor(new PermitFirst(publicRequests));
		}
		if (this.stateless) {
			stateless(http);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		Settings settings = this.settings;
		Assert.state(settings != null, "init was not called");
		IntrospectionChainSettings chainSettings = settings.chain();
		if (chainSettings.cookieCsrfProtection()
				&& settings.resolver() instanceof IntrospectionBearerTokenResolver resolver
				&& resolver.isEnabled(TokenSourceKind.COOKIE)) {
			CookieTokenCsrfFilter csrfFilter = new CookieTokenCsrfFilter(resolver.getName(TokenSourceKind.COOKIE));
			csrfFilter.setIgnoredRequests(settings.publicRequests());
			http.addFilterBefore(csrfFilter, BearerTokenAuthenticationFilter.class);
		}
		if (this.claims && chainSettings.claims() != null) {
			// Its own filter, so that it holds on paths with per-path rules too.
			http.addFilterBefore(
					new AuthenticatedRequestsClaimsFilter(chainSettings.claims(), settings.publicRequests()),
					AuthorizationFilter.class);
		}
		if (chainSettings.forwardedHeaders() != null) {
			// After authorization: security decisions see the original request.
			http.addFilterAfter(chainSettings.forwardedHeaders(), AuthorizationFilter.class);
		}
	}

	/**
	 * Stateless, without the session machinery's filters. What
	 * {@code sessionManagement(s -> s.sessionCreationPolicy(STATELESS))} would set up is
	 * set here directly: the security context lives in a request attribute (so the error
	 * dispatch still sees it) and no request is ever saved in a session. Left out are
	 * {@code SessionManagementFilter}, which with no session only ran a no-op session
	 * strategy on every authenticated request, and {@code DisableEncodeUrlFilter}, which
	 * wraps every response to keep a session id out of URLs: this chain creates no
	 * session.
	 */
	private static void stateless(HttpSecurity http) {
		http.sessionManagement((session) -> session.disable());
		http.setSharedObject(SessionCreationPolicy.class, SessionCreationPolicy.STATELESS);
		http.setSharedObject(SecurityContextRepository.class, new RequestAttributeSecurityContextRepository());
		http.setSharedObject(RequestCache.class, new NullRequestCache());
		http.requestCache((cache) -> cache.disable());
		http.csrf((csrf) -> csrf.disable());
	}

	@SuppressWarnings("unchecked")
	private static @Nullable AuthenticationManagerResolver<HttpServletRequest> providersResolver(
			ApplicationContext context) {
		if (context.getBeanProvider(IntrospectionProviders.class).getIfAvailable() == null) {
			return null;
		}
		// the starter's backs off for any resolver of the application's
		return context.getBeanProvider(AuthenticationManagerResolver.class).getIfUnique();
	}

	private static RequestMatcher publicRequests(List<String> paths, ApplicationContext context) {
		if (paths.isEmpty()) {
			return (request) -> false;
		}
		PathPatternRequestMatcher.Builder builder = context.getBeanProvider(PathPatternRequestMatcher.Builder.class)
			.getIfUnique(PathPatternRequestMatcher::withDefaults);
		return new OrRequestMatcher(paths.stream().map(builder::matcher).map(RequestMatcher.class::cast).toList());
	}

	private static void customizeMetadata(OAuth2ProtectedResourceMetadata.Builder builder, @Nullable URI resource,
			BearerTokenResolver resolver, boolean certificateBound) {
		if (resource != null) {
			builder.resource(resource.toString());
		}
		builder.bearerMethods((methods) -> setBearerMethods(methods, resolver))
			.tlsClientCertificateBoundAccessTokens(certificateBound);
	}

	// RFC 9728 §2: bearer_methods_supported lists "header", "body" and "query"; a cookie
	// has no registered name.
	private static void setBearerMethods(List<String> methods, BearerTokenResolver resolver) {
		if (resolver instanceof IntrospectionBearerTokenResolver introspection) {
			methods.clear();
			if (introspection.isEnabled(TokenSourceKind.HEADER)) {
				methods.add("header");
			}
			if (introspection.isEnabled(TokenSourceKind.QUERY)) {
				methods.add("query");
			}
		}
	}

	private record Settings(IntrospectionChainSettings chain, BearerTokenResolver resolver,
			RequestMatcher publicRequests) {
	}

	/**
	 * Wraps the chain's own request rules: the error dispatch (so that an error page
	 * never hides the original status behind a second 401) and the public paths are
	 * permitted first, everything else is decided by the chain's rules.
	 */
	private static final class PermitFirst implements ObjectPostProcessor<AuthorizationManager<HttpServletRequest>> {

		private final RequestMatcher publicRequests;

		PermitFirst(RequestMatcher publicRequests) {
			this.publicRequests = publicRequests;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <O extends AuthorizationManager<HttpServletRequest>> O postProcess(O rules) {
			AuthorizationManager<HttpServletRequest> permitFirst = new PermitFirstAuthorizationManager(
					this.publicRequests, rules);
			return (O) permitFirst;
		}

	}

	private static final class PermitFirstAuthorizationManager implements AuthorizationManager<HttpServletRequest> {

		private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

		private final RequestMatcher publicRequests;

		private final AuthorizationManager<HttpServletRequest> rules;

		PermitFirstAuthorizationManager(RequestMatcher publicRequests, AuthorizationManager<HttpServletRequest> rules) {
			this.publicRequests = publicRequests;
			this.rules = rules;
		}

		@Override
		public @Nullable AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
				HttpServletRequest request) {
			if (request.getDispatcherType() == DispatcherType.ERROR || this.publicRequests.matches(request)) {
				return GRANTED;
			}
			return this.rules.authorize(authentication, request);
		}

	}

}
