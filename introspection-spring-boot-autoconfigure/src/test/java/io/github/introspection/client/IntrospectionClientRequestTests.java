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

package io.github.introspection.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.introspection.client.IdpClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the request {@link IntrospectionClient} sends (RFC 7662 §2.1).
 */
class IntrospectionClientRequestTests {

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\"}";

	private MockWebServer idp;

	@BeforeEach
	void startIdp() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
		this.idp.enqueue(json(ACTIVE));
	}

	@AfterEach
	void stopIdp() {
		this.idp.close();
	}

	@Test
	void introspectThenPostsAFormAndAcceptsJson() throws Exception {
		IdpClients.builder(this.idp).build().introspect("abc");
		RecordedRequest request = takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/oauth2/introspect");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
	}

	@Test
	void introspectWhenTokenNeedsEncodingThenFormEncodesIt() throws Exception {
		IdpClients.builder(this.idp).build().introspect("a+b/c=d e%");
		assertThat(body(takeRequest())).isEqualTo("token=a%2Bb%2Fc%3Dd+e%25");
	}

	@Test
	void introspectWhenNoTokenTypeHintThenSendsOnlyTheToken() throws Exception {
		IdpClients.builder(this.idp).build().introspect("abc");
		assertThat(body(takeRequest())).isEqualTo("token=abc").doesNotContain("token_type_hint");
	}

	@Test
	void introspectWhenTokenTypeHintSetThenSendsIt() throws Exception {
		IdpClients.builder(this.idp).tokenTypeHint("access_token").build().introspect("abc");
		assertThat(body(takeRequest())).isEqualTo("token=abc&token_type_hint=access_token");
	}

	@Test
	void introspectWhenClientSecretBasicThenFormEncodesIdAndSecretBeforeBase64() throws Exception {
		IdpClients.builder(this.idp)
			.clientAuthentication(ClientAuthentication.clientSecretBasic("my:client", "sé cret:ü"))
			.build()
			.introspect("abc");
		RecordedRequest request = takeRequest();
		String authorization = request.getHeaders().get("Authorization");
		assertThat(authorization).startsWith("Basic ");
		String credentials = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
		// RFC 6749 §2.3.1: each part application/x-www-form-urlencoded, then joined by
		// ':'
		assertThat(credentials).isEqualTo("my%3Aclient:s%C3%A9+cret%3A%C3%BC");
		assertThat(body(request)).isEqualTo("token=abc");
	}

	@Test
	void introspectWhenClientSecretPostThenSendsCredentialsAsFormParameters() throws Exception {
		IdpClients.builder(this.idp)
			.clientAuthentication(ClientAuthentication.clientSecretPost("my:client", "s&cret=ü"))
			.tokenTypeHint("access_token")
			.build()
			.introspect("abc");
		RecordedRequest request = takeRequest();
		assertThat(body(request))
			.isEqualTo("token=abc&token_type_hint=access_token&client_id=my%3Aclient&client_secret=s%26cret%3D%C3%BC");
		assertThat(request.getHeaders().get("Authorization")).isNull();
	}

	@Test
	void introspectWhenBearerThenSendsTheFixedToken() throws Exception {
		IdpClients.builder(this.idp).clientAuthentication(ClientAuthentication.bearer("x")).build().introspect("abc");
		RecordedRequest request = takeRequest();
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer x");
		assertThat(body(request)).isEqualTo("token=abc");
	}

	@Test
	void introspectWhenNoClientAuthenticationThenSendsNoAuthorizationHeader() throws Exception {
		IdpClients.builder(this.idp).clientAuthentication(ClientAuthentication.none()).build().introspect("abc");
		RecordedRequest request = takeRequest();
		assertThat(request.getHeaders().get("Authorization")).isNull();
		assertThat(body(request)).isEqualTo("token=abc");
	}

	@Test
	void introspectWhenHeadersConfiguredThenSendsThem() throws Exception {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Tenant", "acme");
		headers.put("X-Caller", "orders-service");
		IdpClients.builder(this.idp)
			.headers(headers)
			.clientAuthentication(ClientAuthentication.bearer("x"))
			.build()
			.introspect("abc");
		RecordedRequest request = takeRequest();
		assertThat(request.getHeaders().get("X-Tenant")).isEqualTo("acme");
		assertThat(request.getHeaders().get("X-Caller")).isEqualTo("orders-service");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer x");
	}

	@Test
	void introspectWhenCalledTwiceThenReusesTheConnection() throws Exception {
		this.idp.enqueue(json(ACTIVE));
		IntrospectionClient client = IdpClients.builder(this.idp).build();
		client.introspect("abc");
		client.introspect("def");
		assertThat(takeRequest().getConnectionIndex()).isEqualTo(takeRequest().getConnectionIndex());
	}

	private RecordedRequest takeRequest() throws InterruptedException {
		RecordedRequest request = this.idp.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		return request;
	}

	private static String body(RecordedRequest request) {
		return request.getBody().utf8();
	}

}
