package io.github.introspection.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A ticker and a clock that only move when a test says so.
 */
final class FakeTime {

	private final AtomicLong nanos = new AtomicLong(Duration.ofDays(1).toNanos());

	private volatile Instant instant = Instant.parse("2026-01-01T00:00:00Z");

	Ticker ticker() {
		return this.nanos::get;
	}

	Clock clock() {
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return FakeTime.this.instant;
			}

		};
	}

	Instant now() {
		return this.instant;
	}

	/**
	 * Moves the ticker and the clock together.
	 * @param duration how far
	 */
	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
		this.instant = this.instant.plus(duration);
	}

	/**
	 * Moves only the wall clock, as an NTP correction would.
	 * @param duration how far
	 */
	void advanceClock(Duration duration) {
		this.instant = this.instant.plus(duration);
	}

}
