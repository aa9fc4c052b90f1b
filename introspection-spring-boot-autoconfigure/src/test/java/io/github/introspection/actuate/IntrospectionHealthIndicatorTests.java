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

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import io.github.introspection.cache.CacheSecret;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.SharedStore;
import io.github.introspection.cache.SharedStoreException;
import io.github.introspection.client.ClientAuthentication;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static io.github.introspection.actuate.TestClients.ACTIVE;
import static io.github.introspection.actuate.TestClients.json;
import static io.github.introspection.actuate.TestClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IntrospectionHealthIndicator}: {@code UP}, not {@code UP} while the circuit is
 * open or the probe fails, and details that hold no credential, token or query.
 */
class IntrospectionHealthIndicatorTests {

	private static final String SECRET = "s3cr3t-client-secret";

	private final CircuitBreaker circuitBreaker = TestClients.circuitBreaker();

	private MockWebServer idp;

	private IntrospectionClient client;

	@BeforeEach
	void start() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
		URI endpoint = URI.create("http://app:" + SECRET + "@" + this.idp.getHostName() + ":" + this.idp.getPort()
				+ "/oauth2/introspect?api_key=" + SECRET);
		this.client = TestClients.builder(endpoint)
			.clientAuthentication(ClientAuthentication.clientSecretBasic("app", SECRET))
			.circuitBreaker(this.circuitBreaker)
			.build();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void upWhileTheCircuitIsClosed() {
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(this.client).build();
		this.idp.enqueue(json(ACTIVE));
		cache.introspect("token-1");
		Health health = new IntrospectionHealthIndicator(this.client, cache.getCache(), null).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("circuit", "closed")
			.containsEntry("endpoint",
					"http://" + this.idp.getHostName() + ":" + this.idp.getPort() + "/oauth2/introspect")
			.containsEntry("callsInFlight", 0)
			.containsEntry("cacheSize", 1L)
			.containsKey("lastSuccess")
			.doesNotContainKey("lastFailure");
		assertThat(health.getDetails().toString()).doesNotContain(SECRET).doesNotContain("token-1");
	}

	@Test
	void theSharedTierShowsInTheDetailsButNeverChangesTheStatus() {
		UnavailableStore store = new UnavailableStore();
		IntrospectionCache cache = IntrospectionCache.builder()
			.shared(store, CacheSecret.of("k7Hq2ZpX9vLr4NwC8sTy1BmF6gJd3QeU5aKo0iVx"), null)
			.build();
		CachingOpaqueTokenIntrospector introspector = CachingOpaqueTokenIntrospector.builder(this.client)
			.cache(cache)
			.build();
		this.idp.enqueue(json(ACTIVE));
		introspector.introspect("token-shared");
		Health health = new IntrospectionHealthIndicator(this.client, cache, null).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).extractingByKey("sharedCache", InstanceOfAssertFactories.MAP)
			.containsEntry("state", "unavailable")
			.containsEntry("hits", 0L)
			// the lookup, then the write of the identity provider's answer
			.containsEntry("errors", 2L);
	}

	/**
	 * A store whose circuit is open: every call refused.
	 */
	static final class UnavailableStore implements SharedStore {

		@Override
		public List<byte @Nullable []> get(List<String> keys) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public void put(String key, byte[] value, Instant expiresAt, Collection<String> indexes,
				Instant indexesExpireAt) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public boolean putIfAbsent(String key, byte[] value, Instant expiresAt) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public List<String> members(Collection<String> indexes) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public void delete(Collection<String> keys) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public void deleteAll(String prefix) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public void publish(String channel, String message) {
			throw new SharedStoreException("open", null);
		}

		@Override
		public void subscribe(String channel, Consumer<String> listener) {
		}

		@Override
		public boolean isAvailable() {
			return false;
		}

	}

	@Test
	void notUpWhileTheCircuitIsOpenOrHalfOpen() {
		this.idp.enqueue(status(503));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> this.client.introspect("token-2"));
		this.circuitBreaker.transitionToOpenState();
		IntrospectionHealthIndicator indicator = new IntrospectionHealthIndicator(this.client, null, null);
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(IntrospectionHealthIndicator.IDP_UNAVAILABLE);
		assertThat(health.getStatus()).isNotIn(Status.UP, Status.DOWN, Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("circuit", "open")
			.containsKey("lastFailure")
			.containsEntry("lastFailureCause", "the identity provider answered HTTP 503")
			.doesNotContainKey("cacheSize");
		assertThat(health.getDetails().toString()).doesNotContain(SECRET).doesNotContain("token-2");
		this.circuitBreaker.transitionToHalfOpenState();
		assertThat(indicator.health().getStatus()).isEqualTo(IntrospectionHealthIndicator.IDP_UNAVAILABLE);
		this.circuitBreaker.transitionToClosedState();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void notUpWhileTheProbeFindsTheCredentialsRefused() {
		IntrospectionHealthProbe probe = new IntrospectionHealthProbe(this.client, "introspection-health-probe",
				Duration.ofSeconds(30));
		IntrospectionHealthIndicator indicator = new IntrospectionHealthIndicator(this.client, null, probe);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.idp.enqueue(status(401));
		probe.probe();
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(IntrospectionHealthIndicator.IDP_UNAVAILABLE);
		assertThat(health.getDetails()).extractingByKey("probe")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("result", "credentials-rejected")
			.containsEntry("httpStatus", 401);
		assertThat(health.getDetails().toString()).doesNotContain(SECRET);
		this.idp.enqueue(json("{\"active\":false}"));
		probe.probe();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

}
