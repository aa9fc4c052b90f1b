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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import io.github.introspection.sample.demoidp.DemoIdp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code signed} profile: the app finds the demo IdP by discovery and accepts only
 * signed introspection answers (RFC 9701), which the demo IdP gives when asked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "demo-idp.enabled=false")
@ActiveProfiles("signed")
class SignedIntrospectionEndToEndTests {

	static final DemoIdp idp = DemoIdp.start(0);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void discoverTheDemoIdp(DynamicPropertyRegistry registry) {
		registry.add("introspection.issuer-uri", idp::issuer);
	}

	@AfterAll
	static void stopIdp() {
		idp.close();
	}

	@Test
	void theDemoIdpSignsItsAnswerWhenAskedForOne() throws Exception {
		String token = demoClientToken(idp);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(idp.introspectionUri()))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString("sample-app:sample-secret".getBytes(StandardCharsets.UTF_8)))
				.header("Accept", "application/token-introspection+jwt")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=" + token))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/token-introspection+jwt");
		SignedJWT jwt = SignedJWT.parse(response.body());
		assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("token-introspection+jwt"));
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuer());
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("sample-app");
		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("token_introspection")).containsEntry("active", true)
			.containsEntry("scope", "orders:read orders:write");
	}

	@Test
	void theAppAcceptsATokenThroughASignedAnswer() {
		String token = demoClientToken(idp);
		HttpResponse<String> response = get("http://localhost:" + this.port + "/api/me", "Authorization",
				"Bearer " + token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("demo-client");
	}

}
