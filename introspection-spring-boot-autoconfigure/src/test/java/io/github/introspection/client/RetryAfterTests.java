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
