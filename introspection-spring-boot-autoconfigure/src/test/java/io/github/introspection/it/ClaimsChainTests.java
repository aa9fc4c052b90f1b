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

import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.autoconfigure.IntrospectionRequestAuthorizationCustomizer;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The global claims rule and the forwarded headers, configured by properties only,
 * through the starter's default filter chain.
 */
class ClaimsChainTests {

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
	void requestPassingTheGlobalRuleReachesTheController() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"group\":\"dev\"}"));
		TestApp.runner(this.idp, "introspection.claims=Equals(`group`, `dev`) || Equals(`group`, `admin`)")
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer t"))
				.andExpect(status().isOk()));
	}

	@Test
	void requestFailingTheGlobalRuleIsInsufficientScope() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"group\":\"ops\"}"));
		TestApp.runner(this.idp, "introspection.claims=Equals(`group`, `dev`) || Equals(`group`, `admin`)")
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer t"))
				.andExpect(status().isForbidden())
				.andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_scope\"")))
				.andExpect(content().contentType("application/problem+json")));
	}

	@Test
	void perPathRulesFromACustomizerApplyBeforeTheFinalRule() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"group\":\"dev\"}"));
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"bob\",\"group\":\"ops\"}"));
		TestApp.runner(this.idp, "introspection.cache.enabled=false")
			.withBean(IntrospectionRequestAuthorizationCustomizer.class,
					() -> (requests) -> requests.requestMatchers("/api/hello")
						.access(ClaimsAuthorizationManager.of("Equals(`group`, `ops`)")))
			.run((context) -> {
				TestApp.mvc(context)
					.perform(get("/api/hello").header("Authorization", "Bearer dev-token"))
					.andExpect(status().isForbidden());
				TestApp.mvc(context)
					.perform(get("/api/hello").header("Authorization", "Bearer ops-token"))
					.andExpect(status().isOk());
			});
	}

	@Test
	void globalRuleHoldsOnPathsThatHaveTheirOwnRule() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"bob\",\"group\":\"ops\",\"tenant\":\"b\"}"));
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"carol\",\"group\":\"ops\",\"tenant\":\"a\"}"));
		TestApp.runner(this.idp, "introspection.claims=Equals(`tenant`, `a`)", "introspection.cache.enabled=false")
			.withBean(IntrospectionRequestAuthorizationCustomizer.class,
					() -> (requests) -> requests.requestMatchers("/api/hello")
						.access(ClaimsAuthorizationManager.of("Equals(`group`, `ops`)")))
			.run((context) -> {
				// passes the path's own rule, fails the global one
				TestApp.mvc(context)
					.perform(get("/api/hello").header("Authorization", "Bearer tenant-b"))
					.andExpect(status().isForbidden())
					.andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_scope\"")));
				TestApp.mvc(context)
					.perform(get("/api/hello").header("Authorization", "Bearer tenant-a"))
					.andExpect(status().isOk());
			});
	}

	@Test
	void globalRuleAddsToPermitAllPathsOnlyForAuthenticatedRequests() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"bob\",\"tenant\":\"b\"}"));
		TestApp.runner(this.idp, "introspection.claims=Equals(`tenant`, `a`)")
			.withBean(IntrospectionRequestAuthorizationCustomizer.class,
					() -> (requests) -> requests.requestMatchers("/api/headers").permitAll())
			.run((context) -> {
				TestApp.mvc(context).perform(get("/api/headers")).andExpect(status().isOk());
				TestApp.mvc(context)
					.perform(get("/api/headers").header("Authorization", "Bearer tenant-b"))
					.andExpect(status().isForbidden());
			});
	}

	@Test
	void publicPathsAreNotSubjectToTheGlobalRule() {
		TestApp.runner(this.idp, "introspection.claims=Equals(`group`, `dev`)")
			.run((context) -> TestApp.mvc(context).perform(get("/public/hello")).andExpect(status().isOk()));
	}

	@Test
	void forwardedHeadersCarryClaimsAndReplaceForgedOnes() {
		this.idp.enqueue(TestApp
			.json("{\"active\":true,\"sub\":\"alice\",\"group\":\"dev\",\"realm_access\":{\"roles\":[\"a\",\"b\"]}}"));
		TestApp
			.runner(this.idp, "introspection.forward-headers.X-Auth-Subject=sub",
					"introspection.forward-headers.X-Auth-Roles=realm_access.roles",
					"introspection.forward-headers.X-Auth-Missing=nope")
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/headers").header("Authorization", "Bearer t")
					.header("X-Auth-Subject", "mallory")
					.header("x-auth-missing", "forged"))
				.andExpect(status().isOk())
				.andExpect(content()
					.string(containsString("X-Auth-Subject=alice;X-Auth-Roles=a,b;X-Auth-Missing=null;"))));
	}

	@Test
	void credentialIsHiddenFromTheAppWhenForwardAuthorizationIsOff() {
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\"}"));
		TestApp.runner(this.idp, "introspection.forward-authorization=false")
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/headers").header("Authorization", "Bearer t"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Authorization=null"))));
	}

}
