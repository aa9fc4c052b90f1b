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

package io.github.introspection.cache;

import java.util.function.ToDoubleFunction;

import io.github.introspection.cache.IntrospectionCache.SharedStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.util.Assert;

/**
 * Micrometer's cache meters for an {@link IntrospectionCache}'s local tier, tagged
 * {@code cache=introspection}: {@code cache.gets} (with {@code result=hit} or
 * {@code miss}; a hit includes joining a call in flight), {@code cache.size},
 * {@code cache.evictions} and the others {@link CaffeineCacheMetrics} registers. With the
 * shared tier: {@code introspection.cache.shared.lookups} by {@code result} ({@code hit},
 * {@code miss}, {@code error}, {@code refused}: a value that failed authentication), and
 * {@code introspection.cache.shared.available} (1 while Redis takes calls, 0 while its
 * circuit is open). No key or value is ever part of a meter.
 */
public final class IntrospectionCacheMetrics implements MeterBinder {

	/**
	 * The value of the {@code cache} tag.
	 */
	public static final String CACHE_NAME = "introspection";

	private final IntrospectionCache cache;

	private final String name;

	/**
	 * Creates the meters' binder.
	 * @param cache the cache
	 */
	public IntrospectionCacheMetrics(IntrospectionCache cache) {
		this(cache, CACHE_NAME);
	}

	/**
	 * Creates the meters' binder of another cache than the starter's own, such as one
	 * identity provider's of several: its Caffeine meters are tagged {@code cache=name};
	 * the shared tier's meters, which have no {@code cache} tag, are only bound for
	 * {@link #CACHE_NAME}.
	 * @param cache the cache
	 * @param name the value of the {@code cache} tag
	 */
	public IntrospectionCacheMetrics(IntrospectionCache cache, String name) {
		Assert.notNull(cache, "cache cannot be null");
		Assert.hasText(name, "name cannot be empty");
		this.cache = cache;
		this.name = name;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		new CaffeineCacheMetrics<>(this.cache.caffeine().synchronous(), this.name, Tags.empty()).bindTo(registry);
		if (this.cache.sharedStatistics() == null || !CACHE_NAME.equals(this.name)) {
			return;
		}
		lookups(registry, "hit", SharedStatistics::hits);
		lookups(registry, "miss", SharedStatistics::misses);
		lookups(registry, "error", SharedStatistics::errors);
		lookups(registry, "refused", SharedStatistics::refused);
		Gauge
			.builder("introspection.cache.shared.available", this.cache,
					(cache) -> value(cache, (statistics) -> statistics.available() ? 1 : 0))
			.description("Whether the shared cache tier takes calls (1) or its circuit is open (0)")
			.register(registry);
	}

	private void lookups(MeterRegistry registry, String result, ToDoubleFunction<SharedStatistics> count) {
		FunctionCounter.builder("introspection.cache.shared.lookups", this.cache, (cache) -> value(cache, count))
			.description("Lookups and calls of the shared cache tier, by result")
			.tag("result", result)
			.register(registry);
	}

	private static double value(IntrospectionCache cache, ToDoubleFunction<SharedStatistics> count) {
		SharedStatistics statistics = cache.sharedStatistics();
		return (statistics != null) ? count.applyAsDouble(statistics) : 0;
	}

}
