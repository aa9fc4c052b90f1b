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

package io.github.introspection.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static io.github.introspection.client.IdpClients.json;
import static io.github.introspection.client.IdpClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What moves {@link IntrospectionClient}'s circuit breaker: only the identity provider's
 * own failures (transport errors, timeouts, 5xx and 429 answers, a rejection of our
 * credentials), never an unusable answer about one token, and a half-open probe always
 * ends, an {@link Error} included.
 */
class IntrospectionClientCircuitBreakerTests {

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\"}";

	private final CircuitBreaker breaker = CircuitBreaker.of("test",
			CircuitBreakerConfig.custom()
				.slidingWindow(10, 3, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
				.failureRateThreshold(50)
				.permittedNumberOfCallsInHalfOpenState(1)
				.build());

	private MockWebServer idp;

	@BeforeEach
	void startIdp() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stopIdp() {
		this.idp.close();
	}

	@Test
	void malformedAnswersAboutSomeTokensNeverOpenTheCircuitForOthers() {
		MockResponse[] malformed = { json("{\"active\":true,\"sub\":\"mallory\",\"exp\":1796100766.5}"),
				json("{\"active\":true,\"sub\":\"mallory\",\"scope\":[\"a\"]}"),
				json("{\"active\":true,\"pad\":\"" + "x".repeat(2000) + "\"}"), status(400), status(403), status(404),
				json("<html>blocked</html>"), json("") };
		IntrospectionClient client = client();
		for (int round = 0; round < 2; round++) {
			for (MockResponse answer : malformed) {
				this.idp.enqueue(answer);
				assertThatExceptionOfType(IntrospectionUnavailableException.class)
					.isThrownBy(() -> client.introspect("hostile"))
					.satisfies((ex) -> assertThat(ex.isOutage()).isFalse());
			}
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		this.idp.enqueue(json(ACTIVE));
		assertThat(client.introspect("good").getName()).isEqualTo("alice");
	}

	@Test
	void serverErrorsOpenTheCircuit() {
		IntrospectionClient client = client();
		for (int i = 0; i < 3; i++) {
			this.idp.enqueue(status(503));
			assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
				.satisfies((ex) -> assertThat(ex.isOutage()).isTrue());
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int calls = this.idp.getRequestCount();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
			.satisfies((ex) -> assertThat(ex.isOutage()).isTrue())
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive());
		assertThat(this.idp.getRequestCount()).isEqualTo(calls);
	}

	@Test
	void rejectedClientCredentialsOpenTheCircuit() {
		IntrospectionClient client = client();
		for (int i = 0; i < 3; i++) {
			this.idp.enqueue(status(401));
			assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void aMalformedAnswerToTheHalfOpenProbeClosesTheCircuit() {
		IntrospectionClient client = openCircuit(client());
		this.idp.enqueue(status(400));
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anErrorInTheHalfOpenProbeReleasesTheProbe() {
		AtomicBoolean fail = new AtomicBoolean();
		RestClient restClient = IdpClients.restClient(IdpClients.TIMEOUT)
			.mutate()
			.requestInterceptor((request, body, execution) -> {
				if (fail.getAndSet(false)) {
					throw new OutOfMemoryError("simulated while parsing");
				}
				return execution.execute(request, body);
			})
			.build();
		IntrospectionClient client = openCircuit(
				IntrospectionClient.builder(restClient, this.idp.url("/oauth2/introspect").uri())
					.maxRetries(0)
					.circuitBreaker(this.breaker)
					.build());
		fail.set(true);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
			.withMessageContaining("OutOfMemoryError");
		// An Error says nothing about the identity provider: the next request probes
		// again, instead of finding the circuit stuck half-open or opened again.
		this.idp.enqueue(json(ACTIVE));
		assertThat(client.introspect("t").getName()).isEqualTo("alice");
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anOpenCircuitLetsAProbeThroughOnceItsWaitHasPassed() {
		// the production set-up: no scheduler moves the circuit to half-open, the next
		// request after the wait does
		MutableClock clock = new MutableClock();
		CircuitBreaker breaker = CircuitBreaker.of("test",
				CircuitBreakerConfig.custom()
					.slidingWindow(10, 3, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.failureRateThreshold(50)
					.permittedNumberOfCallsInHalfOpenState(1)
					.waitDurationInOpenState(Duration.ofSeconds(1))
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.clock(clock)
					.build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(0).circuitBreaker(breaker).build();
		for (int i = 0; i < 3; i++) {
			this.idp.enqueue(status(500));
			assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		}
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
			.withMessageContaining("circuit breaker is open");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		clock.advance(Duration.ofMillis(1001));
		this.idp.enqueue(json(ACTIVE));
		assertThat(client.introspect("t").getName()).isEqualTo("alice");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void aHalfOpenProbeRefusedABulkheadSlotGivesItsPermissionBack() throws Exception {
		this.breaker.transitionToOpenState();
		this.breaker.transitionToHalfOpenState();
		Bulkhead bulkhead = Bulkhead.of("test",
				BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
		IntrospectionClient client = IdpClients.builder(this.idp)
			.maxRetries(0)
			.circuitBreaker(this.breaker)
			.bulkhead(bulkhead)
			.build();
		assertThat(bulkhead.tryAcquirePermission()).isTrue();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
			.withMessageContaining("in flight");
		bulkhead.onComplete();
		this.idp.enqueue(json(ACTIVE));
		assertThat(client.introspect("t").getName()).isEqualTo("alice");
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	private IntrospectionClient client() {
		return IdpClients.builder(this.idp).maxRetries(0).maxResponseBytes(1000).circuitBreaker(this.breaker).build();
	}

	private IntrospectionClient openCircuit(IntrospectionClient client) {
		for (int i = 0; i < 3; i++) {
			this.idp.enqueue(status(500));
			assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		this.breaker.transitionToHalfOpenState();
		return client;
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
