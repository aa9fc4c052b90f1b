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

import java.util.Set;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Crafted requests are a 400 or a 401 (or a 403 for a forged cross-site cookie request),
 * never a 500, and the oversized or malformed ones never reach the identity provider.
 */
class HostileRequestTests {

	private static final String GOOD = "good-token";

	private FakeIdp idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new FakeIdp(Set.of(GOOD));
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void hostileRequestsAreRejectedCleanly() {
		TestApp.runner(this.idp.server(), "introspection.cache.enabled=false").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			assertStatus(mvc, bearer(GOOD), 200, 1);
			assertStatus(mvc, bearer("a"), 401, 1);
			assertStatus(mvc, bearer("x".repeat(64 * 1024)), 401, 0);
			assertStatus(mvc, get("/api/hello").queryParam("access_token", "x".repeat(9000)), 401, 0);
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer tök"), 401, 0);
			// Control characters and folded headers: the firewall rejects them first
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer a\u0001b"), 400, 0);
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer\r\n " + GOOD), 400, 0);
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer " + GOOD, "Bearer " + GOOD), 400, 0);
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer " + GOOD)
				.cookie(new Cookie("access_token", GOOD)), 400, 0);
			assertStatus(mvc,
					get("/api/hello").cookie(new Cookie("access_token", GOOD), new Cookie("access_token", GOOD)), 400,
					0);
			assertStatus(mvc, get("/api/hello").cookie(manyCookies(GOOD)), 200, 1);
			assertStatus(mvc, get("/api/hello").cookie(manyCookies(null)), 401, 0);
			assertStatus(mvc, withQuery("access_token=%00" + GOOD), 401, 0);
			assertStatus(mvc, withQuery("access_token=%zz"), 400, 0);
			assertStatus(mvc, withQuery("access_token=" + GOOD + "%0d%0aX-Injected:%201"), 401, 0);
			assertStatus(mvc, withQuery("access_token="), 400, 0);
			assertStatus(mvc, withQuery("access_token=" + GOOD + "&access_token=" + GOOD), 400, 0);
			assertStatus(mvc, post("/api/orders").cookie(new Cookie("access_token", GOOD)), 403, 0);
			assertStatus(mvc, post("/api/orders").header("Authorization", "Bearer " + GOOD), 200, 1);
		});
	}

	@Test
	void aPublicPathIgnoresItsTokensAndNeverCallsTheIdp() {
		TestApp.runner(this.idp.server(), "introspection.cache.enabled=false").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			assertStatus(mvc, get("/public/hello").header("Authorization", "Bearer stale-or-revoked"), 200, 0);
			assertStatus(mvc, get("/public/hello").header("Authorization", "Bearer " + GOOD), 200, 0);
			assertStatus(mvc, get("/public/hello").header("Authorization", "Bearer tök"), 200, 0);
			assertStatus(mvc, get("/public/hello").header("Authorization", "Bearer " + GOOD)
				.cookie(new Cookie("access_token", GOOD)), 200, 0);
			assertStatus(mvc, withQuery("/public/hello", "access_token="), 200, 0);
			// the same requests elsewhere are still checked
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer stale-or-revoked"), 401, 1);
			assertStatus(mvc, get("/api/hello").header("Authorization", "Bearer " + GOOD)
				.cookie(new Cookie("access_token", GOOD)), 400, 0);
		});
	}

	@Test
	void aMalformedParameterNameThatCannotBeTheTokenParameterDoesNotFailTheRequest() {
		TestApp.runner(this.idp.server(), "introspection.cache.enabled=false").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			assertStatus(mvc, withQuery("/public/hello", "bad%zz=1"), 200, 0);
			assertStatus(mvc, withQuery("/public/hello", "%zz&%=1&x=%zz"), 200, 0);
			assertStatus(mvc, withQuery("/api/hello", "bad%zz=1"), 401, 0);
			assertStatus(mvc, withQuery("/api/hello", "bad%zz=1&access_token=" + GOOD), 200, 1);
			// a name that a lenient decoder reads as access_token: never a hidden second
			// token (on a public path, tokens are ignored anyway)
			assertStatus(mvc, withQuery("/public/hello", "access_token%zz=" + GOOD), 200, 0);
			assertStatus(mvc, withQuery("/api/hello", "access_token%zz=" + GOOD), 400, 0);
			assertStatus(mvc, withQuery("/api/hello", "access_token=" + GOOD + "&access_token%zz=" + GOOD), 400, 0);
		});
	}

	@Test
	void aMalformedParameterNameDoesNotFailTheRequestWhenTheQuerySourceIsOff() {
		TestApp.runner(this.idp.server(), "introspection.cache.enabled=false", "introspection.token-source.query=")
			.run((context) -> {
				MockMvc mvc = TestApp.mvc(context);
				assertStatus(mvc, withQuery("/public/hello", "bad%zz=1&access_token%zz=1"), 200, 0);
				assertStatus(mvc, withQuery("/api/hello", "bad%zz=1").header("Authorization", "Bearer " + GOOD), 200,
						1);
			});
	}

	private void assertStatus(MockMvc mvc, MockHttpServletRequestBuilder request, int status, int idpCalls)
			throws Exception {
		int before = this.idp.calls();
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as("status").isEqualTo(status);
		if (status != 200) {
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
		}
		assertThat(this.idp.calls() - before).as("calls to the identity provider").isEqualTo(idpCalls);
	}

	private static MockHttpServletRequestBuilder bearer(String token) {
		return get("/api/hello").header("Authorization", "Bearer " + token);
	}

	private static MockHttpServletRequestBuilder withQuery(String query) {
		return withQuery("/api/hello", query);
	}

	private static MockHttpServletRequestBuilder withQuery(String path, String query) {
		// The raw query as a client sent it: a URI template would encode the '%' again
		return get(path).with((request) -> {
			request.setQueryString(query);
			return request;
		});
	}

	private static Cookie[] manyCookies(String token) {
		Cookie[] cookies = new Cookie[(token != null) ? 501 : 500];
		for (int i = 0; i < 500; i++) {
			cookies[i] = new Cookie("c" + i, "v" + i);
		}
		if (token != null) {
			cookies[500] = new Cookie("access_token", token);
		}
		return cookies;
	}

}
