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
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import static io.github.introspection.client.IdpClients.json;
import static io.github.introspection.client.IdpClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the failures {@link IntrospectionClient} turns into
 * {@link IntrospectionUnavailableException}, and for its retries.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntrospectionClientFailureTests {

	private static final String TOKEN = "opaque-T0ken+/=";

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\"}";

	private MockWebServer idp;

	@BeforeEach
	void startIdp() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stopIdp() {
		this.idp.close();
	}

	@Test
	void introspectWhenIdpAnswers500ThenRetriesAndSucceeds() {
		this.idp.enqueue(status(500));
		this.idp.enqueue(json(ACTIVE));
		OAuth2AuthenticatedPrincipal principal = IdpClients.builder(this.idp).maxRetries(2).build().introspect(TOKEN);
		assertThat(principal.getName()).isEqualTo("alice");
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	@Test
	void introspectWhenIdpAnswers500EveryTimeThenRetriesMaxRetriesTimesAndIsUnavailable() {
		for (int i = 0; i < 4; i++) {
			this.idp.enqueue(status(500));
		}
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(2).build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("HTTP 500");
		assertThat(ex.getRetryAfter()).isPositive();
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void introspectWhenMaxRetriesIsZeroThenCallsOnce() {
		this.idp.enqueue(status(503));
		this.idp.enqueue(json(ACTIVE));
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(0).build();
		assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void introspectWhenIdpAnswers429ThenRetriesAndSucceeds() {
		this.idp.enqueue(tooManyRequests("1"));
		this.idp.enqueue(json(ACTIVE));
		OAuth2AuthenticatedPrincipal principal = IdpClients.builder(this.idp).maxRetries(1).build().introspect(TOKEN);
		assertThat(principal.getName()).isEqualTo("alice");
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	@Test
	void introspectWhenIdpAnswers429UntilRetriesRunOutThenUnavailableWithItsRetryAfter() {
		this.idp.enqueue(tooManyRequests("1"));
		this.idp.enqueue(tooManyRequests("1"));
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(1).build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("HTTP 429");
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	@Test
	void introspectWhenIdpAnswers429WithALongRetryAfterThenUnavailableWithItsRetryAfterWithoutSittingItOut() {
		this.idp.enqueue(tooManyRequests("7"));
		this.idp.enqueue(tooManyRequests("7"));
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(1).build();
		long start = System.nanoTime();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(ex).hasMessageContaining("HTTP 429");
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(this.idp.getRequestCount()).isBetween(1, 2);
	}

	@Test
	void introspectWhenIdpAnswers503WithRetryAfterThenUnavailableWithItsRetryAfter() {
		this.idp.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(0).build();
		assertThat(assertUnavailable(() -> client.introspect(TOKEN)).getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void introspectWhenIdpAnswers400ThenDoesNotRetryAndIsUnavailable() {
		this.idp.enqueue(new MockResponse.Builder().code(400)
			.addHeader("Content-Type", "application/json")
			.body("{\"error\":\"invalid_request\"}")
			.build());
		this.idp.enqueue(json(ACTIVE));
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(2).build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("HTTP 400");
		assertThat(ex.getRetryAfter()).isPositive();
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void introspectWhenIdpAnswers401ThenDoesNotRetryAndBlamesTheCredentials(CapturedOutput output) {
		this.idp.enqueue(status(401));
		this.idp.enqueue(json(ACTIVE));
		IntrospectionClient client = IdpClients.builder(this.idp)
			.clientAuthentication(ClientAuthentication.clientSecretBasic("app", "wrong-secret"))
			.maxRetries(2)
			.build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("credentials").hasMessageNotContaining("wrong-secret");
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		assertThat(output).contains("credentials").doesNotContain(TOKEN).doesNotContain("wrong-secret");
	}

	@Test
	void introspectWhenIdpAnswers403ThenDoesNotRetryAndIsThatTokensFailure() {
		this.idp.enqueue(status(403));
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(2).build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("HTTP 403");
		assertThat(ex.isOutage()).isFalse();
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void introspectWhenIdpAnswersInvalidClientThenDoesNotRetryAndBlamesTheCredentials() {
		this.idp.enqueue(new MockResponse.Builder(json("{\"error\":\"invalid_client\"}")).code(400).build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(2).build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("credentials");
		assertThat(ex.isOutage()).isTrue();
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void introspectWhenHeadersAreLateThenTimesOutAndIsUnavailable() {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(1, TimeUnit.SECONDS).build());
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).headersDelay(1, TimeUnit.SECONDS).build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(1).build();
		long start = System.nanoTime();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(ex).hasMessageContaining("timed out");
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	@Test
	void introspectWhenBodyIsLateThenTimesOutAndIsUnavailable() {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).bodyDelay(2, TimeUnit.SECONDS).build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(0).build();
		long start = System.nanoTime();
		assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void introspectWhenBodyTricklesThenTimesOutAndIsUnavailable() {
		this.idp.enqueue(new MockResponse.Builder(json(ACTIVE)).throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(0).build();
		long start = System.nanoTime();
		assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void introspectWhenConnectionRefusedThenRetriesAndIsUnavailable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		IntrospectionClient client = IdpClients.builder(URI.create("http://localhost:" + port + "/introspect"))
			.maxRetries(1)
			.build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(ex).hasMessageContaining("could not connect to the identity provider");
	}

	@Test
	void introspectWhenBodyIsHtmlThenUnavailable() {
		this.idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html")
			.body("<html><body>Login</body></html>")
			.build());
		assertThat(assertUnavailableOnce()).hasMessageContaining("not valid JSON");
	}

	@Test
	void introspectWhenBodyIsTruncatedJsonThenUnavailable() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"al"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("not valid JSON");
	}

	@Test
	void introspectWhenBodyIsEmptyThenUnavailable() {
		this.idp.enqueue(json(""));
		assertThat(assertUnavailableOnce()).hasMessageContaining("empty");
	}

	@Test
	void introspectWhenBodyIsAJsonArrayThenUnavailable() {
		this.idp.enqueue(json("[{\"active\":true}]"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("not a JSON object");
	}

	@Test
	void introspectWhenBodyIsLargerThanTheLimitWithContentLengthThenUnavailable() {
		String body = activeAnswerOfLength(200);
		this.idp.enqueue(json(body));
		IntrospectionClient client = IdpClients.builder(this.idp).maxResponseBytes(199).build();
		assertThat(assertUnavailable(() -> client.introspect(TOKEN))).hasMessageContaining("larger than 199 bytes");
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void introspectWhenChunkedBodyIsLargerThanTheLimitThenUnavailable() {
		this.idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.chunkedBody(activeAnswerOfLength(5000), 64)
			.build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxResponseBytes(1000).build();
		assertThat(assertUnavailable(() -> client.introspect(TOKEN))).hasMessageContaining("larger than 1000 bytes");
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	@Test
	void introspectWhenBodyIsExactlyTheLimitThenSucceeds() {
		this.idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.chunkedBody(activeAnswerOfLength(200), 64)
			.build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxResponseBytes(200).build();
		assertThat(client.introspect(TOKEN).getName()).isEqualTo("alice");
	}

	@Test
	void introspectWhenLimitIsTheLargestIntThenReadsTheAnswer() {
		this.idp.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.chunkedBody(ACTIVE, 8)
			.build());
		IntrospectionClient client = IdpClients.builder(this.idp).maxResponseBytes(Integer.MAX_VALUE).build();
		assertThat(client.introspect(TOKEN).getName()).isEqualTo("alice");
	}

	@Test
	void introspectWhenIdpRedirectsThenDoesNotFollowAndIsUnavailable() throws IOException {
		try (MockWebServer other = new MockWebServer()) {
			other.start();
			other.enqueue(json(ACTIVE));
			this.idp.enqueue(new MockResponse.Builder().code(302)
				.addHeader("Location", other.url("/oauth2/introspect").toString())
				.build());
			assertThat(assertUnavailableOnce()).hasMessageContaining("HTTP 302");
			assertThat(other.getRequestCount()).isZero();
		}
	}

	@Test
	void introspectWhenExpIsAStringThenUnavailable() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"alice\",\"exp\":\"1900000000\"}"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("'exp'");
	}

	@Test
	void introspectWhenExpIsHugeThenUnavailable() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"alice\",\"exp\":1e300}"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("'exp'");
	}

	@Test
	void introspectWhenExpOverflowsADoubleThenUnavailable() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"alice\",\"exp\":1e400}"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("'exp'");
	}

	@Test
	void introspectWhenScopeIsAnArrayThenUnavailable() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"alice\",\"scope\":[\"orders:read\"]}"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("'scope'");
	}

	@Test
	void introspectWhenAudIsAnObjectThenUnavailable() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"alice\",\"aud\":{\"name\":\"orders\"}}"));
		assertThat(assertUnavailableOnce()).hasMessageContaining("'aud'");
	}

	private IntrospectionUnavailableException assertUnavailableOnce() {
		IntrospectionClient client = IdpClients.builder(this.idp).maxRetries(2).build();
		IntrospectionUnavailableException ex = assertUnavailable(() -> client.introspect(TOKEN));
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		return ex;
	}

	private static IntrospectionUnavailableException assertUnavailable(ThrowingCallable call) {
		IntrospectionUnavailableException[] thrown = new IntrospectionUnavailableException[1];
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(call)
			.withMessageNotContaining(TOKEN)
			.withMessageNotContaining("opaque-T0ken")
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo(IntrospectionUnavailableException.ERROR_CODE)
					.isEqualTo("temporarily_unavailable");
				assertThat(ex.getError().getDescription()).doesNotContain("opaque-T0ken");
				assertThat(ex.getRetryAfter()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
				thrown[0] = ex;
			});
		return thrown[0];
	}

	private static MockResponse tooManyRequests(String retryAfter) {
		return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter).build();
	}

	private static String activeAnswerOfLength(int length) {
		String start = "{\"active\":true,\"sub\":\"alice\",\"pad\":\"";
		String end = "\"}";
		return start + "x".repeat(length - start.length() - end.length()) + end;
	}

}
