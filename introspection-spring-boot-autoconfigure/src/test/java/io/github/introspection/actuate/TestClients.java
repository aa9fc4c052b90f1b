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

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.UrlConnectionIntrospectionRequestFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.springframework.web.client.RestClient;

/**
 * Introspection clients against a {@link MockWebServer}, built the way the
 * auto-configuration builds them, without retries.
 */
final class TestClients {

	static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\"}";

	static final String INACTIVE = "{\"active\":false}";

	private TestClients() {
	}

	static IntrospectionClient.Builder builder(MockWebServer idp) {
		return builder(idp.url("/oauth2/introspect").uri());
	}

	static IntrospectionClient.Builder builder(URI endpoint) {
		Duration timeout = Duration.ofSeconds(5);
		RestClient restClient = RestClient.builder()
			.requestFactory(new UrlConnectionIntrospectionRequestFactory(timeout, 64 * 1024))
			.build();
		return IntrospectionClient.builder(restClient, endpoint).maxRetries(0).attemptTimeout(timeout);
	}

	static CircuitBreaker circuitBreaker() {
		return circuitBreaker(Clock.systemUTC());
	}

	/**
	 * A circuit breaker set up the way the auto-configuration sets it up: no scheduler
	 * turns it half-open, the first request after its 1 s wait does; one probe decides.
	 */
	static CircuitBreaker circuitBreaker(Clock clock) {
		return CircuitBreaker.of("introspection",
				CircuitBreakerConfig.custom()
					.slidingWindow(10, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(1))
					.permittedNumberOfCallsInHalfOpenState(1)
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.clock(clock)
					.build());
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	static MockResponse status(int code) {
		return new MockResponse.Builder().code(code).build();
	}

	/**
	 * A clock that moves only when told to.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

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
			return this.now;
		}

	}

}
