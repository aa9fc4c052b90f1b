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

package io.github.introspection.actuate;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.introspection.client.IntrospectionListener;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The introspection meters, as an {@link IntrospectionListener} bound to Micrometer.
 * Every tag value comes from a closed set; no token, hash or claim is ever part of a
 * meter.
 * <ul>
 * <li>{@code introspection.requests} (counter): each request once, by {@code source}
 * ({@code cache}, {@code idp}, {@code coalesced}) and {@code outcome} ({@code active},
 * {@code inactive}, {@code unavailable}, {@code rejected});</li>
 * <li>{@code introspection.idp.calls} (timer): each call to the identity provider, all
 * its attempts, by {@code outcome} ({@code active}, {@code inactive},
 * {@code unavailable}) and {@code status}, the class of its last answer's HTTP status
 * ({@code 2xx} … {@code 5xx}, {@code none} when no answer came, {@code other});</li>
 * <li>{@code introspection.idp.calls.in.flight} (gauge): calls holding a bulkhead
 * slot;</li>
 * <li>{@code introspection.bulkhead.rejections} (counter): requests refused a bulkhead
 * slot;</li>
 * <li>{@code introspection.circuit.state} (gauge, one per {@code state}: 1 for the
 * current state, 0 for the others), {@code introspection.circuit.transitions} (counter,
 * by {@code from} and {@code to} state) and {@code introspection.circuit.failure.rate}
 * (gauge, percent, -1 until the window holds enough calls).</li>
 * </ul>
 * With several identity providers ({@code introspection.providers}), each has its own
 * binder and every meter is tagged with its {@code provider} (a configured name, or
 * {@code default}).
 * <p>
 * The cache's own meters are
 * {@link io.github.introspection.cache.IntrospectionCacheMetrics}.
 * <p>
 * Counting a request costs an array lookup and a {@link LongAdder} increment, read by
 * function counters when a registry publishes: a cache hit pays that and nothing else
 * ({@code benchmarks/tools/.../HitPathMeters.java} measures it).
 */
public final class IntrospectionMetrics implements MeterBinder, IntrospectionListener {

	private static final Timers[] NONE = {};

	private static final String[] STATUS_CLASSES = { "none", "1xx", "2xx", "3xx", "4xx", "5xx", "other" };

	private final CircuitBreaker circuitBreaker;

	private final Bulkhead bulkhead;

	// the provider tag, or none with a single provider
	private final Tags tags;

	// by source, then outcome; counted from the start, read by each registry bound
	private final LongAdder[][] requests = new LongAdder[Source.values().length][Outcome.values().length];

	// Usually one registry (Spring Boot binds its composite); copied on write.
	private volatile Timers[] timers = NONE;

	/**
	 * Creates the meters' binder.
	 * @param circuitBreaker the circuit breaker in front of the identity provider
	 * @param bulkhead the bulkhead that bounds the calls in flight
	 */
	public IntrospectionMetrics(CircuitBreaker circuitBreaker, Bulkhead bulkhead) {
		this(circuitBreaker, bulkhead, null);
	}

	/**
	 * Creates the meters' binder of one of several identity providers.
	 * @param circuitBreaker the circuit breaker in front of the identity provider
	 * @param bulkhead the bulkhead that bounds the calls in flight
	 * @param provider the provider's name, the value of every meter's {@code provider}
	 * tag; {@code null} for no such tag
	 */
	public IntrospectionMetrics(CircuitBreaker circuitBreaker, Bulkhead bulkhead, @Nullable String provider) {
		Assert.notNull(circuitBreaker, "circuitBreaker cannot be null");
		Assert.notNull(bulkhead, "bulkhead cannot be null");
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		this.tags = (provider != null) ? Tags.of("provider", provider) : Tags.empty();
		for (LongAdder[] bySource : this.requests) {
			for (int i = 0; i < bySource.length; i++) {
				bySource[i] = new LongAdder();
			}
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Source source : Source.values()) {
			for (Outcome outcome : Outcome.values()) {
				FunctionCounter
					.builder("introspection.requests", this.requests[source.ordinal()][outcome.ordinal()],
							LongAdder::sum)
					.tags(Tags.of("source", tagValue(source), "outcome", tagValue(outcome)).and(this.tags))
					.description("Introspection requests by where their answer came from and what it was")
					.register(registry);
			}
		}
		// only the client reports a rejection, as its own (source idp)
		FunctionCounter
			.builder("introspection.bulkhead.rejections",
					this.requests[Source.IDP.ordinal()][Outcome.REJECTED.ordinal()], LongAdder::sum)
			.tags(this.tags)
			.description("Requests refused a bulkhead slot (503 without a call to the identity provider)")
			.register(registry);
		Gauge.builder("introspection.idp.calls.in.flight", this.bulkhead, IntrospectionMetrics::callsInFlight)
			.tags(this.tags)
			.description("Calls to the identity provider in flight (holding a bulkhead slot)")
			.register(registry);
		for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
			Gauge
				.builder("introspection.circuit.state", this.circuitBreaker,
						(breaker) -> (breaker.getState() == state) ? 1 : 0)
				.tag("state", tagValue(state))
				.tags(this.tags)
				.description("State of the circuit breaker in front of the identity provider: 1 for the current one")
				.register(registry);
		}
		Gauge
			.builder("introspection.circuit.failure.rate", this.circuitBreaker,
					(breaker) -> breaker.getMetrics().getFailureRate())
			.baseUnit("percent")
			.tags(this.tags)
			.description("Failure rate of the calls in the circuit breaker's window; -1 until it holds enough calls")
			.register(registry);
		this.circuitBreaker.getEventPublisher()
			.onStateTransition(
					(event) -> registry
						.counter("introspection.circuit.transitions",
								Tags.of("from", tagValue(event.getStateTransition().getFromState()), "to",
										tagValue(event.getStateTransition().getToState()))
									.and(this.tags))
						.increment());
		synchronized (this) {
			Timers[] timers = Arrays.copyOf(this.timers, this.timers.length + 1);
			timers[timers.length - 1] = new Timers(registry, this.tags);
			this.timers = timers;
		}
	}

	@Override
	public void introspected(Source source, Outcome outcome) {
		this.requests[source.ordinal()][outcome.ordinal()].increment();
	}

	@Override
	public void idpCalled(Outcome outcome, int status, long nanos) {
		int statusClass = statusClass(status);
		for (Timers bound : this.timers) {
			bound.call(outcome, statusClass).record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	private static double callsInFlight(Bulkhead bulkhead) {
		return bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
				- bulkhead.getMetrics().getAvailableConcurrentCalls();
	}

	static int statusClass(int status) {
		if (status == 0) {
			return 0;
		}
		return (status >= 100 && status < 600) ? status / 100 : STATUS_CLASSES.length - 1;
	}

	static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The call timers of one registry.
	 */
	private static final class Timers {

		private final MeterRegistry registry;

		// created on first use: only the combinations that happen
		private final @Nullable Timer[][] calls = new Timer[Outcome.values().length][STATUS_CLASSES.length];

		private final Tags tags;

		Timers(MeterRegistry registry, Tags tags) {
			this.registry = registry;
			this.tags = tags;
		}

		Timer call(Outcome outcome, int statusClass) {
			Timer timer = this.calls[outcome.ordinal()][statusClass];
			if (timer == null) {
				// a racing thread registers the same timer: the registry returns it
				timer = Timer.builder("introspection.idp.calls")
					.tags(Tags.of("outcome", tagValue(outcome), "status", STATUS_CLASSES[statusClass]).and(this.tags))
					.description("Calls to the identity provider, all attempts included")
					.register(this.registry);
				this.calls[outcome.ordinal()][statusClass] = timer;
			}
			return timer;
		}

	}

}
