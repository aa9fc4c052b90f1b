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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IntrospectionAccessDeniedHandler}.
 */
class IntrospectionAccessDeniedHandlerTests {

	private static final String TOKEN = "s3cr3t-T0ken";

	private final IntrospectionAccessDeniedHandler handler = new IntrospectionAccessDeniedHandler();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void handleWhenBearerTokenAuthenticationInContextThenForbiddenWithInsufficientScope() throws Exception {
		SecurityContextHolder.getContext().setAuthentication(bearerTokenAuthentication());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/admin");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.handle(request, response, new AccessDeniedException("Access Denied"));
		assertForbiddenWithInsufficientScope(response);
	}

	@Test
	void handleWhenBearerTokenAuthenticationIsRequestPrincipalThenForbiddenWithInsufficientScope() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/admin");
		request.setUserPrincipal(bearerTokenAuthentication());
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.handle(request, response, new AccessDeniedException("Access Denied"));
		assertForbiddenWithInsufficientScope(response);
	}

	@Test
	void handleWhenOtherAuthenticationThenForbiddenWithoutErrorCode() throws Exception {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("user", "pw", "ROLE_X"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/admin");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.handle(request, response, new AccessDeniedException("Access Denied"));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer").doesNotContain("error=");
		assertThat(IntrospectionAuthenticationEntryPointTests.problem(response).get("status").asInt()).isEqualTo(403);
	}

	private static void assertForbiddenWithInsufficientScope(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.contains("error=\"insufficient_scope\"");
		JsonNode body = IntrospectionAuthenticationEntryPointTests.problem(response);
		assertThat(body.get("status").asInt()).isEqualTo(403);
		assertThat(body.get("title").asString()).isEqualTo("Forbidden");
		assertThat(body.get("detail").asString()).isNotBlank();
		assertThat(response.getContentAsString()).doesNotContain(TOKEN);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).doesNotContain(TOKEN);
	}

	private static BearerTokenAuthentication bearerTokenAuthentication() {
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("SCOPE_read"));
		DefaultOAuth2AuthenticatedPrincipal principal = new DefaultOAuth2AuthenticatedPrincipal("alice",
				Map.of("sub", "alice", "scope", "read"), authorities);
		Instant now = Instant.now();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, TOKEN, now,
				now.plusSeconds(300));
		return new BearerTokenAuthentication(principal, token, authorities);
	}

}
