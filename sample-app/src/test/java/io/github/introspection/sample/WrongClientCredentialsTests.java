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
 * The app misconfigured with a wrong client secret: the IdP rejects the app's own
 * credentials at its introspection endpoint. That is the operator's problem, not the
 * caller's: 503, not 401.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "demo-idp.enabled=false", "introspection.client-config.auth.client-secret=wrong-secret" })
class WrongClientCredentialsTests {

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
	void idpRejectingTheAppsCredentialsIs503() {
		String token = demoClientToken(idp);
		HttpResponse<String> response = get("http://localhost:" + this.port + "/api/me", "Authorization",
				"Bearer " + token);
		assertThat(response.statusCode()).as(response.headers() + " " + response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.body()).doesNotContain(token);
	}

}
