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

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;

/**
 * Waits out a short {@code Retry-After} from a 429 or 503 answer before the next retry,
 * on top of the retry policy's own backoff, so that the identity provider is not asked
 * again before it said it would answer.
 */
final class RetryAfterListener implements RetryListener {

	/**
	 * The longest {@code Retry-After} waited for; a longer one ends the retries.
	 */
	static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

	private final int maxRetries;

	RetryAfterListener(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	@Override
	public void onRetryableExecution(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
		if (retryState.isSuccessful() || retryState.getRetryCount() >= this.maxRetries
				|| !(retryState.getLastException() instanceof RetryableIntrospectionException failure)
				|| failure.getRetryAfter() == null || !retryPolicy.shouldRetry(failure)) {
			return;
		}
		try {
			Thread.sleep(failure.getRetryAfter().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
