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

package io.github.introspection.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.IntrospectionCache.SharedStatistics;
import io.github.introspection.cache.IntrospectionCacheEviction;
import io.github.introspection.client.IdpStatus;
import io.github.introspection.client.IntrospectionClient;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * The {@code introspection} Actuator endpoint. Spring Boot's endpoint access and exposure
 * rules apply: like its other sensitive endpoints it is not exposed over the web unless
 * {@code management.endpoints.web.exposure.include} names it.
 * <ul>
 * <li>read ({@code GET /actuator/introspection}): the effective configuration without its
 * secrets, the identity provider's state (circuit, calls in flight, last answer and
 * failure) and the cache's statistics;</li>
 * <li>write ({@code POST /actuator/introspection} with a JSON body of exactly one of
 * {@code {"token": "…"}}, {@code {"sub": "…"}}, {@code {"client_id": "…"}} or
 * {@code {"sid": "…"}}): evicts that token's cached answer, or every answer of that
 * subject, client or session, on every replica when the shared tier is on (through
 * {@link IntrospectionCacheEviction}); any other body is a 400;</li>
 * <li>delete ({@code DELETE /actuator/introspection}): evicts every cached answer, on
 * every replica when the shared tier is on.</li>
 * </ul>
 * A token (or a subject, client or session) is evicted by a write, not a delete, because
 * Spring Boot's web endpoints read a delete's parameters from the query string only, and
 * a token has no place in a URL (access logs, proxies, browser history keep it). Never
 * pass the token as a query parameter: send it in the JSON body.
 */
@Endpoint(id = "introspection")
public class IntrospectionEndpoint {

	private final Map<String, Object> configuration;

	private final IntrospectionClient client;

	private final @Nullable IntrospectionCache cache;

	/**
	 * Creates the endpoint.
	 * @param configuration the effective configuration, holding no secret
	 * @param client the introspection client
	 * @param cache the cache in front of it, or {@code null} when caching is off
	 */
	public IntrospectionEndpoint(Map<String, Object> configuration, IntrospectionClient client,
			@Nullable IntrospectionCache cache) {
		Assert.notNull(configuration, "configuration cannot be null");
		Assert.notNull(client, "client cannot be null");
		this.configuration = Map.copyOf(configuration);
		this.client = client;
		this.cache = cache;
	}

	/**
	 * Describes the configuration, the identity provider's state and the cache.
	 * @return the description
	 */
	@ReadOperation
	public IntrospectionDescriptor introspection() {
		return new IntrospectionDescriptor(this.configuration, identityProvider(),
				(this.cache != null) ? cache(this.cache) : null);
	}

	/**
	 * Evicts one token's cached answer, or every answer of a subject, a client or a
	 * session: exactly one of the four is given, in the request body.
	 * @param token the token
	 * @param sub the subject ({@code sub} claim)
	 * @param client_id the client ({@code client_id} claim; the parameter is named as the
	 * JSON field it is read from)
	 * @param sid the session ({@code sid} claim)
	 * @return how many answers this replica held
	 */
	@WriteOperation
	@SuppressWarnings("checkstyle:ParameterName")
	public EvictionDescriptor evict(@Nullable String token, @Nullable String sub, @Nullable String client_id,
			@Nullable String sid) {
		int given = count(token) + count(sub) + count(client_id) + count(sid);
		if (given != 1) {
			throw new InvalidEndpointRequestException(
					"Exactly one of token, sub, client_id or sid must be given, in the request body",
					"Exactly one of token, sub, client_id or sid must be given");
		}
		IntrospectionCacheEviction eviction = this.cache;
		if (eviction == null) {
			return new EvictionDescriptor(0);
		}
		if (token != null) {
			return new EvictionDescriptor(eviction.evictToken(token) ? 1 : 0);
		}
		if (sub != null) {
			return new EvictionDescriptor(eviction.evictSubject(sub));
		}
		if (client_id != null) {
			return new EvictionDescriptor(eviction.evictClient(client_id));
		}
		return new EvictionDescriptor(eviction.evictSession((sid != null) ? sid : ""));
	}

	private static int count(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? 1 : 0;
	}

	/**
	 * Evicts every cached answer.
	 * @return how many answers this replica held
	 */
	@DeleteOperation
	public EvictionDescriptor evictAll() {
		return new EvictionDescriptor((this.cache != null) ? this.cache.clear() : 0);
	}

	private IdentityProviderDescriptor identityProvider() {
		CircuitBreaker circuitBreaker = this.client.getCircuitBreaker();
		Bulkhead bulkhead = this.client.getBulkhead();
		int limit = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
		IdpStatus status = this.client.getStatus();
		return new IdentityProviderDescriptor(this.client.getEndpoint(),
				IntrospectionHealthIndicator.value(circuitBreaker.getState()),
				circuitBreaker.getMetrics().getFailureRate(),
				limit - bulkhead.getMetrics().getAvailableConcurrentCalls(), limit,
				(status.lastAnswer() != null) ? status.lastAnswer().toString() : null,
				(status.lastFailure() != null) ? status.lastFailure().toString() : null, status.lastFailureCause(),
				status.unavailable());
	}

	private static CacheDescriptor cache(IntrospectionCache cache) {
		CacheStats stats = cache.stats();
		return new CacheDescriptor(cache.estimatedSize(), cache.estimatedMemory(), stats.hitCount(), stats.missCount(),
				stats.hitRate(), stats.evictionCount(), cache.sharedStatistics());
	}

	/**
	 * What the endpoint reads.
	 *
	 * @param configuration the effective configuration, without secrets
	 * @param identityProvider the identity provider's state
	 * @param cache the cache's statistics, or {@code null} when caching is off
	 */
	public record IntrospectionDescriptor(Map<String, Object> configuration,
			IdentityProviderDescriptor identityProvider,
			@Nullable CacheDescriptor cache) implements OperationResponseBody {

	}

	/**
	 * The identity provider's state, as the client sees it.
	 *
	 * @param endpoint the introspection endpoint, without its query or user information
	 * @param circuit the circuit breaker's state
	 * @param failureRate the failure rate in the circuit's window, in percent (-1 until
	 * it holds enough calls)
	 * @param callsInFlight the calls holding a bulkhead slot
	 * @param maxConcurrentCalls the bulkhead's limit
	 * @param lastSuccess when the identity provider last answered, or {@code null}
	 * @param lastFailure when a call last failed, or {@code null}
	 * @param lastFailureCause why, or {@code null}
	 * @param unavailable whether an outage is under way
	 */
	public record IdentityProviderDescriptor(String endpoint, String circuit, float failureRate, int callsInFlight,
			int maxConcurrentCalls, @Nullable String lastSuccess, @Nullable String lastFailure,
			@Nullable String lastFailureCause, boolean unavailable) {

	}

	/**
	 * The cache's statistics since start-up.
	 *
	 * @param size the approximate number of cached answers
	 * @param estimatedBytes an upper estimate of the heap they hold
	 * @param hits requests answered from the cache (or by a call in flight)
	 * @param misses requests that called the identity provider
	 * @param hitRate hits per request
	 * @param evictions answers evicted (expired, or for room), not those removed by hand
	 * @param shared the shared tier's state and counts, or {@code null} without one
	 */
	public record CacheDescriptor(long size, long estimatedBytes, long hits, long misses, double hitRate,
			long evictions, @Nullable SharedStatistics shared) {

	}

	/**
	 * The outcome of an eviction.
	 *
	 * @param evicted how many cached answers this replica held and removed (other
	 * replicas drop theirs through the shared tier)
	 */
	public record EvictionDescriptor(long evicted) implements OperationResponseBody {

	}

}
