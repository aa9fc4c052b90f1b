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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.introspection.cache.RedisServerExtension;
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
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two applications sharing their cache through a real Redis, driven through the whole
 * filter chain: one identity provider call for a token used on both, and every request
 * answered while Redis is down.
 */
@ExtendWith(RedisServerExtension.class)
class SharedCacheChainTests {

	private static final AtomicInteger calls = new AtomicInteger();

	private static MockWebServer idp;

	@BeforeAll
	static void startIdp() throws IOException {
		idp = new MockWebServer();
		idp.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				calls.incrementAndGet();
				return TestApp.json("{\"active\":true,\"sub\":\"alice\"}");
			}

		});
		idp.start();
	}

	@AfterAll
	static void stopIdp() {
		idp.close();
	}

	private WebApplicationContextRunner runner() {
		return TestApp
			.runner(idp, "introspection.cache.shared.enabled=true",
					"introspection.cache.shared.key=k7Hq2ZpX9vLr4NwC8sTy1BmF6gJd3QeU5aKo0iVx",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + RedisServerExtension.port())
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));
	}

	@Test
	void oneIdpCallForATokenUsedOnTwoApplicationsAndNoErrorWhileRedisIsDown() {
		runner().run((first) -> runner().run((second) -> {
			MockMvc one = TestApp.mvc(first);
			MockMvc two = TestApp.mvc(second);
			int before = calls.get();
			one.perform(get("/api/hello").header("Authorization", "Bearer shared-1"))
				.andExpect(status().isOk())
				.andExpect(content().string("hello, alice"));
			two.perform(get("/api/hello").header("Authorization", "Bearer shared-1")).andExpect(status().isOk());
			assertThat(calls.get()).isEqualTo(before + 1);
			RedisServerExtension.stop();
			try {
				for (int i = 0; i < 5; i++) {
					one.perform(get("/api/hello").header("Authorization", "Bearer shared-1"))
						.andExpect(status().isOk());
					two.perform(get("/api/hello").header("Authorization", "Bearer down-" + i))
						.andExpect(status().isOk());
				}
			}
			finally {
				RedisServerExtension.start();
			}
		}));
	}

}
