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

import java.util.ArrayList;
import java.util.List;

import io.github.introspection.actuate.IntrospectionMetrics;
import io.github.introspection.provider.IntrospectionProviders;
import io.github.introspection.actuate.IntrospectionProviderMetrics;
import io.github.introspection.cache.IntrospectionCacheMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The introspection meters ({@code introspection.requests},
 * {@code introspection.idp.calls}, circuit and bulkhead meters), bound by Spring Boot's
 * metrics support. The bean is also the {@code IntrospectionListener} that the cache and
 * the client report to; without Micrometer there is no listener and the request path pays
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
class IntrospectionMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IntrospectionMetrics introspectionMetrics(@Qualifier("introspectionCircuitBreaker") CircuitBreaker circuitBreaker,
			@Qualifier("introspectionBulkhead") Bulkhead bulkhead, IntrospectionProperties properties) {
		// with several providers, every meter says which one
		return new IntrospectionMetrics(circuitBreaker, bulkhead,
				properties.getProviders().isEmpty() ? null : ProviderSettings.DEFAULT);
	}

	/**
	 * The meters of {@code introspection.providers}, tagged with each one's name, and
	 * those of their caches.
	 * @param providers the providers
	 * @return the binder
	 */
	@Bean
	@ConditionalOnBean(IntrospectionProviders.class)
	@ConditionalOnMissingBean(name = "introspectionProviderMetrics")
	IntrospectionProviderMetrics introspectionProviderMetrics(IntrospectionProviders providers) {
		List<MeterBinder> binders = new ArrayList<>();
		for (IntrospectionProviders.Stack stack : providers.getStacks()) {
			if (stack.metrics() instanceof IntrospectionMetrics metrics) {
				binders.add(metrics);
			}
			if (stack.cache() != null) {
				// a cache tag of its own: cache=introspection-<name>
				binders.add(new IntrospectionCacheMetrics(stack.cache(),
						IntrospectionCacheMetrics.CACHE_NAME + "-" + stack.name()));
			}
		}
		return new IntrospectionProviderMetrics(binders);
	}

}
