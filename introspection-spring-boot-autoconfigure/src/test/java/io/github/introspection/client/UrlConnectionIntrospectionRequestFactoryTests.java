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
import java.io.InputStream;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UrlConnectionIntrospectionRequestFactory}.
 */
class UrlConnectionIntrospectionRequestFactoryTests {

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	// for tests about something else than timeouts, on a busy machine
	private static final Duration RELAXED = Duration.ofSeconds(10);

	private MockWebServer idp;

	@BeforeEach
	void start() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void sendsTheBodyAndHeadersAndReadsTheWholeAnswer() throws Exception {
		this.idp.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("X-Answer", "one")
			.body("{\"active\":true}")
			.build());
		ClientHttpRequest request = factory(1024).createRequest(uri(), HttpMethod.POST);
		request.getHeaders().set("Content-Type", "application/x-www-form-urlencoded");
		request.getHeaders().set("Authorization", "Basic YXBwOnMzY3JldA==");
		// Set by the connection itself, which refuses them: left out, never an error.
		request.getHeaders().set("Content-Length", "9");
		request.getHeaders().set("Connection", "close");
		request.getBody().write("token=abc".getBytes(StandardCharsets.US_ASCII));
		try (ClientHttpResponse response = request.execute()) {
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getHeaders().getFirst("X-Answer")).isEqualTo("one");
			assertThat(response.getHeaders().getContentLength()).isEqualTo(15);
			assertThat(read(response)).isEqualTo("{\"active\":true}");
		}
		RecordedRequest recorded = this.idp.takeRequest(1, TimeUnit.SECONDS);
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getBody().utf8()).isEqualTo("token=abc");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Basic YXBwOnMzY3JldA==");
		assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
		assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo("9");
	}

	@Test
	void keepsTheConnectionAliveBetweenExchanges() throws Exception {
		this.idp.enqueue(new MockResponse.Builder().body("one").build());
		this.idp.enqueue(new MockResponse.Builder().body("two").build());
		exchangeOneThenTwo();
		int first = this.idp.takeRequest(1, TimeUnit.SECONDS).getConnectionIndex();
		assertThat(this.idp.takeRequest(1, TimeUnit.SECONDS).getConnectionIndex()).isEqualTo(first);
	}

	@Test
	void aKeptAliveConnectionThatTheIdpClosedIsReplacedByANewOne() throws Exception {
		this.idp.enqueue(new MockResponse.Builder().body("one").onResponseEnd(new SocketEffect.CloseSocket()).build());
		this.idp.enqueue(new MockResponse.Builder().body("two").build());
		exchangeOneThenTwo();
		int first = this.idp.takeRequest(1, TimeUnit.SECONDS).getConnectionIndex();
		RecordedRequest second = this.idp.takeRequest(1, TimeUnit.SECONDS);
		assertThat(second.getConnectionIndex()).isNotEqualTo(first);
		assertThat(second.getBody().utf8()).isEqualTo("token=abc");
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	// two exchanges on one factory, answered "one" then "two", 100 ms apart (so that a
	// close by the IdP after the first reaches the client before the second)
	private void exchangeOneThenTwo() throws Exception {
		UrlConnectionIntrospectionRequestFactory factory = new UrlConnectionIntrospectionRequestFactory(RELAXED, 1024);
		for (String expected : new String[] { "one", "two" }) {
			ClientHttpRequest request = factory.createRequest(uri(), HttpMethod.POST);
			request.getBody().write("token=abc".getBytes(StandardCharsets.US_ASCII));
			try (ClientHttpResponse response = request.execute()) {
				assertThat(read(response)).isEqualTo(expected);
			}
			Thread.sleep(100);
		}
	}

	@Test
	void theJvmsDefaultAuthenticatorNeverAnswersAChallenge() throws Exception {
		Authenticator previous = Authenticator.getDefault();
		Authenticator.setDefault(new Authenticator() {
			@Override
			protected PasswordAuthentication getPasswordAuthentication() {
				return new PasswordAuthentication("someone", "else".toCharArray());
			}
		});
		try {
			assertThat(challengedStatus()).isEqualTo(401);
			assertThat(this.idp.getRequestCount()).isEqualTo(1);
		}
		finally {
			Authenticator.setDefault(previous);
		}
	}

	@Test
	void anErrorStatusComesWithItsBodyAndHeaders() throws Exception {
		this.idp.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").body("busy").build());
		ClientHttpRequest request = factory(1024).createRequest(uri(), HttpMethod.POST);
		request.getBody().write("token=abc".getBytes(StandardCharsets.US_ASCII));
		try (ClientHttpResponse response = request.execute()) {
			assertThat(response.getStatusCode().value()).isEqualTo(503);
			assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("7");
			assertThat(read(response)).isEqualTo("busy");
		}
	}

	@Test
	void aChallengeToOurCredentialsIsA401() throws Exception {
		assertThat(challengedStatus()).isEqualTo(401);
	}

	// one exchange answered by a 401 with a Basic challenge
	private int challengedStatus() throws IOException {
		this.idp.enqueue(new MockResponse.Builder().code(401)
			.addHeader("WWW-Authenticate", "Basic realm=\"idp\"")
			.body("{\"error\":\"invalid_client\"}")
			.build());
		ClientHttpRequest request = factory(1024).createRequest(uri(), HttpMethod.POST);
		request.getBody().write("token=abc".getBytes(StandardCharsets.US_ASCII));
		try (ClientHttpResponse response = request.execute()) {
			return response.getStatusCode().value();
		}
	}

	@Test
	void readsOneByteMoreThanTheLimitAndNoMore() throws Exception {
		this.idp.enqueue(new MockResponse.Builder().chunkedBody("x".repeat(10_000), 100).build());
		ClientHttpRequest request = factory(1000).createRequest(uri(), HttpMethod.POST);
		try (ClientHttpResponse response = request.execute()) {
			assertThat(read(response)).hasSize(1001);
		}
	}

	@Test
	void anAnswerThatDripsPastTheTimeoutIsCut() {
		this.idp.enqueue(new MockResponse.Builder().body("{\"active\":true,\"sub\":\"alice\"}")
			.throttleBody(4, 200, TimeUnit.MILLISECONDS)
			.build());
		ClientHttpRequest request = factory(1024).createRequest(uri(), HttpMethod.POST);
		long start = System.nanoTime();
		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(request::execute);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
	}

	@Test
	void headersThatComeTooLateAreATimeout() {
		this.idp.enqueue(new MockResponse.Builder().body("{}").headersDelay(3, TimeUnit.SECONDS).build());
		ClientHttpRequest request = factory(1024).createRequest(uri(), HttpMethod.POST);
		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(request::execute);
	}

	@Test
	void aShorterTimeoutAttributeCutsOneRequestSooner() {
		this.idp.enqueue(new MockResponse.Builder().body("{}").headersDelay(3, TimeUnit.SECONDS).build());
		ClientHttpRequest request = new UrlConnectionIntrospectionRequestFactory(RELAXED, 1024).createRequest(uri(),
				HttpMethod.POST);
		request.getAttributes().put(UrlConnectionIntrospectionRequestFactory.TIMEOUT_ATTRIBUTE, Duration.ofMillis(200));
		long start = System.nanoTime();
		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(request::execute);
		// the factory's own timeout (10 s) would have waited for the answer (3 s)
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void aLongerTimeoutAttributeIsIgnored() {
		this.idp.enqueue(new MockResponse.Builder().body("{}").headersDelay(3, TimeUnit.SECONDS).build());
		ClientHttpRequest request = factory(1024).createRequest(uri(), HttpMethod.POST);
		request.getAttributes().put(UrlConnectionIntrospectionRequestFactory.TIMEOUT_ATTRIBUTE, Duration.ofSeconds(30));
		long start = System.nanoTime();
		// the factory's 0.5 s, not the attribute's 30 s, before the answer (3 s)
		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(request::execute);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void aRefusedConnectionIsAnIoException() throws IOException {
		URI closed = uri();
		this.idp.close();
		ClientHttpRequest request = factory(1024).createRequest(closed, HttpMethod.POST);
		assertThatExceptionOfType(IOException.class).isThrownBy(request::execute)
			.satisfies((ex) -> assertThat(ex.getClass().getSimpleName()).contains("Connect"));
	}

	@Test
	void concurrentExchangesAllComplete() throws Exception {
		int threads = 32;
		int callsPerThread = 5;
		for (int i = 0; i < threads * callsPerThread; i++) {
			this.idp.enqueue(new MockResponse.Builder().body("{\"active\":false}").build());
		}
		UrlConnectionIntrospectionRequestFactory factory = new UrlConnectionIntrospectionRequestFactory(RELAXED, 1024);
		ExecutorService callers = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(callers.submit(() -> {
					int answered = 0;
					for (int call = 0; call < callsPerThread; call++) {
						ClientHttpRequest request = factory.createRequest(uri(), HttpMethod.POST);
						request.getBody().write("token=abc".getBytes(StandardCharsets.US_ASCII));
						try (ClientHttpResponse response = request.execute()) {
							answered += read(response).equals("{\"active\":false}") ? 1 : 0;
						}
					}
					return answered;
				}));
			}
			int answered = 0;
			for (Future<Integer> result : results) {
				answered += result.get(30, TimeUnit.SECONDS);
			}
			assertThat(answered).isEqualTo(threads * callsPerThread);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void rejectsATimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UrlConnectionIntrospectionRequestFactory(Duration.ZERO, 10));
	}

	private UrlConnectionIntrospectionRequestFactory factory(int maxResponseBytes) {
		return new UrlConnectionIntrospectionRequestFactory(TIMEOUT, maxResponseBytes);
	}

	private URI uri() {
		return this.idp.url("/introspect").uri();
	}

	private static String read(ClientHttpResponse response) throws IOException {
		try (InputStream in = response.getBody()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
