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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.introspection.cache.redis.RedisSharedStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Replicas of an application on one real Redis ({@link RedisServerExtension}), each with
 * its own connection, store and cache, in front of one counting identity provider.
 */
final class Fleet implements AutoCloseable {

	static final String SECRET = "k7Hq2ZpX9vLr4NwC8sTy1BmF6gJd3QeU5aKo0iVx";

	static final String OTHER_SECRET = "Pz3Lm8Qw1Xc6Vb9Nn4Rt7Yu2Io5Ea0Sd3Fg6Hj9K";

	final Idp idp = new Idp();

	private final List<AutoCloseable> resources = new ArrayList<>();

	Replica replica(String secret, @Nullable String previous, Duration inactiveTtl) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", RedisServerExtension.port()));
		factory.afterPropertiesSet();
		factory.start();
		CircuitBreaker breaker = CircuitBreaker.of("redis",
				CircuitBreakerConfig.custom()
					.slidingWindow(4, 2, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.waitDurationInOpenState(Duration.ofMillis(200))
					.permittedNumberOfCallsInHalfOpenState(1)
					.build());
		RedisSharedStore store = new RedisSharedStore(factory, Duration.ofMillis(500), breaker, Duration.ofSeconds(5));
		IntrospectionCache cache = IntrospectionCache.builder()
			.endpoint("https://idp.example/introspect")
			.inactiveTtl(inactiveTtl)
			.shared(store, CacheSecret.of(secret), (previous != null) ? CacheSecret.of(previous) : null)
			.localTtl(Duration.ofSeconds(30))
			.coalesceWait(Duration.ofSeconds(3))
			.prefix("fleet")
			.build();
		this.resources.add(store::destroy);
		this.resources.add(factory::destroy);
		return new Replica(cache, store, CachingOpaqueTokenIntrospector.builder(this.idp).cache(cache).build());
	}

	Replica replica() {
		return replica(SECRET, null, Duration.ZERO);
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	record Replica(IntrospectionCache cache, RedisSharedStore store, CachingOpaqueTokenIntrospector introspector) {

		OAuth2AuthenticatedPrincipal introspect(String token) {
			return this.introspector.introspect(token);
		}

		boolean holdsLocally(String token) {
			return this.cache.keys().contains(this.cache.key(token));
		}

	}

	/**
	 * An identity provider that counts its calls: tokens starting with {@code bad} are
	 * inactive; the others active, of subject {@code user-<token>}, client
	 * {@code client-<token>}, session {@code sid-<token>} unless set otherwise.
	 */
	static final class Idp implements OpaqueTokenIntrospector {

		private final AtomicInteger calls = new AtomicInteger();

		volatile Map<String, Object> extraClaims = Map.of();

		volatile @Nullable Instant exp;

		volatile long delayMillis;

		@Override
		public OAuth2AuthenticatedPrincipal introspect(String token) {
			this.calls.incrementAndGet();
			if (this.delayMillis > 0) {
				try {
					Thread.sleep(this.delayMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (token.startsWith("bad")) {
				throw new BadOpaqueTokenException("Provided token isn't active");
			}
			Map<String, Object> claims = new LinkedHashMap<>();
			claims.put("active", true);
			claims.put("sub", "user-" + token);
			claims.put("client_id", "client-" + token);
			claims.put("sid", "sid-" + token);
			claims.put("scope", List.of("read", "write"));
			claims.put("iat", Instant.ofEpochSecond(1_700_000_000L));
			Instant exp = this.exp;
			if (exp != null) {
				claims.put("exp", exp);
			}
			claims.putAll(this.extraClaims);
			return new OAuth2IntrospectionAuthenticatedPrincipal("user-" + token, claims,
					List.of(new SimpleGrantedAuthority("SCOPE_read"), new SimpleGrantedAuthority("SCOPE_write")));
		}

		int calls() {
			return this.calls.get();
		}

	}

}
