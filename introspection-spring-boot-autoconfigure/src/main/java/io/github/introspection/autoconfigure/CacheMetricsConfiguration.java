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

import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.IntrospectionCacheMetrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The introspection cache's meters ({@code cache.gets}, {@code cache.size}… tagged
 * {@code cache=introspection}), bound by Spring Boot's metrics support when the
 * application has it (Actuator). Only the starter's own cache is measured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
class CacheMetricsConfiguration {

	@Bean
	@ConditionalOnBean(IntrospectionCache.class)
	@ConditionalOnMissingBean(IntrospectionCacheMetrics.class)
	IntrospectionCacheMetrics introspectionCacheMetrics(IntrospectionCache cache) {
		return new IntrospectionCacheMetrics(cache);
	}

}
