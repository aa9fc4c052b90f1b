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

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.introspection.error.IntrospectionAccessDeniedHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ClaimArgumentResolverTests {

	private static final Map<String, Object> CLAIMS = Map.of("sub", "alice", "group", "dev", "age", 42.0,
			"email_verified", "true", "exp", Instant.ofEpochSecond(1700000000), "iat", 1690000000L, "realm_access",
			Map.of("roles", List.of("orders-reader", "user")), "scope", "orders:read profile");

	private final ClaimArgumentResolver resolver = new ClaimArgumentResolver();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void supportsParameterWhenAnnotatedWithClaimThenTrue() {
		assertThat(this.resolver.supportsParameter(parameter("group", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter("unannotated", 0))).isFalse();
	}

	@Test
	void resolveWhenParameterIsAStringThenTheClaimText() throws Exception {
		signIn(CLAIMS);
		assertThat(resolve("group")).isEqualTo("dev");
		assertThat(resolve("ageText")).isEqualTo("42");
	}

	@Test
	void resolveWhenParameterIsAListThenTheArrayClaimElements() throws Exception {
		signIn(CLAIMS);
		assertThat(resolve("roles")).isEqualTo(List.of("orders-reader", "user"));
		assertThat(resolve("roleSet")).isEqualTo(Set.of("orders-reader", "user"));
		assertThat(resolve("groupList")).isEqualTo(List.of("dev"));
	}

	@Test
	void resolveWhenParameterIsAStringAndTheClaimAnArrayThenElementsJoinedWithCommas() throws Exception {
		signIn(CLAIMS);
		assertThat(resolve("rolesText")).isEqualTo("orders-reader,user");
	}

	@Test
	void resolveWhenParameterIsANestedPathThenReachesIntoObjects() throws Exception {
		signIn(Map.of("user", Map.of("profile", Map.of("name", "Alice"))));
		assertThat(resolve("nestedName")).isEqualTo("Alice");
	}

	@Test
	void resolveWhenParameterIsAnInstantOrANumberOrABooleanThenConverted() throws Exception {
		signIn(CLAIMS);
		assertThat(resolve("exp")).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(resolve("iat")).isEqualTo(Instant.ofEpochSecond(1690000000));
		assertThat(resolve("age")).isEqualTo(42L);
		assertThat(resolve("ageInteger")).isEqualTo(42);
		assertThat(resolve("verified")).isEqualTo(Boolean.TRUE);
	}

	@Test
	void resolveWhenAnInstantClaimIsEpochSecondsOrIsoTextThenConverted() throws Exception {
		assertThat(instant("1700000000")).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(instant("1700000000.123456789")).isEqualTo(Instant.ofEpochSecond(1700000000, 123456789));
		assertThat(instant("1700000000.5")).isEqualTo(Instant.ofEpochSecond(1700000000, 500000000));
		assertThat(instant("-1.5")).isEqualTo(Instant.ofEpochSecond(-2, 500000000));
		assertThat(instant("2023-11-14T22:13:20Z")).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(instant(1700000000)).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(instant(1700000000L)).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(instant(1.7000000005E9)).isEqualTo(Instant.ofEpochSecond(1700000000, 500000000));
		assertThat(instant(new BigDecimal("1.7E+9"))).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(instant(new BigDecimal("1700000000.250"))).isEqualTo(Instant.ofEpochSecond(1700000000, 250000000));
		assertThat(instant(BigInteger.valueOf(1700000000))).isEqualTo(Instant.ofEpochSecond(1700000000));
	}

	@Test
	void resolveWhenAnInstantClaimHasAHugeExponentThenRefusedWithoutBuildingTheNumber() {
		// new BigDecimal("1e10000000").setScale(0) alone took seconds of CPU
		assertRefusedAsInstant("1e10000000");
		assertRefusedAsInstant("1e-10000000");
		assertRefusedAsInstant(new BigDecimal("1e10000000"));
		assertRefusedAsInstant(new BigDecimal("1e-10000000"));
		assertRefusedAsInstant(new BigDecimal("-1e-10000000"));
		assertRefusedAsInstant(new BigDecimal(BigInteger.ONE.shiftLeft(4000), 1000));
	}

	@Test
	void resolveWhenAnInstantClaimIsTextOtherThanPlainDecimalSecondsThenRefused() {
		assertRefusedAsInstant("1.7e9");
		assertRefusedAsInstant("1700000000.1234567891");
		assertRefusedAsInstant("12345678901234567890");
		assertRefusedAsInstant("9223372036854775807");
		assertRefusedAsInstant("+1700000000");
		assertRefusedAsInstant(" 1700000000");
		assertRefusedAsInstant("1700000000.");
		assertRefusedAsInstant(".5");
		assertRefusedAsInstant("-");
		assertRefusedAsInstant("");
		assertRefusedAsInstant("0x10");
		assertRefusedAsInstant("\u0661\u0662");
		assertRefusedAsInstant("T".repeat(100));
	}

	@Test
	void resolveWhenAnInstantClaimIsANumberOutOfRangeThenRefused() {
		assertRefusedAsInstant(Double.NaN);
		assertRefusedAsInstant(Double.POSITIVE_INFINITY);
		assertRefusedAsInstant(1e300);
		assertRefusedAsInstant(Long.MAX_VALUE);
		assertRefusedAsInstant(BigInteger.ONE.shiftLeft(100_000));
		assertRefusedAsInstant(new BigDecimal("1e19"));
	}

	@Test
	void resolveWhenParameterIsAMapThenTheObjectClaim() throws Exception {
		signIn(CLAIMS);
		assertThat(resolve("realmAccess")).isEqualTo(Map.of("roles", List.of("orders-reader", "user")));
	}

	@Test
	void resolveWhenARequiredClaimIsMissingThenAccessDenied() {
		signIn(Map.of("sub", "alice"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> resolve("group"))
			.withMessageContaining("'group'");
	}

	@Test
	void resolveWhenARequiredClaimCannotBeConvertedThenAccessDenied() {
		signIn(Map.of("sub", "alice", "age", "old"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> resolve("age"));
	}

	@Test
	void resolveWhenTheAuthenticationIsNotTokenBasedThenRequiredClaimsAreMissing() {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("dev", "pw", "ROLE_X"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> resolve("group"));
	}

	@Test
	void resolveWhenNobodyIsSignedInThenAuthenticationIsRequired() {
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class).isThrownBy(() -> resolve("group"));
	}

	@Test
	void resolveWhenNobodyIsSignedInAndTheClaimIsOptionalThenNull() throws Exception {
		assertThat(resolve("optionalTeam")).isNull();
	}

	@Test
	void resolveWhenAnOptionalClaimIsMissingThenNullOrEmpty() throws Exception {
		signIn(Map.of("sub", "alice"));
		assertThat(resolve("optionalTeam")).isNull();
		assertThat(resolve("optionalWrapper")).isEqualTo(Optional.empty());
	}

	@Test
	void resolveWhenAnOptionalWrapperClaimIsPresentThenWrapped() throws Exception {
		signIn(CLAIMS);
		assertThat(resolve("optionalWrapper")).isEqualTo(Optional.of("dev"));
	}

	@Test
	void requestWhenARequiredClaimIsMissingThenSecurityAnswers403NotA500() throws Exception {
		signIn(Map.of("sub", "alice"));
		mockMvc().perform(get("/group"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", "Bearer error=\"insufficient_scope\", "
					+ "error_description=\"The request requires higher privileges than provided by the access token.\", "
					+ "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\""));
	}

	@Test
	void requestWhenTheClaimIsPresentThenTheControllerGetsIt() throws Exception {
		signIn(CLAIMS);
		mockMvc().perform(get("/group")).andExpect(status().isOk()).andExpect(content().string("dev"));
	}

	@Test
	void requestWhenNobodyIsSignedInThenSecurityAnswers401() throws Exception {
		mockMvc().perform(get("/group")).andExpect(status().isUnauthorized());
	}

	private Object instant(Object claim) throws Exception {
		signIn(Map.of("exp", claim));
		return resolve("exp");
	}

	private void assertRefusedAsInstant(Object claim) {
		assertThatExceptionOfType(AccessDeniedException.class).as("%.40s", claim)
			.isThrownBy(() -> instant(claim))
			.withMessageContaining("'exp'");
	}

	private MockMvc mockMvc() {
		ExceptionTranslationFilter exceptionTranslation = new ExceptionTranslationFilter(
				new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
		exceptionTranslation.setAccessDeniedHandler(new IntrospectionAccessDeniedHandler());
		return MockMvcBuilders.standaloneSetup(new GroupController())
			.setCustomArgumentResolvers(this.resolver)
			.addFilters(exceptionTranslation)
			.build();
	}

	private Object resolve(String method) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		return this.resolver.resolveArgument(parameter(method, 0), null, new ServletWebRequest(request), null);
	}

	private static MethodParameter parameter(String name, int index) {
		Method method = ReflectionUtils.findMethod(Parameters.class, name, (Class<?>[]) null);
		assertThat(method).isNotNull();
		return new MethodParameter(method, index);
	}

	private static void signIn(Map<String, Object> claims) {
		OAuth2IntrospectionAuthenticatedPrincipal principal = new OAuth2IntrospectionAuthenticatedPrincipal("alice",
				claims, List.of());
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque", Instant.now(),
				Instant.now().plusSeconds(60));
		SecurityContextHolder.getContext()
			.setAuthentication(new BearerTokenAuthentication(principal, token, AuthorityUtils.NO_AUTHORITIES));
	}

	@RestController
	static class GroupController {

		@GetMapping("/group")
		String group(@Claim("group") String group) {
			return group;
		}

	}

	@SuppressWarnings("unused")
	static class Parameters {

		void group(@Claim("group") String group) {
		}

		void unannotated(String group) {
		}

		void ageText(@Claim("age") String age) {
		}

		void roles(@Claim("realm_access.roles") List<String> roles) {
		}

		void roleSet(@Claim("realm_access.roles") Set<String> roles) {
		}

		void groupList(@Claim("group") List<String> group) {
		}

		void rolesText(@Claim("realm_access.roles") String roles) {
		}

		void nestedName(@Claim("user.profile.name") String name) {
		}

		void exp(@Claim("exp") Instant exp) {
		}

		void iat(@Claim("iat") Instant iat) {
		}

		void age(@Claim("age") Long age) {
		}

		void ageInteger(@Claim("age") Integer age) {
		}

		void verified(@Claim("email_verified") Boolean verified) {
		}

		void realmAccess(@Claim("realm_access") Map<String, Object> realmAccess) {
		}

		void optionalTeam(@Claim(value = "team", required = false) String team) {
		}

		void optionalWrapper(@Claim("group") Optional<String> group) {
		}

	}

}
