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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;

/**
 * Micrometer's cache meters for a {@link CachingOpaqueTokenIntrospector}'s cache, tagged
 * {@code cache=introspection}: {@code cache.gets} (with {@code result=hit} or
 * {@code miss}; a hit includes joining a call in flight), {@code cache.size},
 * {@code cache.evictions} and the others {@link CaffeineCacheMetrics} registers. No key
 * or value is ever part of a meter. Binds nothing for an introspector without such a
 * cache (the cache turned off, or another introspector).
 */
public final class IntrospectionCacheMetrics implements MeterBinder {

	/**
	 * The value of the {@code cache} tag.
	 */
	public static final String CACHE_NAME = "introspection";

	private final OpaqueTokenIntrospector introspector;

	/**
	 * Creates the meters' binder.
	 * @param introspector a {@link CachingOpaqueTokenIntrospector}, or a
	 * {@link io.github.introspection.validation.ValidatingOpaqueTokenIntrospector} in
	 * front of one
	 */
	public IntrospectionCacheMetrics(OpaqueTokenIntrospector introspector) {
		Assert.notNull(introspector, "introspector cannot be null");
		this.introspector = introspector;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CachingOpaqueTokenIntrospector caching = CachingOpaqueTokenIntrospector.behind(this.introspector);
		if (caching != null) {
			new CaffeineCacheMetrics<>(caching.cache().caffeine().synchronous(), CACHE_NAME, Tags.empty())
				.bindTo(registry);
		}
	}

}
