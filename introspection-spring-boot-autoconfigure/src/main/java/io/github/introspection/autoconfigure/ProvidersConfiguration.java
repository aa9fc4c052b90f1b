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
import java.util.ArrayList;
import java.util.List;

import io.github.introspection.actuate.IntrospectionMetrics;
import io.github.introspection.cache.CachingOpaqueTokenAuthenticationConverter;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.SharedStore;
import io.github.introspection.client.IntrospectionListener;
import io.github.introspection.provider.IntrospectionProvider;
import io.github.introspection.provider.IntrospectionProviders;
import io.github.introspection.provider.ProviderAuthenticationManagerResolver;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;

/**
 * Several identity providers ({@code introspection.providers.<name>}): one introspector
 * stack per provider, built like the default one (each with its own circuit breaker,
 * bulkhead, cache and meters), and the {@link AuthenticationManagerResolver} that
 * {@code IntrospectionConfigurer} gives the resource server to choose one per request.
 * Only when providers are configured: without them nothing changes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnProvidersCondition.class)
class ProvidersConfiguration {

	private static final boolean MICROMETER = ClassUtils.isPresent("io.micrometer.core.instrument.binder.MeterBinder",
			ProvidersConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	IntrospectionProviders introspectionProviders(IntrospectionProperties properties, Environment environment,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<IntrospectionClientBuilderCustomizer> customizers,
			ObjectProvider<IntrospectionListener> listeners, ObjectProvider<SharedStore> store,
			ObjectProvider<Clock> clock, ObjectProvider<PathPatternRequestMatcher.Builder> matchers) {
		List<ProvidersValidator.Selection> selections = ProvidersValidator.validate(properties.getProviders(),
				environment);
		Clock time = CacheConfiguration.clock(clock);
		IntrospectorFactory factory = new IntrospectorFactory(sslBundles.getIfAvailable(), observationRegistry,
				customizers, time);
		PathPatternRequestMatcher.Builder matcher = matchers.getIfUnique(PathPatternRequestMatcher::withDefaults);
		List<IntrospectionProviders.Stack> stacks = new ArrayList<>();
		for (ProvidersValidator.Selection selection : selections) {
			String name = selection.name();
			ProviderSettings settings = ProviderSettings.of(name, properties.getProviders().get(name));
			CircuitBreaker circuitBreaker = IntrospectorFactory.circuitBreaker("introspection-" + name, settings);
			Bulkhead bulkhead = IntrospectorFactory.bulkhead("introspection-" + name, settings);
			IntrospectionListener metrics = MICROMETER ? Meters.create(circuitBreaker, bulkhead, name) : null;
			List<IntrospectionListener> all = new ArrayList<>();
			if (metrics != null) {
				all.add(metrics);
			}
			// the default provider's meters are not this provider's
			listeners.orderedStream().filter((listener) -> !MICROMETER || !Meters.is(listener)).forEach(all::add);
			IntrospectionCache cache = properties.getCache().isEnabled()
					? CacheConfiguration.cache(properties.getCache(), settings.cacheEndpoint(), time, store) : null;
			OpaqueTokenIntrospector introspector = factory.create(settings, circuitBreaker, bulkhead,
					IntrospectionListener.of(all), cache);
			CachingOpaqueTokenAuthenticationConverter converter = (cache != null)
					? new CachingOpaqueTokenAuthenticationConverter(cache)
					: new CachingOpaqueTokenAuthenticationConverter();
			RequestMatcher paths = selection.paths().isEmpty() ? null : new OrRequestMatcher(
					selection.paths().stream().map(matcher::matcher).map(RequestMatcher.class::cast).toList());
			IntrospectionProvider provider = new IntrospectionProvider(name, manager(introspector, converter), paths,
					selection.headerName(), selection.headerValue(), selection.issuers());
			stacks.add(new IntrospectionProviders.Stack(name, introspector, cache, metrics, provider));
		}
		return new IntrospectionProviders(stacks);
	}

	@Bean
	@ConditionalOnMissingBean(AuthenticationManagerResolver.class)
	ProviderAuthenticationManagerResolver introspectionAuthenticationManagerResolver(IntrospectionProviders providers,
			OpaqueTokenIntrospector introspector, OpaqueTokenAuthenticationConverter converter,
			BearerTokenResolver tokenResolver) {
		return new ProviderAuthenticationManagerResolver(
				IntrospectionProvider.of(ProviderSettings.DEFAULT, manager(introspector, converter)),
				providers.getStacks().stream().map(IntrospectionProviders.Stack::provider).toList(), tokenResolver);
	}

	private static AuthenticationManager manager(OpaqueTokenIntrospector introspector,
			OpaqueTokenAuthenticationConverter converter) {
		OpaqueTokenAuthenticationProvider provider = new OpaqueTokenAuthenticationProvider(introspector);
		provider.setAuthenticationConverter(converter);
		return new ProviderManager(provider);
	}

	/**
	 * The meters of one provider; a class of its own, loaded only with Micrometer.
	 */
	private static final class Meters {

		static IntrospectionListener create(CircuitBreaker circuitBreaker, Bulkhead bulkhead, String name) {
			return new IntrospectionMetrics(circuitBreaker, bulkhead, name);
		}

		static boolean is(@Nullable IntrospectionListener listener) {
			return listener instanceof IntrospectionMetrics;
		}

	}

}
