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

import java.time.Duration;

import io.github.introspection.autoconfigure.IntrospectionProperties.Shared;
import io.github.introspection.cache.redis.RedisSharedStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The shared tier's store on Redis, with Spring Data Redis and Lettuce on the class path,
 * connected by the application's {@link RedisConnectionFactory}
 * ({@code spring.data.redis.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory")
@ConditionalOnBooleanProperty("introspection.cache.shared.enabled")
class SharedStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(io.github.introspection.cache.SharedStore.class)
	RedisSharedStore introspectionSharedStore(IntrospectionProperties properties,
			ObjectProvider<RedisConnectionFactory> connectionFactory,
			@Qualifier("introspectionRedisCircuitBreaker") CircuitBreaker circuitBreaker) {
		Shared shared = properties.getCache().getShared();
		IntrospectionPropertiesValidator.validateShared(shared);
		RedisConnectionFactory factory = connectionFactory.getIfUnique();
		if (factory == null) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.shared.enabled", true,
					"needs a Redis connection factory: Spring Boot's (spring.data.redis.*, "
							+ "from spring-boot-starter-data-redis) or a RedisConnectionFactory bean of one's own");
		}
		if (!(factory instanceof LettuceConnectionFactory lettuce)) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.shared.enabled", true,
					"needs a Lettuce connection factory (spring.data.redis.client-type=lettuce), not "
							+ factory.getClass().getSimpleName());
		}
		return new RedisSharedStore(lettuce, shared.getTimeout(), circuitBreaker, CacheConfiguration.CONNECT_WAIT);
	}

	/**
	 * The circuit breaker in front of Redis: open after half of the last 20 calls (10 at
	 * least) failed or timed out, for 5 s, then 3 trial calls.
	 * @return the circuit breaker
	 */
	@Bean
	@ConditionalOnMissingBean(name = "introspectionRedisCircuitBreaker")
	CircuitBreaker introspectionRedisCircuitBreaker() {
		return CircuitBreaker.of("introspection-redis",
				CircuitBreakerConfig.custom()
					.slidingWindow(20, 10, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(5))
					.permittedNumberOfCallsInHalfOpenState(3)
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.build());
	}

}
