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

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.introspection.sample.E2eHttp.adminClientToken;
import static io.github.introspection.sample.E2eHttp.body;
import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static io.github.introspection.sample.E2eHttp.postJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/orders} with the token in a cookie: a browser would send that cookie
 * on a cross-site form post too, so the starter accepts it only from the app's own origin
 * (or with a double-submit CSRF token). Tokens in a header need no such check.
 */
class CookieCsrfEndToEndTests extends DemoIdpAppTests {

	private static final String ORDER = "{\"item\":\"green tea, 250 g\",\"quantity\":3}";

	@Test
	void cookieTokenWithoutOriginIs403BeforeTheIdpIsAsked() {
		String token = demoClientToken(idp);
		long before = idp.introspectionCount();
		HttpResponse<String> response = postJson(app("/api/orders"), ORDER, "Cookie", "access_token=" + token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertProblemJson(response, 403);
		assertThat(response.body()).doesNotContain(token);
		assertThat(idp.introspectionCount() - before).isZero();
	}

	@Test
	void cookieTokenFromAnotherOriginIs403() {
		String token = demoClientToken(idp);
		assertThat(
				postJson(app("/api/orders"), ORDER, "Cookie", "access_token=" + token, "Origin", "http://evil.example")
					.statusCode())
			.isEqualTo(403);
		assertThat(
				postJson(app("/api/orders"), ORDER, "Cookie", "access_token=" + token, "Sec-Fetch-Site", "cross-site")
					.statusCode())
			.isEqualTo(403);
	}

	@Test
	void cookieTokenFromTheAppsOwnOriginCreatesTheOrder() {
		HttpResponse<String> response = postJson(app("/api/orders"), ORDER, "Cookie",
				"access_token=" + demoClientToken(idp), "Origin", origin());
		assertCreated(response);
	}

	@Test
	void cookieTokenWithSecFetchSiteSameOriginCreatesTheOrder() {
		assertCreated(postJson(app("/api/orders"), ORDER, "Cookie", "access_token=" + demoClientToken(idp),
				"Sec-Fetch-Site", "same-origin"));
	}

	@Test
	void cookieTokenWithDoubleSubmitCsrfTokenCreatesTheOrder() {
		assertCreated(postJson(app("/api/orders"), ORDER, "Cookie",
				"access_token=" + demoClientToken(idp) + "; XSRF-TOKEN=4f0c2a9e", "X-XSRF-TOKEN", "4f0c2a9e"));
		assertThat(postJson(app("/api/orders"), ORDER, "Cookie",
				"access_token=" + demoClientToken(idp) + "; XSRF-TOKEN=4f0c2a9e", "X-XSRF-TOKEN", "guessed")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void headerTokenNeedsNoOrigin() {
		assertCreated(postJson(app("/api/orders"), ORDER, "Authorization", "Bearer " + demoClientToken(idp)));
	}

	@Test
	void cookieTokenOnGetNeedsNoOrigin() {
		assertThat(get(app("/api/orders"), "Cookie", "access_token=" + demoClientToken(idp)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void creatingOrdersNeedsTheOrdersWriteScope() {
		// admin-client has orders:read only
		assertInsufficientScope(
				postJson(app("/api/orders"), ORDER, "Authorization", "Bearer " + adminClientToken(idp)));
	}

	@Test
	void orderWithoutItemIs400() {
		HttpResponse<String> response = postJson(app("/api/orders"), "{\"quantity\":1}", "Authorization",
				"Bearer " + demoClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertProblemJson(response, 400);
	}

	private static void assertCreated(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode order = body(response);
		assertThat(order.get("id").asString()).startsWith("o-");
		assertThat(order.get("item").asString()).isEqualTo("green tea, 250 g");
		assertThat(order.get("quantity").asInt()).isEqualTo(3);
		assertThat(order.get("status").asString()).isEqualTo("received");
		assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + order.get("id").asString());
	}

}
