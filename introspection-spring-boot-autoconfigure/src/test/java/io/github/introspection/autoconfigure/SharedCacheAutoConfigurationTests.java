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

import java.time.Instant;

import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.IntrospectionCacheEviction;
import io.github.introspection.cache.LocalReplayGuard;
import io.github.introspection.cache.RedisServerExtension;
import io.github.introspection.cache.ReplayGuard;
import io.github.introspection.cache.SharedReplayGuard;
import io.github.introspection.cache.SharedStore;
import io.github.introspection.cache.redis.RedisSharedStore;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-configuration of the cache bean and of its shared tier on Redis (a real server).
 */
@ExtendWith(RedisServerExtension.class)
class SharedCacheAutoConfigurationTests {

	private static final String KEY = "k7Hq2ZpX9vLr4NwC8sTy1BmF6gJd3QeU5aKo0iVx";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues("introspection.client-config.url=https://idp.example.com/introspect",
				"introspection.client-config.auth.client-id=app",
				"introspection.client-config.auth.client-secret=top-secret-value");

	private final WebApplicationContextRunner shared = this.runner
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withPropertyValues("introspection.cache.shared.enabled=true", "introspection.cache.shared.key=" + KEY,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + RedisServerExtension.port());

	@Test
	void byDefaultTheCacheIsLocalAndItsBeanIsTheIntrospectorsCache() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(IntrospectionCache.class);
			assertThat(context).doesNotHaveBean(SharedStore.class);
			IntrospectionCache cache = context.getBean(IntrospectionCache.class);
			assertThat(cache.sharedStatistics()).isNull();
			assertThat(context.getBean(IntrospectionCacheEviction.class)).isSameAs(cache);
			assertThat(cachingIntrospector(context).getCache()).isSameAs(cache);
			assertThat(context.getBean(ReplayGuard.class)).isInstanceOf(LocalReplayGuard.class);
		});
	}

	@Test
	void aCacheOfTheUsersOwnIsTheOneTheIntrospectorFills() {
		IntrospectionCache mine = IntrospectionCache.builder().build();
		this.runner.withBean(IntrospectionCache.class, () -> mine).run((context) -> {
			assertThat(context).hasSingleBean(IntrospectionCache.class);
			assertThat(cachingIntrospector(context).getCache()).isSameAs(mine);
		});
	}

	@Test
	void withTheSharedTierTheCacheAndTheReplayGuardUseRedis() {
		this.shared.run((first) -> this.shared.run((second) -> {
			assertThat(first).hasNotFailed();
			assertThat(first).hasSingleBean(RedisSharedStore.class);
			assertThat(first.getBean(IntrospectionCache.class).sharedStatistics()).isNotNull();
			ReplayGuard one = first.getBean(ReplayGuard.class);
			ReplayGuard other = second.getBean(ReplayGuard.class);
			assertThat(one).isInstanceOf(SharedReplayGuard.class);
			String id = "jti-" + System.nanoTime();
			Instant expiresAt = Instant.now().plusSeconds(60);
			assertThat(one.firstUse(id, expiresAt)).isTrue();
			assertThat(other.firstUse(id, expiresAt)).isFalse();
			assertThat(one.firstUse(id, expiresAt)).isFalse();
		}));
	}

	@Test
	void startupFailsWhenTheSharedTierHasNoKey() {
		this.shared.withPropertyValues("introspection.cache.shared.key=")
			.run((context) -> assertInvalid(context, "introspection.cache.shared.key", "must be set"));
	}

	@Test
	void startupFailsWhenTheKeyIsWeakWithoutShowingIt() {
		this.shared.withPropertyValues("introspection.cache.shared.key=passwordpasswordpasswordpassword")
			.run((context) -> {
				assertInvalid(context, "introspection.cache.shared.key", "too weak");
				assertThat(context.getStartupFailure().getMessage()).doesNotContain("passwordpassword");
			});
		this.shared.withPropertyValues("introspection.cache.shared.key=Short-but-random-9x!Q")
			.run((context) -> assertInvalid(context, "introspection.cache.shared.key", "too weak"));
		this.shared.withPropertyValues("introspection.cache.shared.previous-key=abababababababababababababababab")
			.run((context) -> assertInvalid(context, "introspection.cache.shared.previous-key", "too weak"));
	}

	@Test
	void startupFailsWhenSpringDataRedisIsMissing() {
		this.shared.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertInvalid(context, "introspection.cache.shared.enabled", "Spring Data Redis"));
	}

	@Test
	void startupFailsWithoutARedisConnectionFactory() {
		this.runner
			.withPropertyValues("introspection.cache.shared.enabled=true", "introspection.cache.shared.key=" + KEY)
			.run((context) -> assertInvalid(context, "introspection.cache.shared.enabled", "connection factory"));
	}

	@Test
	void startupFailsOnABadSharedSetting() {
		this.shared.withPropertyValues("introspection.cache.shared.timeout=0s")
			.run((context) -> assertInvalid(context, "introspection.cache.shared.timeout", "positive"));
		this.shared.withPropertyValues("introspection.cache.shared.coalesce-wait=-1s")
			.run((context) -> assertInvalid(context, "introspection.cache.shared.coalesce-wait", "positive"));
	}

	private static CachingOpaqueTokenIntrospector cachingIntrospector(AssertableWebApplicationContext context) {
		return (CachingOpaqueTokenIntrospector) context.getBean(ValidatingOpaqueTokenIntrospector.class).getDelegate();
	}

	private static void assertInvalid(AssertableWebApplicationContext context, String key, String reason) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.satisfies((ex) -> {
				InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) ex;
				assertThat(invalid.getName()).isEqualTo(key);
				assertThat(invalid.getMessage()).contains(reason).doesNotContain(KEY);
			});
	}

}
