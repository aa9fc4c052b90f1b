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

/**
 * Waits out a short {@code Retry-After} of a 429 or 503 answer before the next retry, on
 * top of the retry policy's own backoff, so that the identity provider is not asked again
 * before it said it would answer.
 */
final class RetryAfterWait {

	/**
	 * The longest {@code Retry-After} waited for; a longer one ends the retries.
	 */
	static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

	private RetryAfterWait() {
	}

	static void sleep(Duration retryAfter) {
		try {
			Thread.sleep(retryAfter.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
