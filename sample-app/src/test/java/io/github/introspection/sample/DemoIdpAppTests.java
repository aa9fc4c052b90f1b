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

package io.github.introspection.sample;

import java.net.http.HttpResponse;

import io.github.introspection.sample.demoidp.DemoIdp;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.introspection.sample.E2eHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end test classes that run the sample app, on a random port, against
 * one demo IdP shared by all of them: the IdP starts once per test JVM (and stops with
 * it), and the classes that add no properties of their own share one app context too.
 * Tests run one at a time, so a class may measure the IdP's
 * {@link DemoIdp#introspectionCount() introspection count} as a before/after difference.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "demo-idp.enabled=false")
abstract class DemoIdpAppTests {

	static final DemoIdp idp = DemoIdp.start(0);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void introspectAtTheDemoIdp(DynamicPropertyRegistry registry) {
		registry.add("introspection.client-config.url", idp::introspectionUri);
	}

	String app(String path) {
		return "http://localhost:" + this.port + path;
	}

	String origin() {
		return "http://localhost:" + this.port;
	}

	static void assertProblemJson(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.get("status").asInt()).as(response.body()).isEqualTo(status);
		assertThat(problem.hasNonNull("detail")).as(response.body()).isTrue();
	}

	static void assertInsufficientScope(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"insufficient_scope\""));
		assertProblemJson(response, 403);
	}

}
