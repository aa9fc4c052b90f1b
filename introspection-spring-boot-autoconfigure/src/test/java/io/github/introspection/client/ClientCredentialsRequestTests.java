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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.introspection.client.auth.ClientCredentialsAuthentication;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code client-credentials}: the access token fetched from the token endpoint with the
 * client's own credentials, cached, refreshed once on a 401, fetched once by concurrent
 * calls, and sent as a bearer token.
 */
class ClientCredentialsRequestTests {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private final List<String> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

	// the tokens the introspection endpoint accepts; null accepts any
	private volatile @Nullable String acceptedToken;

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile int tokenStatus = 200;

	private MockWebServer idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				if (request.getUrl().encodedPath().equals("/token")) {
					return token(request);
				}
				String authorization = request.getHeaders().get("Authorization");
				String accepted = ClientCredentialsRequestTests.this.acceptedToken;
				if (authorization == null || (accepted != null && !authorization.equals("Bearer " + accepted))) {
					return new MockResponse.Builder().code(401).build();
				}
				return IdpClients.json("{\"active\":true,\"sub\":\"alice\"}");
			}
		});
		this.idp.start();
	}

	private MockResponse token(RecordedRequest request) throws InterruptedException {
		this.tokenRequests.add(request.getBody().utf8() + " | " + request.getHeaders().get("Authorization"));
		Thread.sleep(this.tokenDelay.toMillis());
		if (this.tokenStatus != 200) {
			return new MockResponse.Builder().code(this.tokenStatus).build();
		}
		int number = this.tokensIssued.incrementAndGet();
		return IdpClients.json("{\"access_token\":\"at-" + number + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void fetchesATokenWithTheClientsCredentialsAndSendsItAsBearer() throws Exception {
		client("orders:read").introspect("abc");
		assertThat(this.tokenRequests).singleElement()
			.satisfies((request) -> assertThat(request)
				.startsWith("grant_type=client_credentials&scope=orders%3Aread | Basic "));
		RecordedRequest introspection = lastIntrospection();
		assertThat(introspection.getHeaders().get("Authorization")).isEqualTo("Bearer at-1");
		assertThat(introspection.getBody().utf8()).isEqualTo("token=abc");
	}

	@Test
	void theTokenIsCachedUntilShortlyBeforeItExpires() {
		IntrospectionClient client = client(null);
		client.introspect("a");
		client.introspect("b");
		assertThat(this.tokensIssued).hasValue(1);
		// expires_in 300: renewed 30 s before
		this.clock.advance(Duration.ofSeconds(269));
		client.introspect("c");
		assertThat(this.tokensIssued).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		client.introspect("d");
		assertThat(this.tokensIssued).hasValue(2);
	}

	@Test
	void a401FetchesANewTokenOnceAndRetries() {
		IntrospectionClient client = client(null);
		client.introspect("a");
		// the identity provider revokes at-1
		this.acceptedToken = "at-2";
		assertThat(client.introspect("b").getName()).isEqualTo("alice");
		assertThat(this.tokensIssued).hasValue(2);
		client.introspect("c");
		assertThat(this.tokensIssued).hasValue(2);
	}

	@Test
	void a401ToTheNewTokenTooIsAnOutageWithoutMoreFetches() {
		IntrospectionClient client = client(null);
		this.acceptedToken = "never-issued";
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect("a"))
			.satisfies((ex) -> assertThat(ex.isOutage()).isTrue())
			.withMessageNotContaining("at-");
		assertThat(this.tokensIssued).hasValue(2);
	}

	@Test
	void concurrentCallsWithoutATokenFetchOne() throws Exception {
		IntrospectionClient client = client(null);
		this.tokenDelay = Duration.ofMillis(200);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String token = "token-" + i;
				calls.add(pool.submit(() -> client.introspect(token)));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.tokensIssued).hasValue(1);
		assertThat(this.tokenRequests).hasSize(1);
	}

	@Test
	void aFailingTokenEndpointIsAnOutageAndNamesNoToken() {
		this.tokenStatus = 401;
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> client(null).introspect("abc"))
			.satisfies((ex) -> assertThat(ex.isOutage()).isTrue())
			.withMessageContaining("token endpoint refused this client's credentials (HTTP 401)");
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	private IntrospectionClient client(@Nullable String scope) {
		URI tokenEndpoint = this.idp.url("/token").uri();
		ClientCredentialsAuthentication authentication = new ClientCredentialsAuthentication(
				IdpClients.restClient(Duration.ofSeconds(2)), () -> tokenEndpoint,
				ClientAuthentication.clientSecretBasic("orders-app", "secret"), scope, this.clock);
		return IdpClients.builder(this.idp.url("/oauth2/introspect").uri())
			.attemptTimeout(Duration.ofSeconds(2))
			.clientAuthentication(authentication)
			.build();
	}

	private RecordedRequest lastIntrospection() throws InterruptedException {
		RecordedRequest last = null;
		for (RecordedRequest request = this.idp.takeRequest(1,
				java.util.concurrent.TimeUnit.SECONDS); request != null; request = this.idp.takeRequest(100,
						java.util.concurrent.TimeUnit.MILLISECONDS)) {
			if (!request.getUrl().encodedPath().equals("/token")) {
				last = request;
			}
		}
		assertThat(last).isNotNull();
		return last;
	}

}
