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

package io.github.introspection.logout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local replay guard: an identifier is a first use once, until it expires.
 */
class LocalReplayGuardTests {

	private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final LocalReplayGuard guard = new LocalReplayGuard(100, this.clock, this.clock::nanos);

	@Test
	void secondUseOfAnIdentifierIsRefused() {
		Instant expiresAt = this.clock.instant().plusSeconds(60);
		assertThat(this.guard.firstUse("jti-1", expiresAt)).isTrue();
		assertThat(this.guard.firstUse("jti-1", expiresAt)).isFalse();
		assertThat(this.guard.firstUse("jti-2", expiresAt)).as("another identifier").isTrue();
	}

	@Test
	void identifierIsRememberedUntilItsExpiryAndForgottenAfter() {
		assertThat(this.guard.firstUse("jti-1", this.clock.instant().plusSeconds(60))).isTrue();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.guard.firstUse("jti-1", this.clock.instant().plusSeconds(60))).isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.guard.firstUse("jti-1", this.clock.instant().plusSeconds(60))).isTrue();
	}

	/**
	 * A settable clock that is also the cache's ticker.
	 */
	static final class FakeClock extends Clock {

		private final AtomicLong nanos = new AtomicLong();

		private final Instant start;

		FakeClock(Instant start) {
			this.start = start;
		}

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		long nanos() {
			return this.nanos.get();
		}

		@Override
		public Instant instant() {
			return this.start.plusNanos(this.nanos.get());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
