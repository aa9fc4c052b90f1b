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

package io.github.introspection.cache;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionUnavailableException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that concurrent requests for one uncached token make one call to a real
 * {@link IntrospectionClient} against a slow {@link MockWebServer}, and all share its
 * answer, its inactive verdict or its failure.
 */
class CachingOpaqueTokenIntrospectorCoalescingTests {

	private static final int THREADS = 32;

	private static final String TOKEN = "s3cr3t-T0ken.value_~+/";

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"alice\",\"scope\":\"read\"}";

	private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

	private final FakeTime time = new FakeTime();

	private MockWebServer idp;

	private CachingOpaqueTokenIntrospector cache;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
		this.cache = CachingOpaqueTokenIntrospector.builder(client(this.idp))
			.endpoint(this.idp.url("/introspect").toString())
			.ttl(Duration.ofSeconds(60))
			.staleIfError(Duration.ofSeconds(30))
			.ticker(this.time.ticker())
			.clock(this.time.clock())
			.build();
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.idp.close();
	}

	@Test
	void introspectWhenConcurrentMissesThenOneCallAndEveryoneGetsThePrincipal() throws Exception {
		this.idp.enqueue(slow(200, ACTIVE));
		List<Object> outcomes = introspectTogether();
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isSameAs(outcomes.get(0)))
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(OAuth2AuthenticatedPrincipal.class));
	}

	@Test
	void introspectWhenConcurrentMissesOfInactiveTokenThenOneCallAndEveryoneGetsTheVerdict() throws Exception {
		this.idp.enqueue(slow(200, "{\"active\":false}"));
		List<Object> outcomes = introspectTogether();
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(BadOpaqueTokenException.class));
	}

	@Test
	void introspectWhenConcurrentMissesAndIdpFailsThenOneCallAndEveryoneGetsTheFailureThenNextCallAsksAgain()
			throws Exception {
		this.idp.enqueue(new MockResponse.Builder().code(503).headersDelay(200, TimeUnit.MILLISECONDS).build());
		List<Object> outcomes = introspectTogether();
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
		assertThat(outcomes)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(IntrospectionUnavailableException.class));
		this.idp.enqueue(slow(0, ACTIVE));
		assertThat(this.cache.introspect(TOKEN).getName()).isEqualTo("alice");
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
	}

	@Test
	void introspectWhenConcurrentRefreshesAndIdpFailsThenOneCallAndEveryoneGetsTheStalePrincipal() throws Exception {
		this.idp.enqueue(slow(0, ACTIVE));
		OAuth2AuthenticatedPrincipal stale = this.cache.introspect(TOKEN);
		this.time.advance(Duration.ofSeconds(70));
		this.idp.enqueue(new MockResponse.Builder().code(503).headersDelay(200, TimeUnit.MILLISECONDS).build());
		List<Object> outcomes = introspectTogether();
		assertThat(this.idp.getRequestCount()).isEqualTo(2);
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isSameAs(stale));
	}

	private List<Object> introspectTogether() throws Exception {
		CyclicBarrier start = new CyclicBarrier(THREADS);
		List<Future<Object>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.threads.submit(() -> {
				start.await(5, TimeUnit.SECONDS);
				try {
					return this.cache.introspect(TOKEN);
				}
				catch (RuntimeException ex) {
					return ex;
				}
			}));
		}
		List<Object> outcomes = new ArrayList<>();
		for (Future<Object> future : futures) {
			outcomes.add(future.get(10, TimeUnit.SECONDS));
		}
		return outcomes;
	}

	private static MockResponse slow(long delayMillis, String json) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.headersDelay(delayMillis, TimeUnit.MILLISECONDS)
			.body(json)
			.build();
	}

	// As IntrospectionAutoConfiguration builds it: Boot's JDK request factory, timeouts,
	// no redirects, HTTP/1.1.
	private static IntrospectionClient client(MockWebServer idp) {
		Duration timeout = Duration.ofSeconds(5);
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(timeout, timeout)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		RestClient restClient = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
				.build(settings))
			.build();
		return IntrospectionClient.builder(restClient, idp.url("/introspect").uri()).maxRetries(0).build();
	}

}
