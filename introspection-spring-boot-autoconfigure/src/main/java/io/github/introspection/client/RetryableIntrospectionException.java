package io.github.introspection.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure of one introspection attempt that is worth retrying: a transport error, a
 * 5xx or a 429 answer.
 */
final class RetryableIntrospectionException extends RuntimeException {

	private final @Nullable Duration retryAfter;

	RetryableIntrospectionException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	@Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
