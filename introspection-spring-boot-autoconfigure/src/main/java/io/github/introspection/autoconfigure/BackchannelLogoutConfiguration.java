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

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.github.introspection.cache.IntrospectionCacheEviction;
import io.github.introspection.cache.ReplayGuard;
import io.github.introspection.logout.BackchannelLogoutFilter;
import io.github.introspection.logout.LogoutTokenValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The back-channel logout endpoint ({@code introspection.backchannel-logout.*}): a
 * servlet filter ordered just before Spring Security's filter chain, so that the identity
 * provider reaches it without a bearer token or a CSRF token whichever
 * {@code SecurityFilterChain} the application has. Needs Nimbus JOSE + JWT (which
 * {@code spring-security-oauth2-jose} brings) and an {@link IntrospectionCacheEviction}
 * bean; remembers {@code jti}s in the {@link ReplayGuard} bean (the cache
 * configuration's: in this application, or fleet-wide with the shared cache tier).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("introspection.backchannel-logout.enabled")
class BackchannelLogoutConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.nimbusds.jwt.proc.DefaultJWTProcessor")
	static class NimbusBackchannelLogoutConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LogoutTokenValidator introspectionLogoutTokenValidator(IntrospectionProperties properties,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<Clock> clock) {
			BackchannelLogoutSettings settings = IntrospectionPropertiesValidator.validateBackchannelLogout(properties);
			IntrospectionPropertiesValidator.validateValidation(properties.getValidation());
			Set<JWSAlgorithm> algorithms = settings.algorithms()
				.stream()
				.map(JWSAlgorithm::parse)
				.collect(Collectors.toUnmodifiableSet());
			return new LogoutTokenValidator(settings.issuer(), settings.audiences(),
					keys(settings, properties.getClientConfig(), sslBundles.getIfAvailable()), algorithms,
					properties.getValidation().getClockSkew(), settings.maxAge(), CacheConfiguration.clock(clock));
		}

		@Bean
		@ConditionalOnMissingFilterBean(BackchannelLogoutFilter.class)
		FilterRegistrationBean<BackchannelLogoutFilter> introspectionBackchannelLogoutFilter(
				IntrospectionProperties properties, LogoutTokenValidator validator, ReplayGuard replayGuard,
				ObjectProvider<IntrospectionCacheEviction> eviction,
				ObjectProvider<SecurityFilterProperties> securityFilter) {
			String path = IntrospectionPropertiesValidator
				.validateBackchannelLogoutPath(properties.getBackchannelLogout().getPath());
			IntrospectionCacheEviction cacheEviction = eviction.getIfAvailable();
			if (cacheEviction == null) {
				throw new InvalidConfigurationPropertyValueException("introspection.backchannel-logout.enabled", true,
						"needs an IntrospectionCacheEviction bean to evict the cached answers, and there is none: "
								+ "the starter's introspection cache provides it (is introspection.cache.enabled "
								+ "false, or the OpaqueTokenIntrospector your own?), or declare one");
			}
			FilterRegistrationBean<BackchannelLogoutFilter> registration = new FilterRegistrationBean<>(
					new BackchannelLogoutFilter(path, validator, replayGuard, cacheEviction));
			registration.addUrlPatterns(path);
			// Just before Spring Security's filter chain (spring.security.filter.order).
			SecurityFilterProperties security = securityFilter.getIfAvailable();
			registration.setOrder(
					((security != null) ? security.getOrder() : SecurityFilterProperties.DEFAULT_FILTER_ORDER) - 1);
			return registration;
		}

		// Nimbus's caching source: the key set is fetched on first use and kept 5
		// minutes; a token with an unknown kid refetches it, rate-limited to two
		// fetches per 30 seconds. The same timeout and TLS settings as the
		// introspection call.
		private static JWKSource<SecurityContext> keys(BackchannelLogoutSettings settings,
				IntrospectionProperties.ClientConfig config, @Nullable SslBundles sslBundles) {
			int timeout = (int) Math.min(Integer.MAX_VALUE, config.getTimeout().toMillis());
			SSLSocketFactory sockets = null;
			if ("https".equalsIgnoreCase(settings.jwkSetUri().getScheme())) {
				SslBundle bundle = IntrospectionSslBundleFactory.create(config.getTls(), sslBundles);
				sockets = (bundle != null) ? bundle.createSslContext().getSocketFactory() : null;
			}
			DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeout, timeout,
					JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT, true, sockets);
			try {
				URL url = settings.jwkSetUri().toURL();
				return JWKSourceBuilder.<SecurityContext>create(url, retriever).build();
			}
			catch (MalformedURLException ex) {
				throw new InvalidConfigurationPropertyValueException("introspection.backchannel-logout.jwk-set-uri",
						settings.jwkSetUri(), "is not a valid URL");
			}
		}

	}

	/**
	 * Fails start-up when the endpoint is on without Nimbus JOSE + JWT.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("com.nimbusds.jwt.proc.DefaultJWTProcessor")
	static class MissingNimbusConfiguration {

		MissingNimbusConfiguration() {
			throw new InvalidConfigurationPropertyValueException("introspection.backchannel-logout.enabled", true,
					"needs Nimbus JOSE + JWT to verify logout tokens: add org.springframework.security:"
							+ "spring-security-oauth2-jose (which the introspection starter brings) to the class path");
		}

	}

}
