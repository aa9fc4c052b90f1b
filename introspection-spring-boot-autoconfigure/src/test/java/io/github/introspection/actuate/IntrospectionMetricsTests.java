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

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionUnavailableException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static io.github.introspection.actuate.TestClients.ACTIVE;
import static io.github.introspection.actuate.TestClients.INACTIVE;
import static io.github.introspection.actuate.TestClients.json;
import static io.github.introspection.actuate.TestClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IntrospectionMetrics}: each request counted once, by where its answer came from
 * and what it was; each call to the identity provider timed; tag values from closed sets
 * only.
 */
class IntrospectionMetricsTests {

	private static final Map<String, Set<String>> CLOSED_SETS = Map.of("source",
			Set.of("cache", "idp", "coalesced", "shared"), "outcome",
			Set.of("active", "inactive", "unavailable", "rejected"), "status",
			Set.of("none", "1xx", "2xx", "3xx", "4xx", "5xx", "other"), "state",
			Set.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only"), "from",
			Set.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only"), "to",
			Set.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CircuitBreaker circuitBreaker = TestClients.circuitBreaker();

	private final Bulkhead bulkhead = Bulkhead.of("introspection",
			BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build());

	private final IntrospectionMetrics metrics = new IntrospectionMetrics(this.circuitBreaker, this.bulkhead);

	private MockWebServer idp;

	private IntrospectionClient client;

	private CachingOpaqueTokenIntrospector cache;

	@BeforeEach
	void start() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
		this.metrics.bindTo(this.registry);
		this.client = TestClients.builder(this.idp)
			.circuitBreaker(this.circuitBreaker)
			.bulkhead(this.bulkhead)
			.listener(this.metrics)
			.build();
		this.cache = CachingOpaqueTokenIntrospector.builder(this.client).listener(this.metrics).build();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void eachRequestIsCountedOnceBySourceAndOutcome() {
		this.idp.enqueue(json(ACTIVE));
		this.cache.introspect("token-a");
		this.cache.introspect("token-a");
		this.cache.introspect("token-a");
		this.idp.enqueue(json(INACTIVE));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> this.cache.introspect("token-b"));
		this.idp.enqueue(status(503));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> this.cache.introspect("token-c"));
		assertThat(requests("idp", "active")).isEqualTo(1);
		assertThat(requests("cache", "active")).isEqualTo(2);
		assertThat(requests("idp", "inactive")).isEqualTo(1);
		assertThat(requests("idp", "unavailable")).isEqualTo(1);
		assertThat(totalRequests()).isEqualTo(5);
		assertThat(calls("active", "2xx")).isEqualTo(1);
		assertThat(calls("inactive", "2xx")).isEqualTo(1);
		assertThat(calls("unavailable", "5xx")).isEqualTo(1);
		assertTagsFromClosedSets("token-a", "token-b", "token-c");
	}

	@Test
	void aCachedInactiveAnswerIsCountedAsACacheHit() {
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(this.client)
			.inactiveTtl(Duration.ofMinutes(1))
			.listener(this.metrics)
			.build();
		this.idp.enqueue(json(INACTIVE));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect("token-d"));
		}
		assertThat(requests("idp", "inactive")).isEqualTo(1);
		assertThat(requests("cache", "inactive")).isEqualTo(2);
		assertThat(totalRequests()).isEqualTo(3);
	}

	@Test
	void aRequestThatWaitsForAnotherOnesCallIsCountedAsCoalesced() throws Exception {
		CountDownLatch calling = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		OpaqueTokenIntrospector slow = (token) -> {
			calling.countDown();
			await(release);
			return this.client.introspect(token);
		};
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(slow)
			.listener(this.metrics)
			.build();
		this.idp.enqueue(json(ACTIVE));
		CompletableFuture<OAuth2AuthenticatedPrincipal> first = CompletableFuture
			.supplyAsync(() -> cache.introspect("token-e"));
		assertThat(calling.await(10, TimeUnit.SECONDS)).isTrue();
		Thread waiter = new Thread(() -> cache.introspect("token-e"));
		waiter.start();
		waitUntilParked(waiter);
		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		waiter.join(10_000);
		assertThat(requests("idp", "active")).isEqualTo(1);
		assertThat(requests("coalesced", "active")).isEqualTo(1);
		assertThat(totalRequests()).isEqualTo(2);
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void aRequestRefusedABulkheadSlotIsCountedAsRejected() {
		assertThat(this.bulkhead.tryAcquirePermission()).isTrue();
		assertThat(this.bulkhead.tryAcquirePermission()).isTrue();
		try {
			assertThat(gauge("introspection.idp.calls.in.flight")).isEqualTo(2);
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> this.cache.introspect("token-f"))
				.withMessageContaining("in flight");
		}
		finally {
			this.bulkhead.onComplete();
			this.bulkhead.onComplete();
		}
		assertThat(requests("idp", "rejected")).isEqualTo(1);
		assertThat(this.registry.get("introspection.bulkhead.rejections").functionCounter().count()).isEqualTo(1);
		assertThat(totalRequests()).isEqualTo(1);
		assertThat(this.registry.find("introspection.idp.calls").timers()).isEmpty();
		assertThat(this.idp.getRequestCount()).isZero();
	}

	@Test
	void anOpenCircuitIsCountedAsUnavailableAndShowsInTheCircuitMeters() {
		assertThat(this.registry.get("introspection.circuit.state").tag("state", "closed").gauge().value())
			.isEqualTo(1);
		this.circuitBreaker.transitionToOpenState();
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> this.cache.introspect("token-g"))
			.withMessageContaining("circuit breaker is open");
		assertThat(requests("idp", "unavailable")).isEqualTo(1);
		assertThat(totalRequests()).isEqualTo(1);
		assertThat(this.registry.get("introspection.circuit.state").tag("state", "open").gauge().value()).isEqualTo(1);
		assertThat(this.registry.get("introspection.circuit.state").tag("state", "closed").gauge().value()).isZero();
		assertThat(this.registry.get("introspection.circuit.transitions")
			.tags("from", "closed", "to", "open")
			.counter()
			.count()).isEqualTo(1);
		assertTagsFromClosedSets("token-g");
	}

	@Test
	void aCallThatGetsNoAnswerHasStatusNone() {
		IntrospectionClient client = TestClients.builder(URI.create("http://127.0.0.1:1/introspect"))
			.listener(this.metrics)
			.build();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		assertThat(calls("unavailable", "none")).isEqualTo(1);
		assertThat(requests("idp", "unavailable")).isEqualTo(1);
	}

	@Test
	void aProbeIsTimedAsACallButNotCountedAsARequest() {
		this.idp.enqueue(json(INACTIVE));
		this.client.probe("introspection-health-probe");
		assertThat(calls("inactive", "2xx")).isEqualTo(1);
		assertThat(totalRequests()).isZero();
	}

	@Test
	void aRegistryBoundLaterSeesTheRequestsCountedBefore() {
		IntrospectionMetrics unbound = new IntrospectionMetrics(this.circuitBreaker, this.bulkhead);
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(this.client)
			.listener(unbound)
			.build();
		this.idp.enqueue(json(ACTIVE));
		cache.introspect("token-h");
		cache.introspect("token-h");
		SimpleMeterRegistry later = new SimpleMeterRegistry();
		unbound.bindTo(later);
		cache.introspect("token-h");
		assertThat(later.get("introspection.requests")
			.tags("source", "cache", "outcome", "active")
			.functionCounter()
			.count()).isEqualTo(2);
	}

	@Test
	void statusClassesAreAClosedSet() {
		assertThat(IntrospectionMetrics.statusClass(0)).isZero();
		assertThat(IntrospectionMetrics.statusClass(204)).isEqualTo(2);
		assertThat(IntrospectionMetrics.statusClass(599)).isEqualTo(5);
		assertThat(IntrospectionMetrics.statusClass(999)).isEqualTo(6);
		assertThat(IntrospectionMetrics.statusClass(42)).isEqualTo(6);
	}

	private double requests(String source, String outcome) {
		return this.registry.get("introspection.requests")
			.tags("source", source, "outcome", outcome)
			.functionCounter()
			.count();
	}

	private double totalRequests() {
		return this.registry.find("introspection.requests")
			.functionCounters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private long calls(String outcome, String status) {
		return this.registry.get("introspection.idp.calls").tags("outcome", outcome, "status", status).timer().count();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private void assertTagsFromClosedSets(String... tokens) {
		for (Meter meter : this.registry.getMeters()) {
			if (!meter.getId().getName().startsWith("introspection.")) {
				continue;
			}
			for (Tag tag : meter.getId().getTags()) {
				assertThat(CLOSED_SETS).as(meter.getId().toString()).containsKey(tag.getKey());
				assertThat(CLOSED_SETS.get(tag.getKey())).as(meter.getId().toString()).contains(tag.getValue());
				for (String token : tokens) {
					assertThat(tag.getValue()).doesNotContain(token);
				}
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void waitUntilParked(Thread thread) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (thread.getState() != Thread.State.WAITING && System.nanoTime() < end) {
			Thread.sleep(1);
		}
		assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
	}

}
