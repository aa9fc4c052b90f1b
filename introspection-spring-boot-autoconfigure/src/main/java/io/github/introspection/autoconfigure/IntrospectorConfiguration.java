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

import java.time.Clock;

import io.github.introspection.cache.CachingOpaqueTokenAuthenticationConverter;
import io.github.introspection.cache.IntrospectionCache;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.introspection.client.IntrospectionListener;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.RequestContextListener;
import org.springframework.web.filter.RequestContextFilter;

/**
 * The {@link OpaqueTokenIntrospector}: the RFC 7662 client (blocking
 * {@code HttpURLConnection} exchanges with timeouts, TLS and no redirects; retries; a
 * bulkhead; a circuit breaker), wrapped in the cache, wrapped in the claim and
 * certificate binding checks; and the converter that hands back ready authentications.
 */
@Configuration(proxyBeanMethods = false)
class IntrospectorConfiguration {

	@Bean
	@ConditionalOnMissingBean(OpaqueTokenIntrospector.class)
	ValidatingOpaqueTokenIntrospector introspectionOpaqueTokenIntrospector(IntrospectionProperties properties,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<IntrospectionClientBuilderCustomizer> customizers,
			@Qualifier("introspectionCircuitBreaker") CircuitBreaker circuitBreaker,
			@Qualifier("introspectionBulkhead") Bulkhead bulkhead, ObjectProvider<IntrospectionListener> listeners,
			ObjectProvider<IntrospectionCache> cache, ObjectProvider<Clock> clock) {
		IntrospectionListener listener = IntrospectionListener.of(listeners.orderedStream().toList());
		ValidatingOpaqueTokenIntrospector introspector = new IntrospectorFactory(sslBundles.getIfAvailable(),
				observationRegistry, customizers, CacheConfiguration.clock(clock))
			.create(ProviderSettings.of(properties), circuitBreaker, bulkhead, listener, cache.getIfUnique());
		IntrospectionPropertiesValidator.validateClaimSettings(properties);
		return introspector;
	}

	/**
	 * Spring's {@link RequestContextFilter}, ordered before Spring Security's filters,
	 * for applications without Spring MVC's auto-configuration (which registers the same
	 * filter): the certificate binding check reads the client certificate through
	 * {@link RequestContextHolder}.
	 * @return the filter's registration
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "introspection.validation.certificate-bound-tokens", matchIfMissing = true)
	@ConditionalOnMissingBean({ RequestContextListener.class, RequestContextFilter.class })
	@ConditionalOnMissingFilterBean(RequestContextFilter.class)
	FilterRegistrationBean<RequestContextFilter> introspectionRequestContextFilter() {
		FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
				new RequestContextFilter());
		// Where Spring Boot puts its own RequestContextFilter (-105).
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(OpaqueTokenAuthenticationConverter.class)
	CachingOpaqueTokenAuthenticationConverter introspectionAuthenticationConverter(
			ObjectProvider<IntrospectionCache> cache) {
		IntrospectionCache answers = cache.getIfUnique();
		return (answers != null) ? new CachingOpaqueTokenAuthenticationConverter(answers)
				: new CachingOpaqueTokenAuthenticationConverter();
	}

	/**
	 * The bulkhead in front of the identity provider: at most
	 * {@code client-config.max-concurrent-calls} calls in flight.
	 * @param properties the properties
	 * @return the bulkhead
	 */
	@Bean
	@ConditionalOnMissingBean(name = "introspectionBulkhead")
	Bulkhead introspectionBulkhead(IntrospectionProperties properties) {
		return IntrospectorFactory.bulkhead("introspection", ProviderSettings.of(properties));
	}

	/**
	 * The circuit breaker in front of the identity provider, from
	 * {@code client-config.circuit-breaker.*}.
	 * @param properties the properties
	 * @return the circuit breaker
	 */
	@Bean
	@ConditionalOnMissingBean(name = "introspectionCircuitBreaker")
	CircuitBreaker introspectionCircuitBreaker(IntrospectionProperties properties) {
		return IntrospectorFactory.circuitBreaker("introspection", ProviderSettings.of(properties));
	}

}
