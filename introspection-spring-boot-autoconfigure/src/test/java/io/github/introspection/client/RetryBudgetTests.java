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

/**
 * Tests for {@link RetryBudget}.
 */
class RetryBudgetTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	@Test
	void retriesAddAtMostTheRatioOfFirstAttempts() {
		RetryBudget budget = new RetryBudget(0.2, 0, Duration.ofSeconds(10), this.nanos::get);
		for (int i = 0; i < 100; i++) {
			budget.onFirstAttempt();
		}
		int allowed = 0;
		for (int i = 0; i < 100; i++) {
			allowed += budget.tryAcquireRetry() ? 1 : 0;
		}
		assertThat(allowed).isEqualTo(20);
	}

	@Test
	void theFloorLetsALoneFailureRetryOnAQuietApplication() {
		RetryBudget budget = new RetryBudget(0.2, 3, Duration.ofSeconds(10), this.nanos::get);
		budget.onFirstAttempt();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isFalse();
	}

	@Test
	void attemptsAndRetriesAgeOutOfTheWindow() {
		RetryBudget budget = new RetryBudget(0.5, 0, Duration.ofSeconds(10), this.nanos::get);
		for (int i = 0; i < 10; i++) {
			budget.onFirstAttempt();
		}
		for (int i = 0; i < 5; i++) {
			assertThat(budget.tryAcquireRetry()).isTrue();
		}
		assertThat(budget.tryAcquireRetry()).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		// the old attempts no longer pay for retries
		assertThat(budget.tryAcquireRetry()).isFalse();
		budget.onFirstAttempt();
		budget.onFirstAttempt();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isFalse();
	}

	@Test
	void theWindowSlidesBucketByBucket() {
		RetryBudget budget = new RetryBudget(1, 0, Duration.ofSeconds(10), this.nanos::get);
		budget.onFirstAttempt();
		this.nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		budget.onFirstAttempt();
		this.nanos.addAndGet(Duration.ofSeconds(6).toNanos());
		// the first attempt is 11 s old, the second 6 s: one retry
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isFalse();
	}

}
