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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdpAvailabilityLog}: a few lines per incident, however many requests.
 */
class IdpAvailabilityLogTests {

	private final AtomicLong nanos = new AtomicLong();

	private final List<String> lines = new ArrayList<>();

	private final IdpAvailabilityLog log = new IdpAvailabilityLog(
			URI.create("https://user:secret@idp.example:8443/introspect?tenant=a"), Duration.ofSeconds(30),
			this.nanos::get, new RecordingLog(this.lines));

	@Test
	void anIncidentIsOneWarnAtMostOneSummaryPerIntervalAndOneInfo() {
		for (int second = 0; second < 70; second++) {
			this.log.outage("timed out (HttpTimeoutException)", () -> "open");
			for (int i = 0; i < 10; i++) {
				this.log.rejected("the circuit breaker is open", () -> "open");
			}
			this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		}
		this.log.answered();
		this.log.answered();
		assertThat(this.lines).hasSize(4);
		assertThat(this.lines.get(0)).startsWith("WARN ")
			.contains("https://idp.example:8443/introspect unavailable: timed out (HttpTimeoutException); circuit open")
			.doesNotContain("secret")
			.doesNotContain("tenant");
		assertThat(this.lines.get(1)).startsWith("WARN ").contains("still unavailable after 30.0 s");
		assertThat(this.lines.get(2)).startsWith("WARN ").contains("still unavailable after 60.0 s");
		assertThat(this.lines.get(3)).startsWith("INFO ")
			.contains("answers again after 70.0 s")
			.contains("770 requests got 503 meanwhile");
	}

	@Test
	void aSecondIncidentStartsWithItsOwnWarn() {
		this.log.outage("HTTP 503", () -> "closed");
		this.log.answered();
		this.log.outage("HTTP 503", () -> "closed");
		this.log.answered();
		assertThat(this.lines).extracting((line) -> line.substring(0, 4))
			.containsExactly("WARN", "INFO", "WARN", "INFO");
	}

	@Test
	void unusableAnswersAreSummedUpAtMostOncePerInterval() {
		for (int i = 0; i < 100; i++) {
			this.log.badAnswer("Claim 'exp' is not an integer");
			this.nanos.addAndGet(Duration.ofMillis(500).toNanos());
		}
		// the first, then one at 30 s
		assertThat(this.lines).hasSize(2);
		assertThat(this.lines.get(1)).contains("60 unusable introspection answer(s) in the last 30.0 s");
	}

	private static final class RecordingLog extends NoOpLog {

		private final List<String> lines;

		RecordingLog(List<String> lines) {
			this.lines = lines;
		}

		@Override
		public void info(Object message) {
			this.lines.add("INFO " + message);
		}

		@Override
		public void warn(Object message) {
			this.lines.add("WARN " + message);
		}

	}

}
