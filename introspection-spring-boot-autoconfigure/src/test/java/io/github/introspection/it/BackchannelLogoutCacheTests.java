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

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.introspection.cache.RedisServerExtension;
import io.github.introspection.cache.redis.RedisSharedStore;
import io.github.introspection.logout.JwksServer;
import io.github.introspection.logout.LogoutTokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Back-channel logout with the real cache, through the whole filter chain: a valid logout
 * token evicts its session's answers (and only those) from this application and, with the
 * shared tier, from another application on the same Redis, whose next request with the
 * session's token asks the identity provider again.
 */
@ExtendWith(RedisServerExtension.class)
class BackchannelLogoutCacheTests {

	private static final RSAKey KEY = LogoutTokens.rsaKey("rsa-1");

	private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private static MockWebServer idp;

	private static JwksServer jwks;

	@BeforeAll
	static void start() throws IOException {
		idp = new MockWebServer();
		idp.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String body = request.getBody().utf8();
				String token = body.substring(body.indexOf("token=") + 6).split("&")[0];
				calls.computeIfAbsent(token, (t) -> new AtomicInteger()).incrementAndGet();
				// tokens named <session>.<n>: their answer carries that session's sid
				String sid = token.substring(0, token.indexOf('.'));
				return TestApp.json("{\"active\":true,\"sub\":\"alice\",\"sid\":\"" + sid + "\"}");
			}

		});
		idp.start();
		jwks = new JwksServer(KEY.toPublicJWK());
	}

	@AfterAll
	static void stop() {
		idp.close();
		jwks.close();
	}

	@Test
	void logoutOnOneApplicationMakesTheOtherAskTheIdentityProviderAgainWithinASecond() {
		WebApplicationContextRunner runner = runner("introspection.cache.shared.enabled=true",
				"introspection.cache.shared.key=k7Hq2ZpX9vLr4NwC8sTy1BmF6gJd3QeU5aKo0iVx",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + RedisServerExtension.port())
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));
		runner.run((first) -> runner.run((second) -> {
			awaitListening(first.getBean(RedisSharedStore.class));
			awaitListening(second.getBean(RedisSharedStore.class));
			MockMvc one = TestApp.mvc(first);
			MockMvc two = TestApp.mvc(second);
			for (MockMvc app : new MockMvc[] { one, two }) {
				hello(app, "session-1.shared");
				hello(app, "session-2.shared");
			}
			assertThat(calls("session-1.shared")).as("one call across both applications").isEqualTo(1);
			assertThat(calls("session-2.shared")).isEqualTo(1);
			logout(one, "session-1");
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
			while (calls("session-1.shared") < 2 && System.nanoTime() - deadline < 0) {
				hello(two, "session-1.shared");
			}
			assertThat(calls("session-1.shared")).as("the other application asked again within 1 s").isEqualTo(2);
			hello(one, "session-1.shared");
			hello(two, "session-2.shared");
			hello(one, "session-2.shared");
			assertThat(calls("session-1.shared")).as("and shared the new answer").isEqualTo(2);
			assertThat(calls("session-2.shared")).as("another session stays cached").isEqualTo(1);
		}));
	}

	@Test
	void logoutEvictsTheSessionsAnswersFromTheLocalCacheWithoutRedis() {
		runner().run((context) -> {
			MockMvc app = TestApp.mvc(context);
			hello(app, "session-1.local");
			hello(app, "session-1.local");
			hello(app, "session-2.local");
			assertThat(calls("session-1.local")).isEqualTo(1);
			logout(app, "session-1");
			hello(app, "session-1.local");
			hello(app, "session-2.local");
			assertThat(calls("session-1.local")).isEqualTo(2);
			assertThat(calls("session-2.local")).isEqualTo(1);
		});
	}

	private WebApplicationContextRunner runner(String... properties) {
		return TestApp
			.runner(idp, "introspection.backchannel-logout.enabled=true",
					"introspection.backchannel-logout.issuer=" + LogoutTokens.ISSUER,
					"introspection.backchannel-logout.jwk-set-uri=" + jwks.url())
			.withPropertyValues(properties);
	}

	private static int calls(String token) {
		AtomicInteger count = calls.get(token);
		return (count != null) ? count.get() : 0;
	}

	private static void hello(MockMvc app, String token) throws Exception {
		app.perform(get("/api/hello").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
	}

	private static void logout(MockMvc app, String sid) throws Exception {
		String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).claim("sid", sid).build());
		app.perform(post("/logout/backchannel").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("logout_token", token)).andExpect(status().isOk());
	}

	private static void awaitListening(RedisSharedStore store) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!store.isListening() && System.nanoTime() - deadline < 0) {
			Thread.sleep(10);
		}
		assertThat(store.isListening()).as("subscribed to evictions").isTrue();
	}

}
