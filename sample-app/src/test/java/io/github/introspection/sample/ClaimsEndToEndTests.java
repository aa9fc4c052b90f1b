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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.introspection.sample.E2eHttp.adminClientToken;
import static io.github.introspection.sample.E2eHttp.body;
import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static io.github.introspection.sample.E2eHttp.opsClientToken;
import static io.github.introspection.sample.E2eHttp.sampleAppToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorizing on claims, end to end: {@code @RequireClaims}, {@code @claims.matches}, the
 * per-path rule of an {@code IntrospectionRequestAuthorizationCustomizer}, {@code @Claim}
 * parameters and forwarded headers, with tokens of the demo IdP's clients ({@code group}:
 * demo-client {@code dev}, admin-client {@code admin}, ops-client {@code ops}, sample-app
 * none).
 */
class ClaimsEndToEndTests extends DemoIdpAppTests {

	@Test
	void devEndpointWithRequireClaimsAdmitsGroupDevOnly() {
		HttpResponse<String> dev = get(app("/api/dev"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(dev.statusCode()).as(dev.body()).isEqualTo(200);
		assertThat(dev.body()).isEqualTo("hello, developer demo-client");

		assertInsufficientScope(get(app("/api/dev"), "Authorization", "Bearer " + adminClientToken(idp)));
		assertInsufficientScope(get(app("/api/dev"), "Authorization", "Bearer " + opsClientToken(idp)));
		// no group claim at all: the rule does not match, and nothing breaks
		assertInsufficientScope(get(app("/api/dev"), "Authorization", "Bearer " + sampleAppToken(idp)));
	}

	@Test
	void adminEndpointWithClaimsMatchesAdmitsGroupAdminOnly() {
		HttpResponse<String> admin = get(app("/api/admin"), "Authorization", "Bearer " + adminClientToken(idp));
		assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
		assertThat(admin.body()).isEqualTo("hello, administrator admin-client");

		assertInsufficientScope(get(app("/api/admin"), "Authorization", "Bearer " + demoClientToken(idp)));
	}

	@Test
	void opsPathRuleAdmitsGroupOpsOnly() {
		HttpResponse<String> ops = get(app("/api/ops/status"), "Authorization", "Bearer " + opsClientToken(idp));
		assertThat(ops.statusCode()).as(ops.body()).isEqualTo(200);
		JsonNode status = body(ops);
		assertThat(status.get("status").asString()).isEqualTo("ok");
		assertThat(status.get("operator").asString()).isEqualTo("ops-client");

		assertInsufficientScope(get(app("/api/ops/status"), "Authorization", "Bearer " + demoClientToken(idp)));
		assertInsufficientScope(get(app("/api/ops/status"), "Authorization", "Bearer " + adminClientToken(idp)));
		// the rule covers the whole path, mapped or not: no token is still 401 first
		assertThat(get(app("/api/ops/status")).statusCode()).isEqualTo(401);
		assertInsufficientScope(get(app("/api/ops/anything"), "Authorization", "Bearer " + demoClientToken(idp)));
	}

	@Test
	void groupClaimIsInjected() {
		assertThat(get(app("/api/group"), "Authorization", "Bearer " + demoClientToken(idp)).body()).isEqualTo("dev");
		assertThat(get(app("/api/group"), "Authorization", "Bearer " + opsClientToken(idp)).body()).isEqualTo("ops");
	}

	@Test
	void missingRequiredClaimIs403() {
		// sample-app's own token has no group claim, and @Claim("group") is required
		assertInsufficientScope(get(app("/api/group"), "Authorization", "Bearer " + sampleAppToken(idp)));
	}

	@Test
	void nestedRolesClaimIsInjectedAsList() {
		HttpResponse<String> response = get(app("/api/roles"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("[\"orders-reader\",\"dev\"]");
	}

	@Test
	void missingOptionalClaimIsAnEmptyList() {
		// admin-client has no realm_access; the parameter is @Claim(required = false)
		HttpResponse<String> response = get(app("/api/roles"), "Authorization", "Bearer " + adminClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[]");
	}

	@Test
	void forwardedHeadersCarryTheTokensClaims() {
		HttpResponse<String> response = get(app("/api/forwarded"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(xAuthHeaders(response))
			.containsExactlyInAnyOrderEntriesOf(Map.of("x-auth-subject", "demo-client", "x-auth-group", "dev"));
	}

	@Test
	void forgedForwardedHeadersAreReplaced() {
		HttpResponse<String> response = get(app("/api/forwarded"), "Authorization", "Bearer " + demoClientToken(idp),
				"X-Auth-Subject", "mallory", "X-Auth-Group", "admin", "X-Auth-Other", "not-configured");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		// only the configured names are the starter's: other X-Auth-* headers pass as
		// sent
		assertThat(xAuthHeaders(response)).containsExactlyInAnyOrderEntriesOf(
				Map.of("x-auth-subject", "demo-client", "x-auth-group", "dev", "x-auth-other", "not-configured"));
	}

	@Test
	void forgedForwardedHeaderForAMissingClaimIsDropped() {
		// sample-app's token has a sub but no group: X-Auth-Group is absent, not the
		// forged value
		HttpResponse<String> response = get(app("/api/forwarded"), "Authorization", "Bearer " + sampleAppToken(idp),
				"X-Auth-Group", "admin");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(xAuthHeaders(response)).containsExactlyInAnyOrderEntriesOf(Map.of("x-auth-subject", "sample-app"));
	}

	@Test
	void forgedForwardedHeadersGetNoFurtherThanTheTokenCheck() {
		HttpResponse<String> response = get(app("/api/forwarded"), "X-Auth-Subject", "mallory", "X-Auth-Group",
				"admin");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("mallory");
	}

	/** The JSON object of {@code /api/forwarded}, with header names in lower case. */
	private static Map<String, String> xAuthHeaders(HttpResponse<String> response) {
		Map<String, String> headers = new TreeMap<>();
		body(response).properties()
			.forEach((entry) -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asString()));
		return headers;
	}

}
