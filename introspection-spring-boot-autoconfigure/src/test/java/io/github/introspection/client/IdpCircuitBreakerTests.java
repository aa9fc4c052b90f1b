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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdpCircuitBreakerTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final IdpCircuitBreaker breaker = new IdpCircuitBreaker(3, Duration.ofSeconds(1), this.nanos::get);

	@Test
	void tryAcquireWhenClosedThenAllowsCalls() {
		assertThat(this.breaker.tryAcquire()).isNull();
		assertThat(this.breaker.isOpen()).isFalse();
	}

	@Test
	void onFailureWhenBelowTheThresholdThenStaysClosed() {
		this.breaker.onFailure();
		this.breaker.onFailure();
		assertThat(this.breaker.tryAcquire()).isNull();
	}

	@Test
	void onSuccessResetsTheRunOfFailures() {
		this.breaker.onFailure();
		this.breaker.onFailure();
		this.breaker.onSuccess();
		this.breaker.onFailure();
		this.breaker.onFailure();
		assertThat(this.breaker.isOpen()).isFalse();
	}

	@Test
	void onFailureWhenTheThresholdIsReachedThenRefusesCallsForTheOpenPeriod() {
		failThreeTimes();
		assertThat(this.breaker.isOpen()).isTrue();
		assertThat(this.breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(1));
		advance(Duration.ofMillis(400));
		assertThat(this.breaker.tryAcquire()).isEqualTo(Duration.ofMillis(600));
	}

	@Test
	void tryAcquireAfterTheOpenPeriodThenLetsExactlyOneProbeThrough() {
		failThreeTimes();
		advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isNull();
		assertThat(this.breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isNotNull();
	}

	@Test
	void onSuccessOfTheProbeClosesTheCircuit() {
		failThreeTimes();
		advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isNull();
		this.breaker.onSuccess();
		assertThat(this.breaker.isOpen()).isFalse();
		assertThat(this.breaker.tryAcquire()).isNull();
		assertThat(this.breaker.tryAcquire()).isNull();
	}

	@Test
	void onInconclusiveOfTheProbeLetsTheNextProbeThrough() {
		failThreeTimes();
		advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isNull();
		this.breaker.onInconclusive();
		assertThat(this.breaker.isOpen()).isTrue();
		assertThat(this.breaker.tryAcquire()).isNull();
		assertThat(this.breaker.tryAcquire()).isNotNull();
	}

	@Test
	void onFailureOfTheProbeOpensTheCircuitAgain() {
		failThreeTimes();
		advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isNull();
		this.breaker.onFailure();
		assertThat(this.breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(1));
		advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isNull();
	}

	@Test
	void thresholdZeroNeverOpens() {
		IdpCircuitBreaker off = new IdpCircuitBreaker(0, Duration.ofSeconds(1), this.nanos::get);
		for (int i = 0; i < 100; i++) {
			off.onFailure();
		}
		assertThat(off.isOpen()).isFalse();
		assertThat(off.tryAcquire()).isNull();
	}

	private void failThreeTimes() {
		this.breaker.onFailure();
		this.breaker.onFailure();
		this.breaker.onFailure();
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
