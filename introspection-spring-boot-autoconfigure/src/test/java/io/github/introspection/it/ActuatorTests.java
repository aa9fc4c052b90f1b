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

package io.github.introspection.it;

import java.io.IOException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application with Spring Boot Actuator: {@code /actuator/health}, its
 * {@code liveness} and {@code readiness} groups while the identity provider is
 * unavailable, and the {@code introspection} endpoint, over HTTP.
 */
class ActuatorTests {

	private static final String SECRET = TestApp.CLIENT_SECRET;

	private static MockWebServer idp;

	@BeforeAll
	static void startIdp() throws IOException {
		idp = new MockWebServer();
		idp.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return TestApp.json("{\"active\":true,\"sub\":\"alice\"}");
			}

		});
		idp.start();
	}

	@AfterAll
	static void stopIdp() {
		idp.close();
	}

	private WebApplicationContextRunner runner(String... properties) {
		return TestApp
			.runner(idp, "introspection.public-paths=/public/**,/actuator/**",
					"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
					// open stays open: no request or probe closes it during a test
					"introspection.client-config.circuit-breaker.open-duration=1h",
					// Spring Data Redis is on the test class path (the shared cache
					// tier), no
					// Redis server is: Boot's own Redis contributor would be DOWN
					"management.health.redis.enabled=false")
			.withUserConfiguration(Actuator.class)
			.withPropertyValues(properties);
	}

	@Test
	void openCircuitShowsInTheComponentButNeitherInOverallHealthNorInLivenessNorReadiness() {
		runner().run((context) -> {
			MockMvc mvc = ready(context);
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UP"))
				.andExpect(jsonPath("$.components.introspection.status").value("UP"))
				.andExpect(jsonPath("$.components.introspection.details.circuit").value("closed"))
				.andExpect(jsonPath("$.components.introspection.details.endpoint")
					.value(idp.url("/introspect").toString()));
			context.getBean("introspectionCircuitBreaker", CircuitBreaker.class).transitionToOpenState();
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UP"))
				.andExpect(jsonPath("$.components.introspection.status").value("IDP_UNAVAILABLE"))
				.andExpect(jsonPath("$.components.introspection.details.circuit").value("open"))
				.andExpect(content().string(not(containsString(SECRET))));
			mvc.perform(get("/actuator/health/introspection"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("IDP_UNAVAILABLE"));
			mvc.perform(get("/actuator/health/liveness"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UP"));
			mvc.perform(get("/actuator/health/readiness"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UP"));
		});
	}

	@Test
	void withTheReadinessPropertyAnOpenCircuitTakesTheApplicationOutOfReadinessOnly() {
		runner("introspection.health.readiness=true", "introspection.health.probe.enabled=true",
				"introspection.health.probe.interval=1h")
			.run((context) -> {
				MockMvc mvc = ready(context);
				mvc.perform(get("/actuator/health/readiness"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.status").value("UP"));
				context.getBean("introspectionCircuitBreaker", CircuitBreaker.class).transitionToOpenState();
				mvc.perform(get("/actuator/health/readiness"))
					.andExpect(status().isServiceUnavailable())
					.andExpect(jsonPath("$.status").value("OUT_OF_SERVICE"));
				mvc.perform(get("/actuator/health/liveness"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.status").value("UP"));
				mvc.perform(get("/actuator/health"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.status").value("UP"))
					.andExpect(jsonPath("$.components.introspection.status").value("IDP_UNAVAILABLE"));
			});
	}

	@Test
	void theEndpointIsNotExposedByDefault() {
		runner().run((context) -> TestApp.mvc(context)
			.perform(get("/actuator/introspection"))
			.andExpect(status().isNotFound()));
	}

	@Test
	void theEndpointReadsNoSecretAndEvictsWithTheTokenInTheBody() {
		runner("management.endpoints.web.exposure.include=health,introspection").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Authorization", "Bearer token-in-cache-1"))
				.andExpect(status().isOk());
			int calls = idp.getRequestCount();
			mvc.perform(get("/actuator/introspection"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.cache.size").value(1))
				.andExpect(jsonPath("$.identityProvider.circuit").value("closed"))
				.andExpect(jsonPath("$.configuration.client-config.auth.client-id").value("app"))
				.andExpect(content().string(not(containsString(SECRET))))
				.andExpect(content().string(not(containsString("token-in-cache-1"))));
			mvc.perform(post("/actuator/introspection").contentType(MediaType.APPLICATION_JSON)
				.content("{\"token\":\"token-in-cache-1\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.evicted").value(1));
			mvc.perform(get("/api/hello").header("Authorization", "Bearer token-in-cache-1"))
				.andExpect(status().isOk());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer token-in-cache-2"))
				.andExpect(status().isOk());
			assertThat(idp.getRequestCount()).isEqualTo(calls + 2);
			mvc.perform(delete("/actuator/introspection"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.evicted").value(2));
		});
	}

	// What SpringApplication publishes once the application runs (a context runner does
	// not): live, and ready for traffic.
	private static MockMvc ready(ApplicationContext context) {
		AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		return TestApp.mvc((WebApplicationContext) context);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Actuator {

	}

}
