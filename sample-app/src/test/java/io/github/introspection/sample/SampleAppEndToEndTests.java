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

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.introspection.sample.E2eHttp.adminClientToken;
import static io.github.introspection.sample.E2eHttp.body;
import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static io.github.introspection.sample.E2eHttp.revoke;
import static io.github.introspection.sample.E2eHttp.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app against a real demo IdP, both over HTTP: tokens from the IdP's token
 * endpoint, checked by the starter at the IdP's introspection endpoint.
 */
class SampleAppEndToEndTests extends DemoIdpAppTests {

	@Test
	void publicPathNeedsNoToken() {
		HttpResponse<String> response = get(app("/public/hello"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello, world");
	}

	@Test
	void helloGreetsThePrincipal() {
		HttpResponse<String> response = get(app("/api/hello"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello, demo-client");
	}

	@Test
	void meWithTokenInAuthorizationHeader() {
		HttpResponse<String> response = get(app("/api/me"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode me = body(response);
		assertThat(me.get("name").asString()).isEqualTo("demo-client");
		// scope -> SCOPE_, and realm_access.roles -> ROLE_ (introspection.authorities)
		assertThat(me.get("authorities").toString()).contains("\"SCOPE_orders:read\"", "\"SCOPE_orders:write\"",
				"\"ROLE_orders-reader\"", "\"ROLE_dev\"");
		JsonNode claims = me.get("claims");
		assertThat(claims.get("active").asBoolean()).isTrue();
		assertThat(claims.get("group").asString()).isEqualTo("dev");
		assertThat(claims.get("client_id").asString()).isEqualTo("demo-client");
		assertThat(claims.get("preferred_username").asString()).isEqualTo("demo-client");
		assertThat(claims.get("iss").asString()).isEqualTo(idp.issuer());
		assertThat(claims.get("realm_access").get("roles").toString()).isEqualTo("[\"orders-reader\",\"dev\"]");
		// instants come back as epoch seconds, as the IdP sent them
		assertThat(claims.get("exp").isNumber()).as(claims.toString()).isTrue();
		assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
		assertThat(claims.get("iat").asLong()).isLessThanOrEqualTo(Instant.now().getEpochSecond() + 1);
	}

	@Test
	void meWithTokenInQueryParameterIsNotCached() {
		HttpResponse<String> response = get(app("/api/me?access_token=" + demoClientToken(idp)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(body(response).get("name").asString()).isEqualTo("demo-client");
		assertThat(response.headers().allValues("Cache-Control"))
			.anySatisfy((value) -> assertThat(value).contains("no-store"));
	}

	@Test
	void tokenWithoutRolesHasScopeAuthoritiesOnly() {
		HttpResponse<String> response = get(app("/api/me"), "Authorization", "Bearer " + adminClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode me = body(response);
		assertThat(me.get("name").asString()).isEqualTo("admin-client");
		assertThat(me.get("authorities").toString()).contains("\"SCOPE_orders:read\"").doesNotContain("ROLE_");
	}

	@Test
	void meWithTokenInCookie() {
		HttpResponse<String> response = get(app("/api/me"), "Cookie", "access_token=" + demoClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(body(response).get("name").asString()).isEqualTo("demo-client");
	}

	@Test
	void noTokenIs401WithBareBearerChallenge() {
		HttpResponse<String> response = get(app("/api/me"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> {
			assertThat(challenge).startsWith("Bearer");
			assertThat(challenge).doesNotContain("error=");
		});
	}

	@Test
	void unknownTokenIs401InvalidToken() {
		String token = "not-a-token-the-idp-issued";
		HttpResponse<String> response = get(app("/api/me"), "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		assertProblemJson(response, 401);
		assertThat(response.body()).doesNotContain(token);
	}

	@Test
	void tokenRevokedBeforeFirstUseIsRejected() {
		// Revoked before the app ever saw it, so no cache can still hold it as active.
		String token = demoClientToken(idp);
		revoke(idp, "demo-client", "demo-secret", token);
		HttpResponse<String> response = get(app("/api/me"), "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	@Test
	void malformedQueryParameterNameFailsOnlyWhenItCouldBeTheTokenParameter() throws Exception {
		// Tomcat passes "%zz" in the query on; only the token parameter (or a name that
		// could be read as it) fails the request
		assertThat(rawGet("/public/hello?bad%zz=1")).startsWith("HTTP/1.1 200");
		assertThat(rawGet("/api/hello?bad%zz=1")).startsWith("HTTP/1.1 401");
		assertThat(rawGet("/api/hello?access_token%zz=1")).startsWith("HTTP/1.1 400");
		// a public path ignores its tokens, however malformed
		assertThat(rawGet("/public/hello?access_token%zz=1")).startsWith("HTTP/1.1 200");
	}

	@Test
	void tokenInHeaderAndQueryIs400InvalidRequest() {
		String token = demoClientToken(idp);
		HttpResponse<String> response = get(app("/api/me?access_token=" + token), "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_request\""));
		assertProblemJson(response, 400);
	}

	@Test
	void ordersNeedTheOrdersReadScope() {
		HttpResponse<String> response = get(app("/api/orders"), "Authorization", "Bearer " + adminClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode orders = body(response);
		assertThat(orders.isArray()).isTrue();
		assertThat(orders.size()).isEqualTo(2);
		assertThat(orders.get(0).get("id").asString()).isEqualTo("o-1001");

		// sample-app's own token carries no scope at all
		HttpResponse<String> noScope = get(app("/api/orders"), "Authorization",
				"Bearer " + token(idp, "sample-app", "sample-secret", ""));
		assertThat(noScope.statusCode()).isEqualTo(403);
	}

	// The JDK client refuses a URI with a bad escape: the request line is written by hand
	private String rawGet(String target) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
