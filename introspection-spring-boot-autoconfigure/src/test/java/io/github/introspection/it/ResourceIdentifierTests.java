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

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The protected resource's identifier (RFC 9728 §2 {@code resource}) in the metadata
 * document and in the {@code resource_metadata} of every challenge: from
 * {@code introspection.resource} when set, never from the request's {@code Host}.
 */
class ResourceIdentifierTests {

	private MockWebServer idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void configuredResourceIsUsedWhateverTheHost() {
		this.idp.enqueue(TestApp.json("{\"active\":false}"));
		String metadata = "resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"";
		TestApp.runner(this.idp, "introspection.resource=https://api.example.com").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Host", "evil.example"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate",
						allOf(containsString(metadata), not(containsString("evil.example")))));
			mvc.perform(get("/api/hello").header("Host", "evil.example").header("Authorization", "Bearer t"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", allOf(containsString("error=\"invalid_token\""),
						containsString(metadata), not(containsString("evil.example")))));
			mvc.perform(get("/.well-known/oauth-protected-resource").header("Host", "evil.example"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.resource").value("https://api.example.com"));
		});
	}

	@Test
	void resourceWithAPathHasItsMetadataUnderTheWellKnownPathFollowedByThatPath() {
		TestApp.runner(this.idp, "introspection.resource=https://api.example.com/orders").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Host", "evil.example"))
				.andExpect(header().string("WWW-Authenticate", containsString(
						"resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/orders\"")));
			mvc.perform(get("/.well-known/oauth-protected-resource/orders").header("Host", "evil.example"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.resource").value("https://api.example.com/orders"));
		});
	}

	@Test
	void withoutAConfiguredResourceItIsDerivedFromTheHost() {
		TestApp.runner(this.idp).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Host", "api.example.net"))
				.andExpect(header().string("WWW-Authenticate", containsString(
						"resource_metadata=\"http://api.example.net/.well-known/oauth-protected-resource\"")));
			mvc.perform(get("/.well-known/oauth-protected-resource").header("Host", "api.example.net"))
				.andExpect(jsonPath("$.resource").value("http://api.example.net"));
		});
	}

}
