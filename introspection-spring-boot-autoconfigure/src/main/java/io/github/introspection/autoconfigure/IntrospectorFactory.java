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

import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Validation;
import io.github.introspection.autoconfigure.IntrospectionPropertiesValidator.Endpoints;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.client.ClaimAuthorityMapping;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionListener;
import io.github.introspection.client.IntrospectionObservationConvention;
import io.github.introspection.client.IntrospectionPrincipalFactory;
import io.github.introspection.client.RestClientResourceRetriever;
import io.github.introspection.client.RetryBudget;
import io.github.introspection.client.SignedIntrospectionResponseVerifier;
import io.github.introspection.client.UrlConnectionIntrospectionRequestFactory;
import io.github.introspection.discovery.AuthorizationServerMetadataReader;
import io.github.introspection.discovery.IssuerMetadata;
import io.github.introspection.validation.CertificateBoundTokenValidator;
import io.github.introspection.validation.IntrospectionClaimsValidator;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.client.RestClient;

/**
 * Builds the introspector of one identity provider: the RFC 7662 client (blocking
 * {@code HttpURLConnection} exchanges with timeouts, TLS and no redirects; retries; a
 * bulkhead; a circuit breaker), wrapped in the cache, wrapped in the claim and
 * certificate binding checks. The default provider and every one of
 * {@code introspection.providers} get theirs from here.
 */
final class IntrospectorFactory {

	// The retry budget's window, and the retries it always allows in one, so that a
	// lone transient failure of a quiet application is still retried.
	private static final Duration RETRY_BUDGET_WINDOW = Duration.ofSeconds(10);

	private static final int MIN_RETRIES_PER_WINDOW = 5;

	private final @Nullable SslBundles sslBundles;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<IntrospectionClientBuilderCustomizer> customizers;

	private final Clock clock;

	IntrospectorFactory(@Nullable SslBundles sslBundles, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<IntrospectionClientBuilderCustomizer> customizers, Clock clock) {
		this.sslBundles = sslBundles;
		this.observationRegistry = observationRegistry;
		this.customizers = customizers;
		this.clock = clock;
	}

	/**
	 * Builds one provider's introspector.
	 * @param settings the provider's settings
	 * @param circuitBreaker its circuit breaker
	 * @param bulkhead its bulkhead
	 * @param listener what hears of its requests and calls
	 * @param cache its cache, or {@code null} for none
	 * @return the introspector
	 */
	ValidatingOpaqueTokenIntrospector create(ProviderSettings settings, CircuitBreaker circuitBreaker,
			Bulkhead bulkhead, IntrospectionListener listener, @Nullable IntrospectionCache cache) {
		RestClient.Builder restClient = RestClient.builder();
		// Calls to the identity provider show up as http.client.requests, with
		// client.name=introspection (the body, and so the token, is never part of an
		// observation).
		this.observationRegistry.ifAvailable(restClient::observationRegistry);
		Validation validation = settings.validation();
		settings.validate(() -> {
			IntrospectionPropertiesValidator.validateValidation(validation);
			return validation;
		});
		Endpoints endpoints = settings.validate(() -> IntrospectionPropertiesValidator
			.validateClientConfig(settings.issuerUri(), settings.clientConfig()));
		settings.validate(() -> {
			IntrospectionPropertiesValidator.validatePrincipalSettings(settings.usernameClaim(),
					settings.authorities());
			return settings;
		});
		IntrospectionClient client = introspectionClient(settings, endpoints, restClient, circuitBreaker, bulkhead,
				listener);
		// the issuer is the default of validation.issuers
		List<String> issuers = (validation.getIssuers().isEmpty() && endpoints.issuer() != null)
				? List.of(endpoints.issuer().toString()) : validation.getIssuers();
		IntrospectionClaimsValidator validator = new IntrospectionClaimsValidator(issuers, validation.getAudiences(),
				validation.getRequiredScopes(), validation.getClockSkew(), this.clock);
		CertificateBoundTokenValidator certificateValidator = validation.isCertificateBoundTokens()
				? new CertificateBoundTokenValidator() : null;
		OpaqueTokenIntrospector cached = (cache != null)
				? CachingOpaqueTokenIntrospector.builder(client).cache(cache).listener(listener).build() : client;
		return new ValidatingOpaqueTokenIntrospector(cached, validator, certificateValidator);
	}

	private IntrospectionClient introspectionClient(ProviderSettings settings, Endpoints endpoints,
			RestClient.Builder restClient, CircuitBreaker circuitBreaker, Bulkhead bulkhead,
			IntrospectionListener listener) {
		ClientConfig config = settings.clientConfig();
		URI endpoint = endpoints.name();
		int maxResponseBytes = (int) config.getMaxResponseSize().toBytes();
		// The request thread reads the answer itself: one thread wake-up per miss, where
		// a non-blocking client needs two.
		SslBundle ssl = settings.validate(() -> IntrospectionSslBundleFactory.create(config.getTls(), this.sslBundles));
		ClientHttpRequestFactory requestFactory = new UrlConnectionIntrospectionRequestFactory(
				(ssl != null) ? SslBundleSocketFactory.of(ssl) : null,
				config.getTls().isInsecureSkipVerify() ? (host, session) -> true : null, config.getTimeout(),
				maxResponseBytes);
		// the issuer's metadata, the token endpoint and the JWK set: same TLS, timeouts
		RestClient documents = RestClient.builder().requestFactory(requestFactory).build();
		IssuerMetadata metadata = (endpoints.issuer() != null)
				? new IssuerMetadata(endpoints.issuer(), new AuthorizationServerMetadataReader(documents),
						List.of(new SupportedAuthMethodsCheck(config.getAuth(), settings.prefix())), System::nanoTime)
				: null;
		ClientAuthenticationFactory authentication = settings
			.validate(() -> new ClientAuthenticationFactory(config.getAuth(), endpoints, metadata, documents,
					this.sslBundles, Clock.systemUTC(), settings.prefix()));
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
							settings.validation().getClockSkew(), Clock.systemUTC())
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
			.principalFactory(principalFactory(settings))
			.listener(listener);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The bulkhead in front of one identity provider: at most
	 * {@code client-config.max-concurrent-calls} calls in flight.
	 * @param name the bulkhead's name
	 * @param settings the provider's settings
	 * @return the bulkhead
	 */
	static Bulkhead bulkhead(String name, ProviderSettings settings) {
		ClientConfig config = settings.clientConfig();
		settings.validate(() -> {
			IntrospectionPropertiesValidator.validateLoadSettings(config);
			return config;
		});
		return Bulkhead.of(name,
				BulkheadConfig.custom()
					.maxConcurrentCalls(config.getMaxConcurrentCalls())
					.maxWaitDuration(config.getAcquireTimeout())
					.fairCallHandlingStrategyEnabled(true)
					.build());
	}

	/**
	 * The circuit breaker in front of one identity provider, from
	 * {@code client-config.circuit-breaker.*}.
	 * @param name the circuit breaker's name
	 * @param settings the provider's settings
	 * @return the circuit breaker
	 */
	static CircuitBreaker circuitBreaker(String name, ProviderSettings settings) {
		IntrospectionProperties.CircuitBreaker properties = settings.clientConfig().getCircuitBreaker();
		settings.validate(() -> {
			IntrospectionPropertiesValidator.validateCircuitBreaker(properties);
			return properties;
		});
		CircuitBreaker circuitBreaker = CircuitBreaker.of(name,
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

	private static IntrospectionPrincipalFactory principalFactory(ProviderSettings settings) {
		List<ClaimAuthorityMapping> mappings = settings.authorities()
			.stream()
			.map((mapping) -> ClaimAuthorityMapping.of(mapping.getClaim(), mapping.getPrefix(), mapping.getSeparator()))
			.toList();
		return new IntrospectionPrincipalFactory(settings.usernameClaim(), mappings);
	}

}
