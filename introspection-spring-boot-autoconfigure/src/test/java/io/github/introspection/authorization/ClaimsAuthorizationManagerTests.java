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

package io.github.introspection.authorization;

import java.util.List;
import java.util.Map;

import io.github.introspection.claims.ClaimsRuleSyntaxException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClaimsAuthorizationManagerTests {

	private static final String ADMIN = "Equals(`group`, `admin`) || Contains(`realm_access.roles`, `admin`)";

	private final RequestAuthorizationContext context = new RequestAuthorizationContext(
			new MockHttpServletRequest("GET", "/admin/users"));

	@Test
	void authorizeWhenClaimsSatisfyTheRuleThenGranted() {
		ClaimsAuthorizationManager manager = ClaimsAuthorizationManager.of(ADMIN);
		assertThat(granted(manager, Tokens.authentication(Map.of("group", "admin")))).isTrue();
		assertThat(granted(manager, Tokens.authentication(Map.of("realm_access", Map.of("roles", List.of("admin"))))))
			.isTrue();
	}

	@Test
	void authorizeWhenClaimsDoNotSatisfyTheRuleThenDenied() {
		ClaimsAuthorizationManager manager = ClaimsAuthorizationManager.of(ADMIN);
		assertThat(granted(manager, Tokens.authentication(Map.of("group", "dev")))).isFalse();
		assertThat(granted(manager, Tokens.authentication(Map.of("sub", "alice")))).isFalse();
	}

	@Test
	void authorizeWhenThereIsNoAuthenticationThenDenied() {
		assertThat(granted(ClaimsAuthorizationManager.of(ADMIN), null)).isFalse();
	}

	@Test
	void authorizeWhenTheAuthenticationIsAnonymousThenDenied() {
		Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		assertThat(granted(ClaimsAuthorizationManager.of("!Equals(`group`, `x`)"), anonymous)).isFalse();
	}

	@Test
	void authorizeWhenThePrincipalIsNotTokenBasedThenDenied() {
		Authentication password = new TestingAuthenticationToken("admin", "secret", "ROLE_ADMIN");
		assertThat(granted(ClaimsAuthorizationManager.of("!Equals(`group`, `x`)"), password)).isFalse();
	}

	@Test
	void ofWhenTheRuleDoesNotParseThenThrowsWithRuleAndPosition() {
		assertThatExceptionOfType(ClaimsRuleSyntaxException.class)
			.isThrownBy(() -> ClaimsAuthorizationManager.of("Equals(`group`, `admin`) &&"))
			.withMessageContaining("Equals(`group`, `admin`) &&")
			.withMessageContaining("at position 27");
	}

	@Test
	void ofPropertyWhenTheRuleDoesNotParseThenNamesThePropertyTheRuleAndThePosition() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ClaimsAuthorizationManager.ofProperty("introspection.claims", "Equals(`group`)"))
			.withMessageContaining("introspection.claims")
			.withMessageContaining("Equals(`group`)")
			.withMessageContaining("at position ")
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.claims"));
	}

	@Test
	void ofPropertyWhenTheRuleParsesThenReturnsAManagerForIt() {
		assertThat(ClaimsAuthorizationManager.ofProperty("introspection.claims", ADMIN).getRule().getRule())
			.isEqualTo(ADMIN);
	}

	@Test
	void allOfWithAuthenticatedWhenUsedAsTheGlobalRuleThenGrantsOnlyMatchingTokens() {
		AuthorizationManager<RequestAuthorizationContext> global = AuthorizationManagers
			.allOf(AuthenticatedAuthorizationManager.authenticated(), ClaimsAuthorizationManager.of(ADMIN));
		assertThat(global.authorize(() -> Tokens.authentication(Map.of("group", "admin")), this.context).isGranted())
			.isTrue();
		assertThat(global.authorize(() -> Tokens.authentication(Map.of("group", "dev")), this.context).isGranted())
			.isFalse();
	}

	private boolean granted(ClaimsAuthorizationManager manager, Authentication authentication) {
		AuthorizationResult result = manager.authorize(() -> authentication, this.context);
		return result != null && result.isGranted();
	}

}
