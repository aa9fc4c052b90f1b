package io.github.introspection.client;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	@Test
	void parseWhenDelaySecondsThenDuration() {
		assertThat(RetryAfter.parse("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(" 120 ")).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse("0")).isEqualTo(Duration.ZERO);
	}

	@Test
	void parseWhenDelayIsLongerThanAnHourThenAnHour() {
		assertThat(RetryAfter.parse("86400")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void parseWhenHttpDateInTheFutureThenDelayUntilThen() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
		assertThat(RetryAfter.parse(date)).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120));
	}

	@Test
	void parseWhenHttpDateInThePastThenZero() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
	}

	@Test
	void parseWhenMissingOrUnreadableThenNull() {
		assertThat(RetryAfter.parse(null)).isNull();
		assertThat(RetryAfter.parse("")).isNull();
		assertThat(RetryAfter.parse("soon")).isNull();
		assertThat(RetryAfter.parse("1.5")).isNull();
	}

}
