package io.github.introspection.sample;

import java.net.http.HttpResponse;
import java.time.Instant;

import io.github.introspection.sample.demoidp.DemoIdp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "demo-idp.enabled=false")
class SampleAppEndToEndTests {

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
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode me = body(response);
		assertThat(me.get("name").asString()).isEqualTo("demo-client");
		assertThat(me.get("authorities").toString()).contains("\"SCOPE_orders:read\"", "\"SCOPE_orders:write\"");
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
		assertThat(response.headers().allValues("Cache-Control")).anySatisfy(
				(value) -> assertThat(value).contains("no-store"));
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
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer")
				.contains("error=\"invalid_token\""));
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
	void tokenInHeaderAndQueryIs400InvalidRequest() {
		String token = demoClientToken(idp);
		HttpResponse<String> response = get(app("/api/me?access_token=" + token), "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer")
				.contains("error=\"invalid_request\""));
		assertProblemJson(response, 400);
	}

	@Test
	void adminEndpointIs403ForDemoClient() {
		HttpResponse<String> response = get(app("/api/admin"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer")
				.contains("error=\"insufficient_scope\""));
		assertProblemJson(response, 403);
	}

	@Test
	void adminEndpointIs200ForAdminClient() {
		HttpResponse<String> response = get(app("/api/admin"), "Authorization", "Bearer " + adminClientToken(idp));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello, administrator admin-client");
	}

	@Test
	void devEndpointIs200ForDemoClientAnd403ForOpsClient() {
		HttpResponse<String> dev = get(app("/api/dev"), "Authorization", "Bearer " + demoClientToken(idp));
		assertThat(dev.statusCode()).as(dev.body()).isEqualTo(200);
		assertThat(dev.body()).isEqualTo("hello, developer demo-client");
		HttpResponse<String> ops = get(app("/api/dev"), "Authorization",
				"Bearer " + token(idp, "ops-client", "ops-secret", "orders:read"));
		assertThat(ops.statusCode()).isEqualTo(403);
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

	private static void assertProblemJson(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.get("status").asInt()).as(response.body()).isEqualTo(status);
		assertThat(problem.hasNonNull("detail")).as(response.body()).isTrue();
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

}
