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

package io.github.introspection.cache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The shared tier's WARN lines, at most one of each kind a minute, with the count of
 * those left out. Never a key, a value or a token.
 */
final class SharedTierLog {

	private static final Log logger = LogFactory.getLog(SharedTier.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final Interval failures = new Interval();

	private final Interval refusals = new Interval();

	private final Interval evictions = new Interval();

	void failed(SharedStoreException ex) {
		long skipped = this.failures.due();
		if (skipped >= 0) {
			logger.warn("The shared cache tier (Redis) failed: " + ex.getMessage()
					+ ((ex.getCause() != null) ? " (" + ex.getCause().getClass().getSimpleName() + ")" : "")
					+ "; requests carry on with the local tier and the identity provider" + suffix(skipped));
		}
	}

	void refused() {
		long skipped = this.refusals.due();
		if (skipped >= 0) {
			logger.warn("Refused a value of the shared cache tier that failed authentication (altered, forged, "
					+ "or sealed under another key): treated as a miss" + suffix(skipped));
		}
	}

	void evictionFailed() {
		long skipped = this.evictions.due();
		if (skipped >= 0) {
			logger.warn("An eviction did not reach the shared cache tier: other replicas drop the answer "
					+ "within introspection.cache.shared.local-ttl, Redis within its lifetime" + suffix(skipped));
		}
	}

	private static String suffix(long skipped) {
		return (skipped > 0) ? " (" + skipped + " more since the last such line)" : "";
	}

	private static final class Interval {

		private final AtomicLong next = new AtomicLong(System.nanoTime());

		private final AtomicLong skipped = new AtomicLong();

		// The count of lines skipped since the last one when a line is due, else -1.
		long due() {
			long now = System.nanoTime();
			long next = this.next.get();
			if (now - next >= 0 && this.next.compareAndSet(next, now + INTERVAL_NANOS)) {
				return this.skipped.getAndSet(0);
			}
			this.skipped.incrementAndGet();
			return -1;
		}

	}

}
