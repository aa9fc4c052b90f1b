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

package io.github.introspection.error;

import java.net.URI;
import java.time.Duration;

import io.github.introspection.client.IntrospectionUnavailableException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IntrospectionAuthenticationEntryPoint}.
 */
class IntrospectionAuthenticationEntryPointTests {

	private static final String TOKEN = "s3cr3t-T0ken";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IntrospectionAuthenticationEntryPoint entryPoint = new IntrospectionAuthenticationEntryPoint();

	@Test
	void commenceWhenCredentialsNotFoundThenUnauthorizedWithoutErrorCode() throws Exception {
		MockHttpServletResponse response = commence(new AuthenticationCredentialsNotFoundException("no token"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer").doesNotContain("error=");
		JsonNode body = problem(response);
		assertThat(body.get("status").asInt()).isEqualTo(401);
		assertThat(body.get("detail").asString()).isNotBlank();
	}

	@Test
	void commenceWhenInsufficientAuthenticationThenUnauthorizedWithoutErrorCode() throws Exception {
		MockHttpServletResponse response = commence(
				new InsufficientAuthenticationException("Full authentication is required to access this resource"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer").doesNotContain("error=");
		JsonNode body = problem(response);
		assertThat(body.get("status").asInt()).isEqualTo(401);
		assertThat(body.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(body.get("detail").asString()).isNotBlank();
	}

	@Test
	void commenceWhenInvalidTokenThenUnauthorizedWithErrorAndDescription() throws Exception {
		MockHttpServletResponse response = commence(
				new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.contains("error=\"invalid_token\"")
			.contains("error_description=\"Bearer token is malformed\"");
		JsonNode body = problem(response);
		assertThat(body.get("status").asInt()).isEqualTo(401);
		assertThat(body.get("detail").asString()).isEqualTo("Bearer token is malformed");
	}

	@Test
	void commenceWhenInactiveTokenThenUnauthorizedWithInvalidToken() throws Exception {
		MockHttpServletResponse response = commence(new InvalidBearerTokenException("Token is not active"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"")
			.contains("error_description=\"Token is not active\"");
		assertThat(problem(response).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void commenceWhenInvalidRequestThenBadRequest() throws Exception {
		MockHttpServletResponse response = commence(new OAuth2AuthenticationException(
				BearerTokenErrors.invalidRequest("Found multiple tokens in the request")));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.contains("error=\"invalid_request\"");
		JsonNode body = problem(response);
		assertThat(body.get("status").asInt()).isEqualTo(400);
		assertThat(body.get("title").asString()).isEqualTo("Bad Request");
		assertThat(body.get("detail").asString()).isEqualTo("Found multiple tokens in the request");
	}

	@Test
	void commenceWhenIdentityProviderUnavailableThenServiceUnavailableWithRetryAfter() throws Exception {
		MockHttpServletResponse response = commence(
				new IntrospectionUnavailableException("connect timed out", Duration.ofSeconds(30)));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
		JsonNode body = problem(response);
		assertThat(body.get("status").asInt()).isEqualTo(503);
		assertThat(body.get("detail").asString()).isNotBlank().doesNotContain("connect timed out");
	}

	@Test
	void commenceWhenRetryAfterIsBelowOneSecondThenRetryAfterIsOneSecond() throws Exception {
		MockHttpServletResponse zero = commence(new IntrospectionUnavailableException("down", Duration.ZERO));
		assertThat(zero.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		MockHttpServletResponse millis = commence(
				new IntrospectionUnavailableException("down", Duration.ofMillis(500), new IllegalStateException()));
		assertThat(millis.getStatus()).isEqualTo(503);
		assertThat(millis.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void commenceWhenTokenInQueryThenNeitherBodyNorHeadersContainTheToken() throws Exception {
		AuthenticationException[] failures = { new InsufficientAuthenticationException("no token"),
				new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Token is not active")),
				new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest("The query parameter is empty")),
				new IntrospectionUnavailableException("read timed out", Duration.ofSeconds(5)) };
		for (AuthenticationException failure : failures) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
			request.setQueryString("access_token=" + TOKEN);
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.entryPoint.commence(request, response, failure);
			assertThat(response.getContentAsString()).doesNotContain(TOKEN);
			for (String name : response.getHeaderNames()) {
				assertThat(response.getHeaders(name)).noneMatch((value) -> value.contains(TOKEN));
			}
			assertThat(problem(response).get("instance").asString()).isEqualTo("/api/items");
		}
	}

	@Test
	void commenceWhenResourceIsConfiguredThenResourceMetadataIsFormedFromItNotFromTheHost() throws Exception {
		IntrospectionAuthenticationEntryPoint entryPoint = new IntrospectionAuthenticationEntryPoint(
				URI.create("https://api.example.com"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
		request.setServerName("evil.example");
		request.addHeader("Host", "evil.example");
		MockHttpServletResponse response = new MockHttpServletResponse();
		entryPoint.commence(request, response, new InsufficientAuthenticationException("no token"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"");
		assertThat(problem(response).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void commenceWhenResourceIsConfiguredThenTheErrorParametersAndStatusAreSpringSecuritys() throws Exception {
		IntrospectionAuthenticationEntryPoint entryPoint = new IntrospectionAuthenticationEntryPoint(
				URI.create("https://api.example.com"));
		AuthenticationException[] failures = {
				new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Token is not active")),
				new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest("The query parameter is empty")),
				new OAuth2AuthenticationException(
						BearerTokenErrors.insufficientScope("The token lacks a scope", "orders:read")),
				new InsufficientAuthenticationException("no token") };
		for (AuthenticationException failure : failures) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
			MockHttpServletResponse expected = new MockHttpServletResponse();
			new BearerTokenAuthenticationEntryPoint().commence(request, expected, failure);
			MockHttpServletResponse response = new MockHttpServletResponse();
			entryPoint.commence(request, response, failure);
			assertThat(response.getStatus()).isEqualTo(expected.getStatus());
			assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo(expected.getHeader(HttpHeaders.WWW_AUTHENTICATE)
					.replace("http://localhost/.well-known", "https://api.example.com/.well-known"));
		}
	}

	@Test
	void resourceMetadataInsertsTheWellKnownPathBetweenHostAndPath() {
		assertThat(IntrospectionAuthenticationEntryPoint.resourceMetadata(URI.create("https://api.example.com")))
			.isEqualTo("https://api.example.com/.well-known/oauth-protected-resource");
		assertThat(IntrospectionAuthenticationEntryPoint.resourceMetadata(URI.create("https://api.example.com/")))
			.isEqualTo("https://api.example.com/.well-known/oauth-protected-resource");
		assertThat(IntrospectionAuthenticationEntryPoint
			.resourceMetadata(URI.create("http://api.example.com:8443/orders/v1")))
			.isEqualTo("http://api.example.com:8443/.well-known/oauth-protected-resource/orders/v1");
	}

	@Test
	void createWhenResourceHasAQueryOrFragmentOrIsRelativeThenIllegalArgument() {
		for (String resource : new String[] { "https://api.example.com?x=1", "https://api.example.com#top",
				"/orders" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new IntrospectionAuthenticationEntryPoint(URI.create(resource)));
		}
	}

	private MockHttpServletResponse commence(AuthenticationException ex) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.entryPoint.commence(request, response, ex);
		return response;
	}

	static JsonNode problem(MockHttpServletResponse response) {
		assertThat(MediaType.parseMediaType(response.getContentType())).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode body = JSON.readTree(response.getContentAsByteArray());
		assertThat(body.isObject()).isTrue();
		return body;
	}

}
