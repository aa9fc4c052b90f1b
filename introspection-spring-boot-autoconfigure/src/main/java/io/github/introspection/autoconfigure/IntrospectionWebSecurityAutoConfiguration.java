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

import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.web.ForwardedHeadersFilter;
import io.github.introspection.web.HttpFirewalls;
import io.github.introspection.web.IntrospectionChainSettings;
import io.github.introspection.web.IntrospectionConfigurer;

import org.springframework.beans.factory.ListableBeanFactory;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the web security pieces: the settings
 * {@link IntrospectionConfigurer} adds to a filter chain, the firewall, the start-up
 * check that every chain accepting cookie tokens guards them, and a stateless default
 * {@link SecurityFilterChain} built with the configurer that asks for a token on every
 * request except {@code introspection.public-paths}. The default chain holds only what a
 * stateless resource server needs (no session management, request cache, CSRF, logout or
 * anonymous filters), keeps Spring Security's default headers (written before the request
 * is handled), DPoP and RFC 9728 metadata; see {@code benchmarks/RESULTS.md} for what
 * each filter costs. It backs off when the application declares its own
 * {@code SecurityFilterChain}, which gets the same with
 * {@code http.with(IntrospectionConfigurer.introspection(), Customizer.withDefaults())}.
 */
@AutoConfiguration(after = IntrospectionAutoConfiguration.class, before = ServletWebSecurityAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "introspection.enabled", matchIfMissing = true)
public final class IntrospectionWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnBean({ IntrospectionProperties.class, BearerTokenResolver.class })
	@ConditionalOnMissingBean
	IntrospectionChainSettings introspectionChainSettings(IntrospectionProperties properties,
			BearerTokenResolver bearerTokenResolver) {
		IntrospectionPropertiesValidator.validatePublicPaths(properties.getPublicPaths());
		String claimsRule = properties.getClaims();
		ClaimsAuthorizationManager claims = StringUtils.hasText(claimsRule)
				? ClaimsAuthorizationManager.ofProperty("introspection.claims", claimsRule) : null;
		// Never a bean: Boot would also register it as a servlet filter running before
		// authentication.
		ForwardedHeadersFilter forwardedHeaders = (!properties.getForwardHeaders().isEmpty()
				|| !properties.isForwardAuthorization())
						? ForwardedHeadersFilter.ofProperties("introspection.forward-headers",
								properties.getForwardHeaders(), properties.isForwardAuthorization(),
								bearerTokenResolver)
						: null;
		return new IntrospectionChainSettings(properties.getPublicPaths(), claims,
				IntrospectionPropertiesValidator.validateResource(properties.getResource()),
				properties.getTokenSource().isCookieCsrfProtection(), forwardedHeaders);
	}

	/**
	 * Spring Security's strict firewall with its default rules, checked without regular
	 * expressions (it checks every header the application reads, on every request).
	 * Replaced by any {@link HttpFirewall} bean of the application. It serves every
	 * filter chain, the application's own too.
	 * @return the firewall
	 */
	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	StrictHttpFirewall introspectionHttpFirewall() {
		return HttpFirewalls.strict();
	}

	@Bean
	static CookieTokenGuardCheck introspectionCookieTokenGuardCheck(ListableBeanFactory beanFactory,
			ObjectProvider<IntrospectionChainSettings> settings) {
		return new CookieTokenGuardCheck(beanFactory, settings);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		@ConditionalOnBean({ BearerTokenResolver.class, OpaqueTokenIntrospector.class })
		SecurityFilterChain introspectionSecurityFilterChain(HttpSecurity http,
				ObjectProvider<IntrospectionRequestAuthorizationCustomizer> requestCustomizers) {
			// The configurer permits the error dispatch and the public paths ahead of
			// these rules.
			http.authorizeHttpRequests((requests) -> {
				requestCustomizers.orderedStream().forEach((customizer) -> customizer.customize(requests));
				requests.anyRequest().authenticated();
			});
			http.with(IntrospectionConfigurer.introspection(), Customizer.withDefaults());
			// Leaner than a chain of the application's own: no logout or anonymous
			// filters, headers written without wrapping the response.
			http.headers((headers) -> headers.withObjectPostProcessor(WRITE_HEADERS_EAGERLY));
			http.logout((logout) -> logout.disable());
			http.anonymous((anonymous) -> anonymous.disable());
			return http.build();
		}

		/**
		 * Spring Security's default security headers, written before the request is
		 * handled instead of when the response is committed: the same headers, without
		 * wrapping every request and response to catch the commit. A header already on
		 * the response (such as the query-token filter's {@code Cache-Control: no-store})
		 * is still left alone, and a controller that sets one of these headers itself
		 * replaces the default value.
		 */
		private static final ObjectPostProcessor<HeaderWriterFilter> WRITE_HEADERS_EAGERLY = new ObjectPostProcessor<>() {

			@Override
			public <O extends HeaderWriterFilter> O postProcess(O filter) {
				filter.setShouldWriteHeadersEagerly(true);
				return filter;
			}

		};

	}

}
