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
import java.util.Locale;
import java.util.Map;

import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.IntrospectionCache.SharedStatistics;
import io.github.introspection.client.IdpProbeResult;
import io.github.introspection.client.IdpStatus;
import io.github.introspection.client.IntrospectionClient;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * The {@code introspection} health contributor: {@code UP} while the identity provider is
 * available, {@link #IDP_UNAVAILABLE} while its circuit is open (or half-open, probing)
 * or the {@link IntrospectionHealthProbe active probe}'s last call failed.
 * <p>
 * {@code IDP_UNAVAILABLE} is a status of its own, not {@code DOWN} or
 * {@code OUT_OF_SERVICE}, because Spring Boot's default status aggregator leaves out a
 * status missing from its order ({@code DOWN, OUT_OF_SERVICE, UP, UNKNOWN}): the
 * application's overall health and its liveness stay {@code UP} (cached tokens still
 * work, public paths too, and load balancers probe {@code /actuator/health}), while the
 * component shows the outage. Add {@code idp-unavailable} to
 * {@code management.endpoint.health.status.order} (and a
 * {@code management.endpoint.health.status.http-mapping}) to make it count anyway, or set
 * {@code introspection.health.readiness} to take the application out of the readiness
 * group only.
 * <p>
 * Details: the endpoint (without its query or user information), the circuit's state,
 * when the identity provider last answered and last failed and why, the calls in flight
 * and their limit, the number of cached answers, the shared tier's state and counts
 * (never a reason to change the status: the local tier and the identity provider answer
 * without it), and the probe's last result. Never a token, a secret or a claim.
 */
public final class IntrospectionHealthIndicator implements HealthIndicator {

	/**
	 * The status while the identity provider is unavailable.
	 */
	public static final Status IDP_UNAVAILABLE = new Status("IDP_UNAVAILABLE",
			"The identity provider is unavailable: tokens not in the cache get 503");

	private final IntrospectionClient client;

	private final @Nullable IntrospectionCache cache;

	private final @Nullable IntrospectionHealthProbe probe;

	/**
	 * Creates the health contributor.
	 * @param client the introspection client
	 * @param cache the cache in front of it, or {@code null}
	 * @param probe the active probe, or {@code null}
	 */
	public IntrospectionHealthIndicator(IntrospectionClient client, @Nullable IntrospectionCache cache,
			@Nullable IntrospectionHealthProbe probe) {
		Assert.notNull(client, "client cannot be null");
		this.client = client;
		this.cache = cache;
		this.probe = probe;
	}

	@Override
	public Health health() {
		CircuitBreaker.State state = this.client.getCircuitBreaker().getState();
		IdpProbeResult probed = (this.probe != null) ? this.probe.getLastResult() : null;
		boolean unavailable = isOpen(state) || (probed != null && probed.isFailed());
		Health.Builder health = Health.status(unavailable ? IDP_UNAVAILABLE : Status.UP)
			.withDetail("endpoint", this.client.getEndpoint())
			.withDetail("circuit", value(state));
		IdpStatus status = this.client.getStatus();
		if (status.lastAnswer() != null) {
			health.withDetail("lastSuccess", status.lastAnswer().toString());
		}
		if (status.lastFailure() != null) {
			health.withDetail("lastFailure", status.lastFailure().toString());
		}
		if (status.lastFailureCause() != null) {
			health.withDetail("lastFailureCause", status.lastFailureCause());
		}
		Bulkhead bulkhead = this.client.getBulkhead();
		int limit = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
		health.withDetail("callsInFlight", limit - bulkhead.getMetrics().getAvailableConcurrentCalls())
			.withDetail("maxConcurrentCalls", limit);
		if (this.cache != null) {
			health.withDetail("cacheSize", this.cache.estimatedSize());
			SharedStatistics shared = this.cache.sharedStatistics();
			if (shared != null) {
				health.withDetail("sharedCache", describe(shared));
			}
		}
		if (probed != null) {
			health.withDetail("probe", describe(probed));
		}
		return health.build();
	}

	private static boolean isOpen(CircuitBreaker.State state) {
		return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN
				|| state == CircuitBreaker.State.FORCED_OPEN;
	}

	// The shared tier's state: "unavailable" while its circuit is open. It never changes
	// the status: without Redis, the local tier and the identity provider answer.
	private static Map<String, Object> describe(SharedStatistics shared) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", shared.available() ? "available" : "unavailable");
		details.put("hits", shared.hits());
		details.put("misses", shared.misses());
		details.put("errors", shared.errors());
		details.put("refused", shared.refused());
		return details;
	}

	private static Map<String, Object> describe(IdpProbeResult probed) {
		Map<String, Object> probe = new LinkedHashMap<>();
		probe.put("result", IntrospectionHealthProbe.kindValue(probed.kind()));
		probe.put("time", probed.time().toString());
		if (probed.status() != 0) {
			probe.put("httpStatus", probed.status());
		}
		if (probed.cause() != null) {
			probe.put("cause", probed.cause());
		}
		return probe;
	}

	static String value(CircuitBreaker.State state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
