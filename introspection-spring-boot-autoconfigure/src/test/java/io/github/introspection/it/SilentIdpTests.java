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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * An identity provider that accepts the connection and never answers holds no request
 * thread past {@code timeout × (max-retries + 1)} plus backoff: the caller gets a 503
 * with {@code Retry-After}; and after the circuit breaker opens, the next callers get it
 * at once.
 */
class SilentIdpTests {

	@Test
	void silentIdpIsAServiceUnavailableWithinTheTimeoutBudget() throws Exception {
		try (MockWebServer unused = new MockWebServer();
				ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			unused.start();
			String url = "http://127.0.0.1:" + silent.getLocalPort() + "/introspect";
			TestApp
				.runner(unused, "introspection.client-config.url=" + url, "introspection.client-config.timeout=500ms",
						"introspection.client-config.max-retries=1",
						"introspection.client-config.circuit-breaker.minimum-calls=1",
						"introspection.client-config.circuit-breaker.open-duration=30s")
				.run((context) -> {
					long start = System.nanoTime();
					MockHttpServletResponse first = TestApp.mvc(context)
						.perform(get("/api/hello").header("Authorization", "Bearer t1"))
						.andReturn()
						.getResponse();
					Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
					assertThat(first.getStatus()).isEqualTo(503);
					assertThat(first.getHeader("Retry-After")).isNotNull();
					// 2 attempts of 500 ms, one backoff of at most 150 ms, and slack for
					// a busy machine
					assertThat(firstTook).isLessThan(Duration.ofMillis(3000));
					start = System.nanoTime();
					MockHttpServletResponse second = TestApp.mvc(context)
						.perform(get("/api/hello").header("Authorization", "Bearer t2"))
						.andReturn()
						.getResponse();
					assertThat(second.getStatus()).isEqualTo(503);
					assertThat(Integer.parseInt(second.getHeader("Retry-After"))).isBetween(25, 30);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
				});
		}
	}

}
