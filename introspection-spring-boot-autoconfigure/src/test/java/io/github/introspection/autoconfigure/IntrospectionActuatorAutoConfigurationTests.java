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

package io.github.introspection.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.introspection.actuate.IntrospectionEndpoint;
import io.github.introspection.actuate.IntrospectionHealthIndicator;
import io.github.introspection.actuate.IntrospectionHealthProbe;
import io.github.introspection.actuate.IntrospectionMetrics;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.IntrospectionCacheMetrics;
import io.github.introspection.cache.SharedStore;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IntrospectionActuatorAutoConfiguration}: meters with Micrometer, the health
 * contributor and its probe with Spring Boot's health module, the endpoint only where
 * Spring Boot's exposure rules make it available, and a starter that still starts without
 * any of them.
 */
class IntrospectionActuatorAutoConfigurationTests {

	private static final String SECRET = "top-secret-value";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class,
				IntrospectionActuatorAutoConfiguration.class))
		.withPropertyValues("introspection.client-config.url=https://idp.example.com/introspect?api_key=" + SECRET,
				"introspection.client-config.auth.client-id=app",
				"introspection.client-config.auth.client-secret=" + SECRET,
				"introspection.client-config.headers.X-Api-Key=" + SECRET);

	@Test
	void healthContributorAndMetersWithActuator() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(IntrospectionHealthIndicator.class);
			assertThat(context).hasBean("introspectionHealthIndicator");
			assertThat(context).hasSingleBean(IntrospectionMetrics.class);
			assertThat(context).doesNotHaveBean(IntrospectionHealthProbe.class);
			assertThat(context).doesNotHaveBean(IntrospectionReadinessGroupPostProcessor.class);
			assertThat(context.getBean(IntrospectionHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void endpointIsNotExposedByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(IntrospectionEndpoint.class));
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=introspection",
					"management.endpoint.introspection.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(IntrospectionEndpoint.class));
	}

	@Test
	void endpointWhenExposedReadsNoSecret() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health,introspection")
			.run((context) -> {
				assertThat(context).hasSingleBean(IntrospectionEndpoint.class);
				String json = JsonMapper.builder()
					.build()
					.writeValueAsString(context.getBean(IntrospectionEndpoint.class).introspection());
				assertThat(json).contains("\"url\":\"https://idp.example.com/introspect\"")
					.contains("\"client-id\":\"app\"")
					.contains("\"headers\":[\"X-Api-Key\"]")
					.contains("\"method\":\"client-secret-basic\"")
					.doesNotContain(SECRET)
					.doesNotContain("api_key");
			});
	}

	@Test
	void metersCountRequestsThroughTheAutoConfiguredIntrospector() throws IOException {
		try (MockWebServer idp = new MockWebServer()) {
			idp.start();
			idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
				.body("{\"active\":true,\"sub\":\"alice\"}")
				.build());
			this.runner.withPropertyValues("introspection.client-config.url=" + idp.url("/introspect"))
				.run((context) -> {
					SimpleMeterRegistry registry = new SimpleMeterRegistry();
					context.getBean(IntrospectionMetrics.class).bindTo(registry);
					OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
					introspector.introspect("token-1");
					introspector.introspect("token-1");
					assertThat(registry.get("introspection.requests")
						.tags("source", "idp", "outcome", "active")
						.functionCounter()
						.count()).isEqualTo(1);
					assertThat(registry.get("introspection.requests")
						.tags("source", "cache", "outcome", "active")
						.functionCounter()
						.count()).isEqualTo(1);
					assertThat(registry.get("introspection.idp.calls").timer().count()).isEqualTo(1);
				});
		}
	}

	@Test
	void withoutTheCacheTheClientCountsEveryRequest() throws IOException {
		try (MockWebServer idp = new MockWebServer()) {
			idp.start();
			for (int i = 0; i < 2; i++) {
				idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
					.body("{\"active\":true,\"sub\":\"alice\"}")
					.build());
			}
			this.runner
				.withPropertyValues("introspection.client-config.url=" + idp.url("/introspect"),
						"introspection.cache.enabled=false")
				.run((context) -> {
					SimpleMeterRegistry registry = new SimpleMeterRegistry();
					context.getBean(IntrospectionMetrics.class).bindTo(registry);
					OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
					introspector.introspect("token-1");
					introspector.introspect("token-1");
					assertThat(registry.get("introspection.requests")
						.tags("source", "idp", "outcome", "active")
						.functionCounter()
						.count()).isEqualTo(2);
				});
		}
	}

	@Test
	void probeWhenEnabled() throws Exception {
		try (MockWebServer idp = new MockWebServer()) {
			idp.start();
			idp.enqueue(new MockResponse.Builder().code(401).build());
			this.runner
				.withPropertyValues("introspection.client-config.url=" + idp.url("/introspect"),
						"introspection.health.probe.enabled=true", "introspection.health.probe.interval=1h",
						"introspection.health.probe.token=not-a-token-42")
				.run((context) -> {
					assertThat(context).hasSingleBean(IntrospectionHealthProbe.class);
					assertThat(idp.takeRequest(10, TimeUnit.SECONDS).getBody().utf8())
						.startsWith("token=not-a-token-42");
					IntrospectionHealthProbe probe = context.getBean(IntrospectionHealthProbe.class);
					long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
					while (probe.getLastResult() == null && System.nanoTime() < end) {
						Thread.sleep(5);
					}
					assertThat(context.getBean(IntrospectionHealthIndicator.class).health().getStatus())
						.isEqualTo(IntrospectionHealthIndicator.IDP_UNAVAILABLE);
				});
		}
	}

	@Test
	void readinessAddsTheContributorToTheReadinessGroup() {
		this.runner.withPropertyValues("introspection.health.readiness=true", "introspection.health.probe.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(IntrospectionReadinessGroupPostProcessor.class));
	}

	@Test
	void startupFailsOnABadHealthSetting() {
		this.runner.withPropertyValues("introspection.health.readiness=true")
			.run((context) -> assertInvalid(context, "introspection.health.readiness",
					"needs introspection.health.probe.enabled=true"));
		this.runner.withPropertyValues("introspection.health.probe.interval=0s")
			.run((context) -> assertInvalid(context, "introspection.health.probe.interval", "must be positive"));
		this.runner.withPropertyValues("introspection.health.probe.token=")
			.run((context) -> assertInvalid(context, "introspection.health.probe.token", "must not be empty"));
	}

	@Test
	void healthContributorCanBeTurnedOff() {
		this.runner.withPropertyValues("management.health.introspection.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(IntrospectionHealthIndicator.class);
			assertThat(context).hasSingleBean(IntrospectionMetrics.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationHasItsOwnIntrospector() {
		this.runner
			.withBean(OpaqueTokenIntrospector.class,
					() -> SpringOpaqueTokenIntrospector.withIntrospectionUri("https://idp.example.com/introspect")
						.clientId("app")
						.clientSecret("secret")
						.build())
			.withPropertyValues("management.endpoints.web.exposure.include=introspection")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(IntrospectionHealthIndicator.class);
				assertThat(context).doesNotHaveBean(IntrospectionMetrics.class);
				assertThat(context).doesNotHaveBean(IntrospectionEndpoint.class);
			});
	}

	@Test
	void theStarterStartsWithoutActuatorMicrometerOrRedis() {
		this.runner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate",
							"io.micrometer.core", "org.springframework.data.redis", "io.lettuce"))
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"introspection.health.probe.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ValidatingOpaqueTokenIntrospector.class);
				assertThat(context).hasSingleBean(IntrospectionCache.class);
				assertThat(context).doesNotHaveBean(SharedStore.class);
				assertThat(context).doesNotHaveBean(IntrospectionHealthIndicator.class);
				assertThat(context).doesNotHaveBean(IntrospectionHealthProbe.class);
				assertThat(context).doesNotHaveBean(IntrospectionEndpoint.class);
				assertThat(context).doesNotHaveBean(IntrospectionMetrics.class);
				assertThat(context).doesNotHaveBean(IntrospectionCacheMetrics.class);
			});
		// the health module alone (no Actuator endpoints, no Micrometer)
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer.core"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(IntrospectionHealthIndicator.class);
				assertThat(context).doesNotHaveBean(IntrospectionMetrics.class);
			});
	}

	private static void assertInvalid(AssertableWebApplicationContext context, String key, String reason) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.satisfies((ex) -> {
				InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) ex;
				assertThat(invalid.getName()).isEqualTo(key);
				assertThat(invalid.getMessage()).contains(reason);
			});
	}

}
