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
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.introspection.autoconfigure.IntrospectionProperties.Shared;
import io.github.introspection.cache.CacheSecret;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.LocalReplayGuard;
import io.github.introspection.cache.ReplayGuard;
import io.github.introspection.cache.SharedReplayGuard;
import io.github.introspection.cache.SharedStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

/**
 * The {@link IntrospectionCache} bean (local tier, and the shared tier on Redis when
 * {@code introspection.cache.shared.enabled}) and the {@link ReplayGuard}.
 */
@Configuration(proxyBeanMethods = false)
@Import(SharedStoreConfiguration.class)
class CacheConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "introspection.cache.enabled", matchIfMissing = true)
	IntrospectionCache introspectionCache(IntrospectionProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<SharedStore> store) {
		return cache(properties.getCache(), endpointName(properties), clock(clock), store);
	}

	/**
	 * Builds a cache from {@code introspection.cache.*}.
	 * @param cache the settings
	 * @param endpoint what names the identity provider in the keys
	 * @param clock the clock
	 * @param store the shared tier's store
	 * @return the cache
	 */
	static IntrospectionCache cache(IntrospectionProperties.Cache cache, String endpoint, Clock clock,
			ObjectProvider<SharedStore> store) {
		IntrospectionPropertiesValidator.validateCache(cache);
		DataSize maxMemory = cache.getMaxMemory();
		IntrospectionCache.Builder builder = IntrospectionCache.builder()
			.endpoint(endpoint)
			.ttl(cache.getTtl())
			.maxSize(cache.getMaxSize())
			.maxMemory((maxMemory != null) ? maxMemory.toBytes()
					: CachingOpaqueTokenIntrospector.Builder.defaultMaxMemory())
			.inactiveTtl(cache.getInactiveTtl())
			.staleIfError(cache.getStaleIfError())
			.clock(clock);
		Shared shared = cache.getShared();
		if (shared.isEnabled()) {
			IntrospectionPropertiesValidator.validateShared(shared);
			builder.shared(sharedStore(store), CacheSecret.of(shared.getKey()), previousSecret(shared))
				.localTtl(shared.getLocalTtl())
				.coalesceWait(shared.getCoalesceWait())
				.prefix(shared.getPrefix());
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ReplayGuard introspectionReplayGuard(IntrospectionProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<SharedStore> store) {
		Clock time = clock(clock);
		LocalReplayGuard local = new LocalReplayGuard(properties.getCache().getMaxSize(), time, Ticker.systemTicker());
		Shared shared = properties.getCache().getShared();
		if (!shared.isEnabled()) {
			return local;
		}
		IntrospectionPropertiesValidator.validateShared(shared);
		return new SharedReplayGuard(sharedStore(store), CacheSecret.of(shared.getKey()), shared.getPrefix(), time,
				local);
	}

	// what names the identity provider in the cache's keys: the introspection endpoint
	// when configured, else the issuer it is discovered from
	private static String endpointName(IntrospectionProperties properties) {
		return ProviderSettings.of(properties).cacheEndpoint();
	}

	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	private static @Nullable CacheSecret previousSecret(Shared shared) {
		return (shared.getPreviousKey() != null) ? CacheSecret.of(shared.getPreviousKey()) : null;
	}

	// The store comes from SharedStoreConfiguration, on the condition that Spring Data
	// Redis with Lettuce is on the class path (or from the user).
	private static SharedStore sharedStore(ObjectProvider<SharedStore> store) {
		SharedStore found = store.getIfUnique();
		if (found == null) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.shared.enabled", true,
					"needs Spring Data Redis with Lettuce on the class path "
							+ "(org.springframework.boot:spring-boot-starter-data-redis)");
		}
		return found;
	}

	/**
	 * How long the start-up waits for the first connection to Redis.
	 */
	static final Duration CONNECT_WAIT = Duration.ofSeconds(2);

}
