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
 * The sample's Actuator: health (with its liveness and readiness groups and the
 * introspection component's details) and metrics without a token, the introspection
 * endpoint for group {@code admin} only.
 */
class ActuatorEndToEndTests extends DemoIdpAppTests {

	@Test
	void healthAnswersWithoutATokenWithTheIntrospectionComponentsDetails() {
		HttpResponse<String> response = get(app("/actuator/health"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode health = body(response);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode introspection = health.get("components").get("introspection");
		assertThat(introspection.get("status").asString()).isEqualTo("UP");
		assertThat(introspection.get("details").get("endpoint").asString()).isEqualTo(idp.introspectionUri());
		assertThat(introspection.get("details").get("circuit").asString()).isEqualTo("closed");
		assertThat(introspection.get("details").has("callsInFlight")).isTrue();
		assertThat(response.body()).doesNotContain("sample-secret");
		assertThat(health.get("groups").toString()).contains("liveness").contains("readiness");
	}

	@Test
	void livenessAndReadinessAnswerWithoutAToken() {
		for (String group : new String[] { "liveness", "readiness" }) {
			HttpResponse<String> response = get(app("/actuator/health/" + group));
			assertThat(response.statusCode()).as(group + ": " + response.body()).isEqualTo(200);
			assertThat(body(response).get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void metricsAnswerWithoutATokenAndCountIntrospections() {
		String token = demoClientToken(idp);
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		HttpResponse<String> names = get(app("/actuator/metrics"));
		assertThat(names.statusCode()).isEqualTo(200);
		assertThat(body(names).get("names").toString()).contains("introspection.requests")
			.contains("introspection.idp.calls")
			.contains("introspection.circuit.state")
			.contains("cache.gets");
		HttpResponse<String> hits = get(
				app("/actuator/metrics/introspection.requests?tag=source:cache&tag=outcome:active"));
		assertThat(hits.statusCode()).as(hits.body()).isEqualTo(200);
		assertThat(body(hits).get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
		HttpResponse<String> calls = get(app("/actuator/metrics/introspection.idp.calls"));
		assertThat(calls.statusCode()).isEqualTo(200);
		assertThat(calls.body()).doesNotContain(token);
		assertThat(body(calls).get("availableTags").toString()).contains("{\"tag\":\"outcome\",\"values\":[")
			.contains("\"active\"")
			.contains("{\"tag\":\"status\",\"values\":[")
			.contains("\"2xx\"");
		HttpResponse<String> http = get(app("/actuator/metrics/http.client.requests?tag=client.name:introspection"));
		assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
		assertThat(http.body()).contains("/oauth2/introspect").doesNotContain(token);
	}

	@Test
	void theIntrospectionEndpointNeedsATokenOfGroupAdmin() {
		assertThat(get(app("/actuator/introspection")).statusCode()).isEqualTo(401);
		HttpResponse<String> dev = get(app("/actuator/introspection"), "Authorization",
				"Bearer " + demoClientToken(idp));
		assertInsufficientScope(dev);
		HttpResponse<String> admin = get(app("/actuator/introspection"), "Authorization",
				"Bearer " + adminClientToken(idp));
		assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
		JsonNode introspection = body(admin);
		assertThat(introspection.get("configuration").get("client-config").get("auth").get("client-id").asString())
			.isEqualTo("sample-app");
		assertThat(introspection.get("identityProvider").get("circuit").asString()).isEqualTo("closed");
		assertThat(introspection.get("cache").get("size").asLong()).isPositive();
		assertThat(admin.body()).doesNotContain("sample-secret");
	}

	@Test
	void anAdminEvictsATokenSentInTheBody() {
		String admin = adminClientToken(idp);
		String token = demoClientToken(idp);
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		long before = idp.introspectionCount();
		HttpResponse<String> evicted = postJson(app("/actuator/introspection"), "{\"token\":\"" + token + "\"}",
				"Authorization", "Bearer " + admin);
		assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(200);
		assertThat(body(evicted).get("evicted").asLong()).isEqualTo(1);
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		// the admin's own token was introspected for the eviction, then the evicted one
		// again
		assertThat(idp.introspectionCount() - before).isEqualTo(2);
	}

	@Test
	void anAdminEvictsEveryAnswerOfAClientSentInTheBodyAndOnlyOneFieldIsAccepted() {
		String admin = adminClientToken(idp);
		String token = demoClientToken(idp);
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		HttpResponse<String> evicted = postJson(app("/actuator/introspection"), "{\"client_id\":\"demo-client\"}",
				"Authorization", "Bearer " + admin);
		assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(200);
		assertThat(body(evicted).get("evicted").asLong()).isPositive();
		long before = idp.introspectionCount();
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(idp.introspectionCount() - before).isEqualTo(1);
		for (String bad : new String[] { "{}", "{\"sub\":\"demo-client\",\"sid\":\"s-1\"}" }) {
			HttpResponse<String> refused = postJson(app("/actuator/introspection"), bad, "Authorization",
					"Bearer " + admin);
			assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
		}
	}

}
