package io.github.introspection.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 */
final class RetryAfter {

	private static final Duration MAX = Duration.ofHours(1);

	private RetryAfter() {
	}

	static @Nullable Duration parse(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return clamp(Duration.ofSeconds(Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime date = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				return clamp(Duration.between(ZonedDateTime.now(date.getZone()), date));
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	private static Duration clamp(Duration delay) {
		if (delay.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(MAX) > 0) ? MAX : delay;
	}

}
