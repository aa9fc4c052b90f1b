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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.web.client.RestClient;

import static io.github.introspection.client.IdpClients.json;
import static io.github.introspection.client.IdpClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IntrospectionClient} under load: the deadline, the bulkhead, the retry budget,
 * the ratio circuit breaker and its half-open probes, and the outage log.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntrospectionClientLoadTests {

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\"}";

	private MockWebServer idp;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void startIdp() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.idp.close();
	}

	@Test
	void aRetryStartsOnlyWhenAWholeAttemptStillFitsBeforeTheDeadline() {
		for (int i = 0; i < 4; i++) {
			this.idp.enqueue(new MockResponse.Builder().code(503).headersDelay(200, TimeUnit.MILLISECONDS).build());
		}
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofMillis(300))
			.maxRetries(3)
			.deadline(Duration.ofMillis(450))
			.build();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		// 200 ms spent, 250 ms left: not enough for another attempt of 300 ms
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void fastFailuresAreRetriedWhileTheDeadlineHoldsAnAttempt() {
		this.idp.enqueue(status(503));
		this.idp.enqueue(status(503));
		this.idp.enqueue(json(ACTIVE));
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofSeconds(2)).maxRetries(3).build();
		assertThat(client.introspect("t").getName()).isEqualTo("alice");
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void aTimedOutAttemptIsNotFollowedByAnotherWithTheDefaultDeadline() {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(2, TimeUnit.SECONDS).build());
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(2, TimeUnit.SECONDS).build());
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofMillis(300)).maxRetries(3).build();
		long start = System.nanoTime();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
			.withMessageContaining("timed out");
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void anAttemptGetsAtMostWhatIsLeftOfTheDeadline() {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(3, TimeUnit.SECONDS).build());
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofSeconds(2))
			.deadline(Duration.ofMillis(400))
			.build();
		long start = System.nanoTime();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"))
			.withMessageContaining("timed out");
		// the attempt's own timeout (2 s) would have let it wait much longer
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void aRequestWithoutABulkheadSlotGets503WithRetryAfterWithoutCallingTheIdp() throws Exception {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(500, TimeUnit.MILLISECONDS).build());
		Bulkhead bulkhead = bulkhead(1, Duration.ofMillis(20));
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofSeconds(2)).bulkhead(bulkhead).build();
		Future<OAuth2AuthenticatedPrincipal> first = this.threads.submit(() -> client.introspect("first"));
		awaitRequests(1);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("second"))
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive())
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("in flight"));
		assertThat(first.get(5, TimeUnit.SECONDS).getName()).isEqualTo("alice");
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
	}

	@Test
	void beyondTheMostWaitingRequestsARequestIsRefusedAtOnceWhileTheOthersStillWait() throws Exception {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(1, TimeUnit.SECONDS).build());
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"bob\"}"));
		Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(10));
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofSeconds(5))
			.deadline(Duration.ofSeconds(20))
			.bulkhead(bulkhead)
			.maxWaitingCalls(1)
			.build();
		Future<OAuth2AuthenticatedPrincipal> first = this.threads.submit(() -> client.introspect("first"));
		awaitRequests(1);
		AtomicReference<Thread> waiter = new AtomicReference<>();
		Future<OAuth2AuthenticatedPrincipal> second = this.threads.submit(() -> {
			waiter.set(Thread.currentThread());
			return client.introspect("second");
		});
		// the second request parks, waiting for the slot
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (waiter.get() == null || waiter.get().getState() != Thread.State.TIMED_WAITING) {
			assertThat(System.nanoTime()).as("the second request waits for the slot").isLessThan(giveUp);
			Thread.onSpinWait();
		}
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("third"))
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive())
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("in flight"));
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		assertThat(first.get(5, TimeUnit.SECONDS).getName()).isEqualTo("alice");
		assertThat(second.get(5, TimeUnit.SECONDS).getName()).isEqualTo("bob");
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	@Test
	void theBulkheadSlotIsFreedOnEveryOutcome() {
		Bulkhead bulkhead = bulkhead(1, Duration.ZERO);
		AtomicReference<Throwable> fail = new AtomicReference<>();
		RestClient restClient = IdpClients.restClient(Duration.ofMillis(300))
			.mutate()
			.requestInterceptor((request, body, execution) -> {
				Throwable failure = fail.getAndSet(null);
				if (failure instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (failure instanceof Error error) {
					throw error;
				}
				return execution.execute(request, body);
			})
			.build();
		IntrospectionClient client = IntrospectionClient.builder(restClient, this.idp.url("/introspect").uri())
			.attemptTimeout(Duration.ofMillis(300))
			.maxRetries(0)
			.bulkhead(bulkhead)
			.build();
		this.idp.enqueue(json(ACTIVE));
		client.introspect("active");
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
		this.idp.enqueue(json("{\"active\":false}"));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> client.introspect("inactive"));
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
		this.idp.enqueue(status(500));
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("5xx"));
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(1, TimeUnit.SECONDS).build());
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> client.introspect("timeout"));
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
		fail.set(new IllegalStateException("boom"));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> client.introspect("exception"));
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
		fail.set(new StackOverflowError());
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("error"));
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
	}

	@Test
	void requestsCoalescedOntoOneCallTakeNoExtraSlot() throws Exception {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(300, TimeUnit.MILLISECONDS).build());
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofSeconds(2))
			.bulkhead(bulkhead(1, Duration.ZERO))
			.build();
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(client).build();
		List<Future<OAuth2AuthenticatedPrincipal>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			answers.add(this.threads.submit(() -> cache.introspect("same-token")));
		}
		for (Future<OAuth2AuthenticatedPrincipal> answer : answers) {
			assertThat(answer.get(5, TimeUnit.SECONDS).getName()).isEqualTo("alice");
		}
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void anExhaustedRetryBudgetMeansNoRetry() {
		for (int i = 0; i < 6; i++) {
			this.idp.enqueue(status(500));
		}
		RetryBudget budget = new RetryBudget(0, 1, Duration.ofSeconds(10), System::nanoTime);
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofMillis(300))
			.maxRetries(3)
			.retryBudget(budget)
			.build();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("a"));
		// the floor of one retry per window
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("b"));
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void theCircuitOpensOnTheFailureRatioNotOnlyOnFailuresInARow() {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				CircuitBreakerConfig.custom()
					.slidingWindow(10, 6, CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
					.failureRateThreshold(50)
					.build());
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofMillis(300))
			.maxRetries(0)
			.circuitBreaker(breaker)
			.build();
		for (int i = 0; i < 3; i++) {
			this.idp.enqueue(json(ACTIVE));
			client.introspect("good");
			this.idp.enqueue(status(503));
			assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		}
		// never two failures in a row, yet half of the calls failed
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int calls = this.idp.getRequestCount();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("t"));
		assertThat(this.idp.getRequestCount()).isEqualTo(calls);
	}

	@Test
	void aHalfOpenCircuitLetsItsProbesThroughAndAnswersTheOthers503() throws Exception {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				CircuitBreakerConfig.custom()
					.slidingWindow(10, 2, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.permittedNumberOfCallsInHalfOpenState(2)
					.build());
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofSeconds(2))
			.maxRetries(0)
			.circuitBreaker(breaker)
			.build();
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(1, TimeUnit.SECONDS).build());
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(1, TimeUnit.SECONDS).build());
		List<Future<OAuth2AuthenticatedPrincipal>> probes = List.of(this.threads.submit(() -> client.introspect("p1")),
				this.threads.submit(() -> client.introspect("p2")));
		awaitRequests(2);
		// a recovering identity provider gets no stampede of the waiting requests
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> client.introspect("queued"));
		}
		for (Future<OAuth2AuthenticatedPrincipal> probe : probes) {
			probe.get(5, TimeUnit.SECONDS);
		}
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anOutageIsOneWarnAndItsRecoveryOneInfo(CapturedOutput output) {
		IntrospectionClient client = IdpClients.builder(this.idp, Duration.ofMillis(300))
			.maxRetries(0)
			.logInterval(Duration.ofMinutes(5))
			.build();
		for (int i = 0; i < 25; i++) {
			String token = "token-" + i;
			this.idp.enqueue(status(503));
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> client.introspect(token));
		}
		assertThat(client.getStatus().unavailable()).isTrue();
		assertThat(client.getStatus().lastFailureCause()).isEqualTo("the identity provider answered HTTP 503");
		assertThat(client.getStatus().lastAnswer()).isNull();
		this.idp.enqueue(json(ACTIVE));
		client.introspect("after");
		assertThat(client.getStatus().unavailable()).isFalse();
		assertThat(client.getStatus().lastAnswer()).isAfterOrEqualTo(client.getStatus().lastFailure());
		String log = output.getOut() + output.getErr();
		assertThat(log.lines().filter((line) -> line.contains(" WARN ")).count()).isOne();
		assertThat(log).containsOnlyOnce("unavailable: the identity provider answered HTTP 503")
			.containsOnlyOnce("answers again after")
			.contains("25 requests got 503 meanwhile")
			.doesNotContain("token-");
	}

	private void awaitRequests(int count) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.idp.getRequestCount() < count && System.nanoTime() < end) {
			Thread.sleep(5);
		}
		assertThat(this.idp.getRequestCount()).isGreaterThanOrEqualTo(count);
	}

	private static Bulkhead bulkhead(int slots, Duration wait) {
		return Bulkhead.of("test", BulkheadConfig.custom().maxConcurrentCalls(slots).maxWaitDuration(wait).build());
	}

}
