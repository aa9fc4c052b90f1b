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

import java.time.Instant;

import jakarta.servlet.http.Cookie;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Claim validation and the cookie CSRF guard through the whole chain: an identity
 * provider that calls a token active is not the last word.
 */
class ValidationChainTests {

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
	void expiredTokenIsInvalidEvenWhenTheIdpSaysActive() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"exp\":" + seconds(-120) + "}"));
		TestApp.runner(this.idp)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer t"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate",
						allOf(containsString("error=\"invalid_token\""), containsString("expired")))));
	}

	@Test
	void tokenNotValidYetIsInvalid() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"nbf\":" + seconds(600) + "}"));
		TestApp.runner(this.idp)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer t"))
				.andExpect(status().isUnauthorized()));
	}

	@Test
	void tokenFromAnotherIssuerOrForAnotherAudienceIsInvalid() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"iss\":\"https://evil\",\"aud\":\"api\"}"));
		this.idp
			.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"iss\":\"https://idp\",\"aud\":[\"other\"]}"));
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"iss\":\"https://idp\",\"aud\":[\"api\"]}"));
		TestApp
			.runner(this.idp, "introspection.validation.issuers=https://idp", "introspection.validation.audiences=api")
			.run((context) -> {
				MockMvc mvc = TestApp.mvc(context);
				mvc.perform(get("/api/hello").header("Authorization", "Bearer t1"))
					.andExpect(status().isUnauthorized())
					.andExpect(header().string("WWW-Authenticate", containsString("issuer")));
				mvc.perform(get("/api/hello").header("Authorization", "Bearer t2"))
					.andExpect(status().isUnauthorized())
					.andExpect(header().string("WWW-Authenticate", containsString("audience")));
				mvc.perform(get("/api/hello").header("Authorization", "Bearer t3")).andExpect(status().isOk());
			});
	}

	@Test
	void missingRequiredScopeIsInsufficientScopeNamingItAndCachedAnswersAreCheckedToo() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"scope\":\"profile\"}"));
		TestApp.runner(this.idp, "introspection.validation.required-scopes=orders:read").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (int i = 0; i < 2; i++) {
				mvc.perform(get("/api/hello").header("Authorization", "Bearer t"))
					.andExpect(status().isForbidden())
					.andExpect(header().string("WWW-Authenticate", allOf(containsString("error=\"insufficient_scope\""),
							containsString("scope=\"orders:read\""))));
			}
			assertThat(this.idp.getRequestCount()).as("the second answer came from the cache").isEqualTo(1);
		});
	}

	@Test
	void cookieTokenOnAnUnsafeMethodNeedsTheSameOrigin() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\"}"));
		TestApp.runner(this.idp).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(post("/api/orders").cookie(new Cookie("access_token", "t"))
				.header("Origin", "https://evil.example.com")).andExpect(status().isForbidden());
			mvc.perform(
					post("/api/orders").cookie(new Cookie("access_token", "t")).header("Origin", "http://localhost"))
				.andExpect(status().isOk());
			assertThat(this.idp.getRequestCount()).as("the cross-site request never reached the IdP").isEqualTo(1);
		});
	}

	@Test
	void cookieCsrfProtectionCanBeTurnedOff() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\"}"));
		TestApp.runner(this.idp, "introspection.token-source.cookie-csrf-protection=false")
			.run((context) -> TestApp.mvc(context)
				.perform(post("/api/orders").cookie(new Cookie("access_token", "t")))
				.andExpect(status().isOk()));
	}

	private static long seconds(long fromNow) {
		return Instant.now().getEpochSecond() + fromNow;
	}

}
