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
