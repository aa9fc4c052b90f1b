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

package io.github.introspection.autoconfigure;

import java.net.URI;
import java.util.List;

import io.github.introspection.authorization.AuthenticatedRequestsClaimsFilter;
import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.token.PublicPathsBearerTokenResolver;
import io.github.introspection.token.TokenSourceKind;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.github.introspection.token.CookieTokenCsrfFilter;
import io.github.introspection.web.ForwardedHeadersFilter;
import io.github.introspection.web.HttpFirewalls;
import jakarta.servlet.DispatcherType;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of a stateless {@link SecurityFilterChain} that asks for a token on
 * every request except {@code introspection.public-paths}. The chain holds only what a
 * stateless resource server needs (no session management, request cache, CSRF, logout or
 * anonymous filters), keeps Spring Security's default headers (written before the request
 * is handled), DPoP and RFC 9728 metadata; see {@code benchmarks/RESULTS.md} for what
 * each filter costs. Backs off when the application declares its own
 * {@code SecurityFilterChain}; the starter's beans then still serve it through
 * {@code oauth2ResourceServer(o -> o.opaqueToken(...))}.
 */
@AutoConfiguration(after = IntrospectionAutoConfiguration.class, before = ServletWebSecurityAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "introspection.enabled", matchIfMissing = true)
@ConditionalOnDefaultWebSecurity
public final class IntrospectionWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnBean({ BearerTokenResolver.class, OpaqueTokenIntrospector.class })
	SecurityFilterChain introspectionSecurityFilterChain(HttpSecurity http, IntrospectionProperties properties,
			BearerTokenResolver bearerTokenResolver, OpaqueTokenIntrospector introspector,
			AuthenticationEntryPoint authenticationEntryPoint, AccessDeniedHandler accessDeniedHandler,
			ObjectProvider<IntrospectionRequestAuthorizationCustomizer> requestCustomizers) {
		List<String> publicPaths = properties.getPublicPaths();
		IntrospectionPropertiesValidator.validatePublicPaths(publicPaths);
		RequestMatcher publicRequests = publicPaths(publicPaths);
		String claimsRule = properties.getClaims();
		ClaimsAuthorizationManager claimsManager = StringUtils.hasText(claimsRule)
				? ClaimsAuthorizationManager.ofProperty("introspection.claims", claimsRule) : null;
		http.authorizeHttpRequests((requests) -> {
			// Let the container's error dispatch through, so an error page never
			// hides the original status behind a second 401.
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			if (!publicPaths.isEmpty()) {
				requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
			}
			requestCustomizers.orderedStream().forEach((customizer) -> customizer.customize(requests));
			requests.anyRequest().authenticated();
		});
		if (claimsManager != null) {
			// Its own filter, so that it holds on paths with per-path rules too.
			http.addFilterBefore(new AuthenticatedRequestsClaimsFilter(claimsManager, publicRequests),
					AuthorizationFilter.class);
		}
		// RFC 9728 §2: advertised only when certificate-bound tokens are refused without
		// their certificate.
		boolean certificateBound = introspector instanceof ValidatingOpaqueTokenIntrospector validating
				&& validating.isCertificateBindingChecked();
		URI resource = IntrospectionPropertiesValidator.validateResource(properties.getResource());
		// A public path is neither introspected nor rejected because of its token.
		BearerTokenResolver tokenResolver = publicPaths.isEmpty() ? bearerTokenResolver
				: new PublicPathsBearerTokenResolver(bearerTokenResolver, publicRequests);
		http.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(tokenResolver)
			.authenticationEntryPoint(authenticationEntryPoint)
			.accessDeniedHandler(accessDeniedHandler)
			.opaqueToken((opaqueToken) -> opaqueToken.introspector(introspector))
			.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
					(builder) -> customizeMetadata(builder, resource, bearerTokenResolver, certificateBound))));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(authenticationEntryPoint)
			.accessDeniedHandler(accessDeniedHandler));
		stateless(http);
		http.headers((headers) -> headers.withObjectPostProcessor(WRITE_HEADERS_EAGERLY));
		http.csrf((csrf) -> csrf.disable());
		http.requestCache((cache) -> cache.disable());
		http.logout((logout) -> logout.disable());
		http.anonymous((anonymous) -> anonymous.disable());
		if (bearerTokenResolver instanceof IntrospectionBearerTokenResolver resolver) {
			if (resolver.isEnabled(TokenSourceKind.COOKIE) && properties.getTokenSource().isCookieCsrfProtection()) {
				CookieTokenCsrfFilter csrfFilter = new CookieTokenCsrfFilter(resolver.getName(TokenSourceKind.COOKIE));
				csrfFilter.setIgnoredRequests(publicRequests);
				http.addFilterBefore(csrfFilter, BearerTokenAuthenticationFilter.class);
			}
		}
		if (!properties.getForwardHeaders().isEmpty() || !properties.isForwardAuthorization()) {
			// Never a bean: Boot would also register it as a servlet filter
			// running before authentication.
			http.addFilterAfter(ForwardedHeadersFilter.ofProperties("introspection.forward-headers",
					properties.getForwardHeaders(), properties.isForwardAuthorization(), bearerTokenResolver),
					AuthorizationFilter.class);
		}
		return http.build();
	}

	/**
	 * Spring Security's strict firewall with its default rules, checked without regular
	 * expressions (it checks every header the application reads, on every request).
	 * Replaced by any {@link HttpFirewall} bean of the application.
	 * @return the firewall
	 */
	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	StrictHttpFirewall introspectionHttpFirewall() {
		return HttpFirewalls.strict();
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
	}

	/**
	 * Spring Security's default security headers, written before the request is handled
	 * instead of when the response is committed: the same headers, without wrapping every
	 * request and response to catch the commit. A header already on the response (such as
	 * the query-token filter's {@code Cache-Control: no-store}) is still left alone, and
	 * a controller that sets one of these headers itself replaces the default value.
	 */
	private static final ObjectPostProcessor<HeaderWriterFilter> WRITE_HEADERS_EAGERLY = new ObjectPostProcessor<>() {

		@Override
		public <O extends HeaderWriterFilter> O postProcess(O filter) {
			filter.setShouldWriteHeadersEagerly(true);
			return filter;
		}

	};

	private static RequestMatcher publicPaths(List<String> paths) {
		if (paths.isEmpty()) {
			return (request) -> false;
		}
		PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
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

}
