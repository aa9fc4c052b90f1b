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

package io.github.introspection.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every broken or odd answer an identity provider can give has a defined outcome through
 * the whole filter chain: 401 for an inactive token, 503 with {@code Retry-After} for an
 * unusable answer; never a 500 and never a 200.
 */
class HostileIdpTests {

	private MockWebServer idp;

	private MockWebServer elsewhere;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
		this.elsewhere = new MockWebServer();
		this.elsewhere.start();
	}

	@AfterEach
	void stop() {
		this.idp.close();
		this.elsewhere.close();
	}

	@Test
	void everyHostileAnswerIsAnInactiveTokenOrAnUnavailableIdp() {
		Map<String, Case> cases = new LinkedHashMap<>();
		cases.put("inactive", new Case(json("{\"active\":false}"), 401));
		cases.put("active missing", new Case(json("{\"sub\":\"alice\"}"), 401));
		cases.put("HTML instead of JSON", new Case(json("<html><body>Login</body></html>"), 503));
		cases.put("truncated JSON", new Case(json("{\"active\":true,\"sub\":\"al"), 503));
		cases.put("JSON array", new Case(json("[{\"active\":true}]"), 503));
		cases.put("JSON string", new Case(json("\"active\""), 503));
		cases.put("empty body", new Case(json(""), 503));
		cases.put("active as a number", new Case(json("{\"active\":1}"), 503));
		cases.put("active as an object", new Case(json("{\"active\":{\"value\":true}}"), 503));
		cases.put("active twice", new Case(json("{\"active\":false,\"active\":true}"), 503));
		cases.put("exp as a string", new Case(active("\"exp\":\"1900000000\""), 503));
		cases.put("exp as a float", new Case(active("\"exp\":1.9E9"), 503));
		cases.put("exp huge", new Case(active("\"exp\":1e300"), 503));
		cases.put("scope as an array", new Case(active("\"scope\":[\"orders:read\"]"), 503));
		cases.put("aud as an object", new Case(active("\"aud\":{\"name\":\"api\"}"), 503));
		cases.put("non-UTF-8 body",
				new Case(new MockResponse.Builder().addHeader("Content-Type", "application/json")
					.body(new Buffer()
						.write(new byte[] { '{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}' }))
					.build(), 503));
		cases.put("50 MB body",
				new Case(new MockResponse.Builder().addHeader("Content-Type", "application/json")
					.body(new Buffer().write(new byte[50 * 1024 * 1024]))
					.build(), 503));
		cases.put("slow-drip body", new Case(
				active("\"sub\":\"alice\"").newBuilder().throttleBody(8, 500, TimeUnit.MILLISECONDS).build(), 503));
		cases.put("slow headers",
				new Case(active("\"sub\":\"alice\"").newBuilder().headersDelay(3, TimeUnit.SECONDS).build(), 503));
		cases.put("redirect to another host", new Case(
				new MockResponse.Builder().code(302).addHeader("Location", this.elsewhere.url("/introspect")).build(),
				503));
		cases.put("500", new Case(new MockResponse.Builder().code(500).build(), 503));
		cases.put("429", new Case(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build(), 503));
		cases.put("404", new Case(new MockResponse.Builder().code(404).build(), 503));
		cases.put("401 to our credentials", new Case(new MockResponse.Builder().code(401).build(), 503));
		cases.put("connection dropped",
				new Case(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build(), 503));
		List<String> failures = new ArrayList<>();
		TestApp.runner(this.idp, "introspection.client-config.circuit-breaker.enabled=false").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (Map.Entry<String, Case> entry : cases.entrySet()) {
				this.idp.enqueue(entry.getValue().answer());
				long start = System.nanoTime();
				MvcResult result = mvc.perform(get("/api/hello").header("Authorization", "Bearer some-token"))
					.andReturn();
				int status = result.getResponse().getStatus();
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				if (status != entry.getValue().status()) {
					failures.add(entry.getKey() + ": expected " + entry.getValue().status() + " but was " + status);
				}
				if (status == 503 && result.getResponse().getHeader("Retry-After") == null) {
					failures.add(entry.getKey() + ": 503 without Retry-After");
				}
				if (elapsed.compareTo(Duration.ofSeconds(10)) > 0) {
					failures.add(entry.getKey() + ": took " + elapsed);
				}
			}
		});
		assertThat(failures).isEmpty();
		assertThat(this.elsewhere.getRequestCount()).as("requests that followed the redirect").isZero();
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.body(new Buffer().writeString(body, StandardCharsets.UTF_8))
			.build();
	}

	private static MockResponse active(String claim) {
		return json("{\"active\":true," + claim + "}");
	}

	private record Case(MockResponse answer, int status) {
	}

}
