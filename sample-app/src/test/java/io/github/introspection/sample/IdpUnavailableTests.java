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
import java.time.Duration;

import io.github.introspection.sample.demoidp.DemoIdp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app when its IdP goes away: a token the app has never seen cannot be checked, so
 * the caller gets 503 with {@code Retry-After}, not a 401 that would hide the outage. Its
 * own IdP, stopped by the test, so the other test classes keep theirs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "demo-idp.enabled=false")
class IdpUnavailableTests {

	static final DemoIdp idp = DemoIdp.start(0);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void introspectAtTheDemoIdp(DynamicPropertyRegistry registry) {
		registry.add("introspection.client-config.url", idp::introspectionUri);
	}

	@AfterAll
	static void stopIdp() {
		idp.close();
	}

	@Test
	void stoppedIdpIs503WithRetryAfter() {
		String token = demoClientToken(idp);
		HttpResponse<String> before = get(app("/public/hello"));
		assertThat(before.statusCode()).isEqualTo(200);

		idp.close();

		long start = System.nanoTime();
		HttpResponse<String> response = get(app("/api/me"), "Authorization", "Bearer " + token);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).as(response.headers() + " " + response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).as(response.headers().toString())
			.hasValueSatisfying((retryAfter) -> assertThat(retryAfter).isNotBlank());
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).doesNotContain(token);
		// connection refused is retried (max-retries 3, with backoff), but not for long
		assertThat(took).isLessThan(Duration.ofSeconds(20));

		// public paths do not depend on the IdP
		assertThat(get(app("/public/hello")).statusCode()).isEqualTo(200);
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

}
