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
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.introspection.autoconfigure.IntrospectionPropertiesValidator.Endpoints;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Validation;
import io.github.introspection.cache.CachingOpaqueTokenAuthenticationConverter;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.client.ClaimAuthorityMapping;
import io.github.introspection.client.RestClientResourceRetriever;
import io.github.introspection.client.RetryBudget;
import io.github.introspection.client.SignedIntrospectionResponseVerifier;
import io.github.introspection.discovery.AuthorizationServerMetadataReader;
import io.github.introspection.discovery.IssuerMetadata;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionListener;
import io.github.introspection.client.IntrospectionObservationConvention;
import io.github.introspection.client.IntrospectionPrincipalFactory;
import io.github.introspection.client.UrlConnectionIntrospectionRequestFactory;
import io.github.introspection.validation.CertificateBoundTokenValidator;
import io.github.introspection.validation.IntrospectionClaimsValidator;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.RequestContextListener;
import org.springframework.web.filter.RequestContextFilter;

/**
 * The {@link OpaqueTokenIntrospector}: the RFC 7662 client (Boot's JDK HTTP client with
 * timeouts, TLS and no redirects; retries; a circuit breaker), wrapped in the cache,
 * wrapped in the claim and certificate binding checks; and the converter that hands back
 * ready authentications.
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
		RestClient.Builder restClient = RestClient.builder();
		// Calls to the identity provider show up as http.client.requests, with
		// client.name=introspection (the body, and so the token, is never part of an
		// observation).
		observationRegistry.ifAvailable(restClient::observationRegistry);
		IntrospectionListener listener = IntrospectionListener.of(listeners.orderedStream().toList());
		Validation validation = properties.getValidation();
		IntrospectionPropertiesValidator.validateValidation(validation);
		Endpoints endpoints = IntrospectionPropertiesValidator.validateClientConfig(properties);
		IntrospectionClient client = introspectionClient(properties, endpoints, restClient, sslBundles.getIfAvailable(),
				customizers, circuitBreaker, bulkhead, listener);
		// the issuer is the default of validation.issuers
		List<String> issuers = (validation.getIssuers().isEmpty() && endpoints.issuer() != null)
				? List.of(endpoints.issuer().toString()) : validation.getIssuers();
		IntrospectionClaimsValidator validator = new IntrospectionClaimsValidator(issuers, validation.getAudiences(),
				validation.getRequiredScopes(), validation.getClockSkew(), CacheConfiguration.clock(clock));
		CertificateBoundTokenValidator certificateValidator = validation.isCertificateBoundTokens()
				? new CertificateBoundTokenValidator() : null;
		IntrospectionCache answers = cache.getIfUnique();
		OpaqueTokenIntrospector cached = (answers != null)
				? CachingOpaqueTokenIntrospector.builder(client).cache(answers).listener(listener).build() : client;
		return new ValidatingOpaqueTokenIntrospector(cached, validator, certificateValidator);
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

	// The retry budget's window, and the retries it always allows in one, so that a
	// lone transient failure of a quiet application is still retried.
	private static final Duration RETRY_BUDGET_WINDOW = Duration.ofSeconds(10);

	private static final int MIN_RETRIES_PER_WINDOW = 5;

	private static IntrospectionClient introspectionClient(IntrospectionProperties properties, Endpoints endpoints,
			RestClient.Builder restClient, @Nullable SslBundles sslBundles,
			ObjectProvider<IntrospectionClientBuilderCustomizer> customizers, CircuitBreaker circuitBreaker,
			Bulkhead bulkhead, IntrospectionListener listener) {
		ClientConfig config = properties.getClientConfig();
		URI endpoint = endpoints.name();
		IntrospectionPropertiesValidator.validateClaimSettings(properties);
		int maxResponseBytes = (int) config.getMaxResponseSize().toBytes();
		// The request thread reads the answer itself: one thread wake-up per miss, where
		// a non-blocking client needs two.
		SslBundle ssl = IntrospectionSslBundleFactory.create(config.getTls(), sslBundles);
		ClientHttpRequestFactory requestFactory = new UrlConnectionIntrospectionRequestFactory(
				(ssl != null) ? ssl.createSslContext().getSocketFactory() : null,
				config.getTls().isInsecureSkipVerify() ? (host, session) -> true : null, config.getTimeout(),
				maxResponseBytes);
		// the issuer's metadata, the token endpoint and the JWK set: same TLS, timeouts
		RestClient documents = RestClient.builder().requestFactory(requestFactory).build();
		IssuerMetadata metadata = (endpoints.issuer() != null)
				? new IssuerMetadata(endpoints.issuer(), new AuthorizationServerMetadataReader(documents),
						List.of(new SupportedAuthMethodsCheck(config.getAuth())), System::nanoTime)
				: null;
		ClientAuthenticationFactory authentication = new ClientAuthenticationFactory(config.getAuth(), endpoints,
				metadata, documents, sslBundles, Clock.systemUTC());
		IntrospectionClient.Builder builder = IntrospectionClient
			.builder(restClient.requestFactory(requestFactory)
				.observationConvention(new IntrospectionObservationConvention(endpoint))
				.build(), endpoint)
			.endpointSource(authentication.introspectionEndpoint())
			.clientAuthentication(authentication.introspection())
			.signedResponses((config.getResponseFormat() == IntrospectionProperties.ResponseFormat.JWT)
					? new SignedIntrospectionResponseVerifier(endpoints.issuer().toString(),
							config.getAuth().getClientId(), authentication.jwkSetUri(),
							new RestClientResourceRetriever(documents, maxResponseBytes),
							properties.getValidation().getClockSkew(), Clock.systemUTC())
					: null)
			.headers(config.getHeaders())
			.tokenTypeHint(config.getTokenTypeHint())
			.maxRetries(config.getMaxRetries())
			.attemptTimeout(config.getTimeout())
			.deadline((config.getDeadline() != null) ? config.getDeadline()
					: IntrospectionClient.defaultDeadline(config.getTimeout()))
			.retryBudget(new RetryBudget(config.getRetryBudget(), MIN_RETRIES_PER_WINDOW, RETRY_BUDGET_WINDOW,
					System::nanoTime))
			.bulkhead(bulkhead)
			.maxWaitingCalls(config.getMaxWaitingCalls())
			.circuitBreaker(circuitBreaker)
			.maxResponseBytes(maxResponseBytes)
			.principalFactory(principalFactory(properties))
			.listener(listener);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
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
		ClientConfig config = properties.getClientConfig();
		IntrospectionPropertiesValidator.validateLoadSettings(config);
		return Bulkhead.of("introspection",
				BulkheadConfig.custom()
					.maxConcurrentCalls(config.getMaxConcurrentCalls())
					.maxWaitDuration(config.getAcquireTimeout())
					.fairCallHandlingStrategyEnabled(true)
					.build());
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
		IntrospectionPropertiesValidator.validateCircuitBreaker(properties.getClientConfig().getCircuitBreaker());
		return circuitBreaker(properties.getClientConfig().getCircuitBreaker());
	}

	private static CircuitBreaker circuitBreaker(IntrospectionProperties.CircuitBreaker properties) {
		CircuitBreaker circuitBreaker = CircuitBreaker.of("introspection",
				CircuitBreakerConfig.custom()
					.slidingWindow((int) properties.getWindow().getSeconds(), properties.getMinimumCalls(),
							CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
					.failureRateThreshold(properties.getFailureRate())
					.waitDurationInOpenState(properties.getOpenDuration())
					.permittedNumberOfCallsInHalfOpenState(properties.getHalfOpenProbes())
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.build());
		if (!properties.isEnabled()) {
			circuitBreaker.transitionToDisabledState();
		}
		return circuitBreaker;
	}

	private static IntrospectionPrincipalFactory principalFactory(IntrospectionProperties properties) {
		List<ClaimAuthorityMapping> mappings = properties.getAuthorities()
			.stream()
			.map((mapping) -> ClaimAuthorityMapping.of(mapping.getClaim(), mapping.getPrefix(), mapping.getSeparator()))
			.toList();
		return new IntrospectionPrincipalFactory(properties.getUsernameClaim(), mappings);
	}

}
