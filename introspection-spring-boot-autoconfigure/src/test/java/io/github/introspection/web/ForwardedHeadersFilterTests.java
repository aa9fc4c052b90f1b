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

package io.github.introspection.web;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.introspection.token.IntrospectionBearerTokenResolver;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class ForwardedHeadersFilterTests {

	private static final Map<String, String> HEADERS = headers("X-Auth-Subject", "sub", "X-Auth-Group", "group",
			"X-Auth-Roles", "realm_access.roles", "X-Auth-Verified", "email_verified");

	private static final IntrospectionBearerTokenResolver ALL_SOURCES = IntrospectionBearerTokenResolver
		.of("Authorization", "Bearer", "access_token", "access_token");

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void filterWhenClaimsArePresentThenTheApplicationSeesThemAsHeaders() throws Exception {
		signIn(Map.of("sub", "alice", "group", "dev", "email_verified", true));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Subject")).isEqualTo("alice");
		assertThat(seen.getHeader("x-auth-group")).isEqualTo("dev");
		assertThat(seen.getHeader("X-Auth-Verified")).isEqualTo("true");
		assertThat(Collections.list(seen.getHeaders("X-AUTH-SUBJECT"))).containsExactly("alice");
		assertThat(Collections.list(seen.getHeaderNames())).contains("X-Auth-Subject", "X-Auth-Group",
				"X-Auth-Verified");
	}

	@Test
	void filterWhenTheClaimIsAnArrayThenItsElementsAreJoinedWithCommas() throws Exception {
		signIn(Map.of("sub", "alice", "realm_access", Map.of("roles", List.of("orders-reader", "user", 7))));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Roles")).isEqualTo("orders-reader,user,7");
	}

	@Test
	void filterWhenTheClaimIsMissingThenTheHeaderIsAbsentRatherThanEmpty() throws Exception {
		signIn(Map.of("sub", "alice", "realm_access", Map.of("roles", List.of())));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Group")).isNull();
		assertThat(seen.getHeader("X-Auth-Roles")).isNull();
		assertThat(seen.getHeaders("X-Auth-Group").hasMoreElements()).isFalse();
		assertThat(Collections.list(seen.getHeaderNames())).doesNotContain("X-Auth-Group", "X-Auth-Roles");
		assertThat(seen.getIntHeader("X-Auth-Group")).isEqualTo(-1);
		assertThat(seen.getDateHeader("X-Auth-Group")).isEqualTo(-1);
	}

	@Test
	void filterWhenTheClaimHoldsALineBreakThenTheHeaderIsAbsent() throws Exception {
		signIn(Map.of("sub", "alice\r\nX-Admin: true"));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Subject")).isNull();
	}

	@Test
	void filterWhenTheClaimHoldsAC1ControlThenTheHeaderIsAbsentAndTheCallersIsStillDropped() throws Exception {
		signIn(Map.of("sub", "alice", "group", "dev\u0085X-Injected: 1"));
		MockHttpServletRequest request = request();
		request.addHeader("X-Auth-Group", "admin");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request);
		assertThat(seen.getHeader("X-Auth-Group")).isNull();
		assertThat(seen.getHeaders("X-Auth-Group").hasMoreElements()).isFalse();
		assertThat(Collections.list(seen.getHeaderNames())).noneMatch("X-Auth-Group"::equalsIgnoreCase);
		assertThat(seen.getHeader("X-Auth-Subject")).isEqualTo("alice");
	}

	@Test
	void filterWhenTheClaimHoldsCharactersThatATruncatingRelayTurnsIntoControlsThenTheHeaderIsAbsent()
			throws Exception {
		// U+010D and U+010A become CR and LF when a relay keeps only the low byte
		signIn(Map.of("sub", "\u010d\u010aX-Injected: 1"));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Subject")).isNull();
	}

	@Test
	void filterWhenTheClaimHoldsADeleteOrATabThenTheHeaderIsAbsent() throws Exception {
		signIn(Map.of("sub", "alice\u007f", "group", "dev\tops"));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Subject")).isNull();
		assertThat(seen.getHeader("X-Auth-Group")).isNull();
	}

	@Test
	void filterWhenTheClaimHoldsCharactersBeyondAsciiThenTheHeaderIsAbsent() throws Exception {
		signIn(Map.of("sub", "Jos\u00e9", "group", "\u0440\u0430\u0437\u0440\u0430\u0431\u043e\u0442\u043a\u0430",
				"realm_access", Map.of("roles", List.of("user", "\ud83d\ude00"))));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Subject")).isNull();
		assertThat(seen.getHeader("X-Auth-Group")).isNull();
		assertThat(seen.getHeader("X-Auth-Roles")).isNull();
	}

	@Test
	void filterWhenTheClaimIsVisibleAsciiAndSpacesThenItIsForwardedAsItIs() throws Exception {
		String visible = "Alice O'Brien <alice+ops@example.com> ~!#$%&*()_=[]{}|\\;:\"?/`^";
		signIn(Map.of("sub", visible, "group", "dev ops"));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Subject")).isEqualTo(visible);
		assertThat(seen.getHeader("X-Auth-Group")).isEqualTo("dev ops");
	}

	@Test
	void filterWhenAnArrayElementHoldsACommaThenTheArrayIsNotForwarded() throws Exception {
		signIn(Map.of("sub", "alice", "realm_access", Map.of("roles", List.of("dev,admin"))));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Roles")).isNull();
		signIn(Map.of("sub", "alice", "realm_access", Map.of("roles", List.of("user", "dev,admin"))));
		seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Roles")).isNull();
		signIn(Map.of("sub", "alice", "realm_access", Map.of("roles", new String[] { "dev,admin" })));
		seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Roles")).isNull();
		signIn(Map.of("sub", "alice", "realm_access", Map.of("roles", List.of("dev", "admin"))));
		seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		assertThat(seen.getHeader("X-Auth-Roles")).isEqualTo("dev,admin");
	}

	@Test
	void filterWhenAClaimIsNotForwardedThenTheDebugLogNamesTheHeaderButNotTheValue(CapturedOutput output)
			throws Exception {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(ForwardedHeadersFilter.class.getName(), LogLevel.DEBUG);
		try {
			signIn(Map.of("sub", "alice", "group", "secret-group\u0085"));
			filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request());
		}
		finally {
			logging.setLogLevel(ForwardedHeadersFilter.class.getName(), null);
		}
		assertThat(output).contains("X-Auth-Group").doesNotContain("secret-group").doesNotContain("X-Auth-Subject");
	}

	@Test
	void filterWhenTheCallerSendsForwardedHeadersWithUnderscoresThenTheyAreDropped() throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.addHeader("X_Auth_Subject", "mallory");
		request.addHeader("x-auth_subject", "mallory");
		request.addHeader("X_AUTH_GROUP", "admin");
		request.addHeader("X_Other", "kept");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request);
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("X_Other", "X-Auth-Subject");
		assertThat(seen.getHeader("X_Auth_Subject")).isNull();
		assertThat(seen.getHeaders("x-auth_subject").hasMoreElements()).isFalse();
		assertThat(seen.getHeader("X_AUTH_GROUP")).isNull();
		assertThat(seen.getHeader("X-Auth-Group")).isNull();
		assertThat(seen.getIntHeader("X_Auth_Group")).isEqualTo(-1);
		assertThat(Collections.list(seen.getHeaders("X-Auth-Subject"))).containsExactly("alice");
		assertThat(seen.getHeader("X_Other")).isEqualTo("kept");
	}

	@Test
	void filterWhenNobodyIsSignedInThenForgedHeadersWithUnderscoresAreStillDropped() throws Exception {
		MockHttpServletRequest request = request();
		request.addHeader("X_Auth_Subject", "mallory");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request);
		assertThat(seen.getHeader("X_Auth_Subject")).isNull();
		assertThat(seen.getHeader("X-Auth-Subject")).isNull();
		assertThat(Collections.list(seen.getHeaderNames())).isEmpty();
	}

	@Test
	void filterWhenAForwardedHeaderNameHoldsUnderscoresThenTheCallersDashedHeaderIsDropped() throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.addHeader("X-User-Id", "mallory");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of("X_User_Id", "sub"), true, ALL_SOURCES),
				request);
		assertThat(seen.getHeader("X-User-Id")).isNull();
		assertThat(seen.getHeader("x_user_id")).isEqualTo("alice");
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("X_User_Id");
	}

	@Test
	void filterWhenTheAuthorizationIsNotForwardedThenTheTokenHeaderWithUnderscoresIsRemovedToo() throws Exception {
		MockHttpServletRequest request = request();
		request.addHeader("X-Api-Token", "abc");
		request.addHeader("x_api_token", "abc");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false,
				IntrospectionBearerTokenResolver.of("X-Api-Token", "", null, null)), request);
		assertThat(seen.getHeader("X-Api-Token")).isNull();
		assertThat(seen.getHeader("x_api_token")).isNull();
		assertThat(Collections.list(seen.getHeaderNames())).isEmpty();
	}

	@Test
	void filterWhenTheCallerSendsForwardedHeadersThenTheyAreDroppedWhateverTheirCase() throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.addHeader("x-auth-subject", "mallory");
		request.addHeader("X-AUTH-GROUP", "admin");
		request.addHeader("X-Auth-Group", "ops");
		request.addHeader("X-Other", "kept");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request);
		assertThat(Collections.list(seen.getHeaders("X-Auth-Subject"))).containsExactly("alice");
		assertThat(seen.getHeader("X-Auth-Group")).isNull();
		assertThat(seen.getHeader("X-Other")).isEqualTo("kept");
		assertThat(Collections.list(seen.getHeaderNames())).filteredOn((name) -> name.equalsIgnoreCase("X-Auth-Group"))
			.isEmpty();
		assertThat(Collections.list(seen.getHeaderNames()))
			.filteredOn((name) -> name.equalsIgnoreCase("X-Auth-Subject"))
			.containsExactly("X-Auth-Subject");
	}

	@Test
	void filterWhenNobodyIsSignedInThenForgedHeadersAreStillDropped() throws Exception {
		MockHttpServletRequest request = request();
		request.addHeader("X-Auth-Subject", "mallory");
		request.addHeader("X-Auth-Verified", "42");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request);
		assertThat(seen.getHeader("X-Auth-Subject")).isNull();
		assertThat(seen.getIntHeader("X-Auth-Verified")).isEqualTo(-1);
	}

	@Test
	void filterWhenTheAuthorizationIsForwardedThenTheCredentialIsKept() throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer abc");
		request.setQueryString("access_token=abc&page=2");
		request.setParameter("access_token", "abc");
		request.setCookies(new Cookie("access_token", "abc"));
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, true, ALL_SOURCES), request);
		assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer abc");
		assertThat(seen.getQueryString()).isEqualTo("access_token=abc&page=2");
		assertThat(seen.getParameter("access_token")).isEqualTo("abc");
		assertThat(seen.getCookies()).extracting(Cookie::getName).containsExactly("access_token");
	}

	@Test
	void filterWhenTheAuthorizationIsNotForwardedThenTheHeaderIsRemoved() throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.addHeader("authorization", "Bearer abc");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(HEADERS, false, ALL_SOURCES), request);
		assertThat(seen.getHeader("Authorization")).isNull();
		assertThat(seen.getHeaders("AUTHORIZATION").hasMoreElements()).isFalse();
		assertThat(Collections.list(seen.getHeaderNames())).noneMatch("Authorization"::equalsIgnoreCase);
		assertThat(seen.getHeader("X-Auth-Subject")).isEqualTo("alice");
	}

	@Test
	void filterWhenTheAuthorizationIsNotForwardedThenTheQueryParameterIsRemovedAndOthersKept() throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.setQueryString("page=2&access_token=abc&q=a%26b&access_tokenx=1");
		request.setParameter("page", "2");
		request.setParameter("access_token", "abc");
		request.setParameter("q", "a&b");
		request.setParameter("access_tokenx", "1");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false, ALL_SOURCES), request);
		assertThat(seen.getQueryString()).isEqualTo("page=2&q=a%26b&access_tokenx=1");
		assertThat(seen.getParameter("access_token")).isNull();
		assertThat(seen.getParameterValues("access_token")).isNull();
		assertThat(seen.getParameter("q")).isEqualTo("a&b");
		assertThat(seen.getParameterMap()).containsOnlyKeys("page", "q", "access_tokenx");
		assertThat(Collections.list(seen.getParameterNames())).containsExactly("page", "q", "access_tokenx");
	}

	@Test
	void filterWhenTheAuthorizationIsNotForwardedThenTheOriginalQueryAttributeIsHidden() throws Exception {
		MockHttpServletRequest request = request();
		request.setQueryString("access_token=redacted&page=2");
		request.setAttribute(IntrospectionBearerTokenResolver.ORIGINAL_QUERY_ATTRIBUTE, "access_token=abc&page=2");
		request.setAttribute("other", "kept");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false, ALL_SOURCES), request);
		assertThat(seen.getQueryString()).isEqualTo("page=2");
		assertThat(seen.getAttribute(IntrospectionBearerTokenResolver.ORIGINAL_QUERY_ATTRIBUTE)).isNull();
		assertThat(seen.getAttribute("other")).isEqualTo("kept");
	}

	@Test
	void filterWhenTheAuthorizationIsNotForwardedAndTheQueryHoldsOnlyTheTokenThenThereIsNoQuery() throws Exception {
		MockHttpServletRequest request = request();
		request.setQueryString("access%5Ftoken=abc");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false, ALL_SOURCES), request);
		assertThat(seen.getQueryString()).isNull();
	}

	@Test
	void filterWhenTheAuthorizationIsNotForwardedThenTheCookieIsRemovedFromCookiesAndTheCookieHeader()
			throws Exception {
		signIn(Map.of("sub", "alice"));
		MockHttpServletRequest request = request();
		request.setCookies(new Cookie("theme", "dark"), new Cookie("access_token", "abc"));
		request.addHeader("Cookie", "theme=dark; access_token=abc");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false, ALL_SOURCES), request);
		assertThat(seen.getCookies()).extracting(Cookie::getName).containsExactly("theme");
		assertThat(seen.getHeader("cookie")).isEqualTo("theme=dark");
		assertThat(Collections.list(seen.getHeaderNames())).anyMatch("Cookie"::equalsIgnoreCase);
	}

	@Test
	void filterWhenTheOnlyCookieIsTheTokenThenNoCookiesRemain() throws Exception {
		MockHttpServletRequest request = request();
		request.setCookies(new Cookie("access_token", "abc"));
		request.addHeader("Cookie", "access_token=abc");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false, ALL_SOURCES), request);
		assertThat(seen.getCookies()).isNull();
		assertThat(seen.getHeader("Cookie")).isNull();
		assertThat(Collections.list(seen.getHeaderNames())).noneMatch("Cookie"::equalsIgnoreCase);
	}

	@Test
	void filterWhenTheResolverIsNotTheStartersThenTheAuthorizationHeaderIsTheCredential() throws Exception {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer abc");
		request.setQueryString("access_token=abc");
		HttpServletRequest seen = filter(new ForwardedHeadersFilter(Map.of(), false, new DefaultBearerTokenResolver()),
				request);
		assertThat(seen.getHeader("Authorization")).isNull();
		assertThat(seen.getQueryString()).isEqualTo("access_token=abc");
	}

	@Test
	void filterWhenThereIsNothingToDoThenTheRequestIsPassedOnAsItIs() throws Exception {
		MockHttpServletRequest request = request();
		assertThat(filter(new ForwardedHeadersFilter(Map.of(), true, ALL_SOURCES), request)).isSameAs(request);
	}

	@Test
	void constructorWhenAHeaderNameIsNotATokenOrIsRepeatedThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ForwardedHeadersFilter(Map.of("X Auth", "sub"), true, ALL_SOURCES))
			.withMessageContaining("'X Auth'");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ForwardedHeadersFilter(headers("X-Auth", "sub", "x-auth", "group"), true, ALL_SOURCES))
			.withMessageContaining("configured twice");
	}

	@Test
	void ofPropertiesWhenAClaimPathIsInvalidThenNamesTheProperty() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ForwardedHeadersFilter.ofProperties("introspection.forward-headers",
					Map.of("X-Auth-Roles", "realm_access..roles"), true, ALL_SOURCES))
			.withMessageContaining("introspection.forward-headers[X-Auth-Roles]")
			.withMessageContaining("realm_access..roles");
	}

	private static MockHttpServletRequest request() {
		return new MockHttpServletRequest("GET", "/api/forwarded");
	}

	private static HttpServletRequest filter(ForwardedHeadersFilter filter, MockHttpServletRequest request)
			throws Exception {
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, new MockHttpServletResponse(), chain);
		return (HttpServletRequest) chain.getRequest();
	}

	private static void signIn(Map<String, Object> claims) {
		OAuth2IntrospectionAuthenticatedPrincipal principal = new OAuth2IntrospectionAuthenticatedPrincipal("alice",
				claims, List.of());
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque", Instant.now(),
				Instant.now().plusSeconds(60));
		SecurityContextHolder.getContext()
			.setAuthentication(new BearerTokenAuthentication(principal, token, AuthorityUtils.NO_AUTHORITIES));
	}

	private static Map<String, String> headers(String... namesAndPaths) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndPaths.length; i += 2) {
			headers.put(namesAndPaths[i], namesAndPaths[i + 1]);
		}
		return headers;
	}

}
