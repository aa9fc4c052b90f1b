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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.observation.ClientRequestObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Calls to the identity provider are observed through the application's
 * {@link ObservationRegistry} (so they show up as {@code http.client.requests}), without
 * the token.
 */
class ObservationTests {

	@Test
	void introspectionCallsAreObservedWithoutTheToken() throws Exception {
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = recording(observed);
		try (MockWebServer idp = new MockWebServer()) {
			idp.start();
			idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\"}"));
			TestApp.runner(idp).withBean(ObservationRegistry.class, () -> registry).run((context) -> {
				TestApp.mvc(context)
					.perform(get("/api/hello").header("Authorization", "Bearer secret-token-42"))
					.andExpect(status().isOk());
				assertThat(observed).anySatisfy((observation) -> {
					assertThat(observation).isInstanceOf(ClientRequestObservationContext.class);
					assertThat(observation.getName()).isEqualTo("http.client.requests");
					assertThat(observation.getLowCardinalityKeyValues().stream().map(Object::toString))
						.noneMatch((keyValue) -> keyValue.contains("secret-token-42"));
					assertThat(observation.getHighCardinalityKeyValues().stream().map(Object::toString))
						.noneMatch((keyValue) -> keyValue.contains("secret-token-42"));
					// told apart from the application's other HTTP clients
					assertThat(observation.getLowCardinalityKeyValue("client.name").getValue())
						.isEqualTo("introspection");
					assertThat(observation.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/introspect");
				});
			});
		}
	}

	@Test
	void theObservedUrlHasNeitherTheEndpointsQueryNorItsUserInformation() throws Exception {
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = recording(observed);
		try (MockWebServer idp = new MockWebServer()) {
			idp.start();
			idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\"}"));
			TestApp.runner(idp, "introspection.client-config.url=" + idp.url("/introspect?api_key=query-secret-7"))
				.withBean(ObservationRegistry.class, () -> registry)
				.run((context) -> {
					TestApp.mvc(context)
						.perform(get("/api/hello").header("Authorization", "Bearer secret-token-42"))
						.andExpect(status().isOk());
					assertThat(observed).anySatisfy((observation) -> {
						assertThat(observation).isInstanceOf(ClientRequestObservationContext.class);
						assertThat(observation.getHighCardinalityKeyValue("http.url").getValue())
							.isEqualTo(idp.url("/introspect").toString());
						assertThat(observation.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/introspect");
						assertThat(observation.getAllKeyValues().stream().map(Object::toString))
							.noneMatch((keyValue) -> keyValue.contains("query-secret-7"));
					});
				});
		}
	}

	// a registry that keeps every stopped observation
	private static ObservationRegistry recording(List<Observation.Context> observed) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return registry;
	}

}
