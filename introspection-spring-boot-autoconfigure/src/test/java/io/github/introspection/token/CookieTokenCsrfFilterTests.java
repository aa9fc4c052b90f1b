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

package io.github.introspection.token;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CookieTokenCsrfFilterTests {

	private final CookieTokenCsrfFilter filter = new CookieTokenCsrfFilter("access_token");

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "PATCH", "DELETE" })
	void unsafeMethodWithACookieTokenFromNowhereIsForbidden(String method) throws Exception {
		MockHttpServletRequest request = cookieRequest(method);
		MockHttpServletResponse response = filter(request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).doesNotContain("secret-token");
	}

	@Test
	void requestsWhoseTokenIsIgnoredAnywayAreLeftAlone() throws Exception {
		this.filter.setIgnoredRequests((request) -> request.getRequestURI().startsWith("/public/"));
		MockHttpServletRequest request = cookieRequest("POST");
		request.setRequestURI("/public/form");
		assertPassed(request);
		assertThat(filter(cookieRequest("POST")).getStatus()).isEqualTo(403);
	}

	@Test
	void unsafeMethodFromAnotherOriginIsForbidden() throws Exception {
		MockHttpServletRequest request = cookieRequest("POST");
		request.addHeader("Origin", "https://evil.example.com");
		assertThat(filter(request).getStatus()).isEqualTo(403);
	}

	@Test
	void unsafeMethodMarkedCrossSiteIsForbiddenEvenWithAMatchingOrigin() throws Exception {
		MockHttpServletRequest request = cookieRequest("POST");
		request.addHeader("Sec-Fetch-Site", "cross-site");
		request.addHeader("Origin", "https://api.example.com");
		assertThat(filter(request).getStatus()).isEqualTo(403);
	}

	@Test
	void unsafeMethodFromTheSameOriginPasses() throws Exception {
		MockHttpServletRequest request = cookieRequest("POST");
		request.addHeader("Origin", "https://api.example.com");
		assertPassed(request);
	}

	@Test
	void unsafeMethodMarkedSameOriginPasses() throws Exception {
		MockHttpServletRequest request = cookieRequest("DELETE");
		request.addHeader("Sec-Fetch-Site", "same-origin");
		assertPassed(request);
	}

	@Test
	void unsafeMethodWithAMatchingCsrfTokenPasses() throws Exception {
		MockHttpServletRequest request = cookieRequest("PUT");
		request.setCookies(new Cookie("access_token", "secret-token"), new Cookie("XSRF-TOKEN", "csrf-123"));
		request.addHeader("X-XSRF-TOKEN", "csrf-123");
		assertPassed(request);
	}

	@Test
	void unsafeMethodWithAWrongCsrfTokenIsForbidden() throws Exception {
		MockHttpServletRequest request = cookieRequest("PUT");
		request.setCookies(new Cookie("access_token", "secret-token"), new Cookie("XSRF-TOKEN", "csrf-123"));
		request.addHeader("X-XSRF-TOKEN", "csrf-999");
		assertThat(filter(request).getStatus()).isEqualTo(403);
	}

	@Test
	void safeMethodWithACookieTokenPasses() throws Exception {
		assertPassed(cookieRequest("GET"));
	}

	@Test
	void unsafeMethodWithoutTheTokenCookiePasses() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
		request.addHeader("Authorization", "Bearer secret-token");
		assertPassed(request);
	}

	private static MockHttpServletRequest cookieRequest(String method) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/orders");
		request.setScheme("https");
		request.setServerName("api.example.com");
		request.setServerPort(443);
		request.setCookies(new Cookie("access_token", "secret-token"));
		return request;
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	private void assertPassed(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getStatus()).isEqualTo(200);
	}

}
