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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClaimsExpressionsTests {

	private final ClaimsExpressions claims = new ClaimsExpressions(SecurityContextHolder.getContextHolderStrategy());

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void matchesWhenClaimsSatisfyTheRuleThenTrue() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.matches("Equals(`group`, `dev`)")).isTrue();
		assertThat(this.claims.matches("Contains(`realm_access.roles`, `orders-reader`) && Equals(`age`, `42`)"))
			.isTrue();
	}

	@Test
	void matchesWhenClaimsDoNotSatisfyTheRuleThenFalse() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.matches("Equals(`group`, `ops`)")).isFalse();
		assertThat(this.claims.matches("Contains(`realm_access.roles`, `admin`)")).isFalse();
	}

	@Test
	void matchesWhenTheRuleDoesNotParseThenThrowsWithRuleAndPosition() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThatExceptionOfType(InvalidClaimsRuleException.class)
			.isThrownBy(() -> this.claims.matches("Equals(`group` `dev`)"))
			.withMessageContaining("Equals(`group` `dev`)")
			.withMessageContaining("at position 15")
			.satisfies((ex) -> assertThat(ex.getPosition()).isEqualTo(15));
	}

	@Test
	void matchesWhenTheRuleDoesNotParseAndNobodyIsSignedInThenStillThrows() {
		assertThatExceptionOfType(ClaimsRuleSyntaxException.class)
			.isThrownBy(() -> this.claims.matches("Nope(`group`, `dev`)"));
	}

	@Test
	void ruleWhenAskedTwiceThenReturnsTheSameCompiledRule() {
		assertThat(this.claims.rule("Equals(`group`, `dev`)")).isSameAs(this.claims.rule("Equals(`group`, `dev`)"));
	}

	@Test
	void hasWhenScalarClaimEqualsTheValueThenTrue() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.has("group", "dev")).isTrue();
		assertThat(this.claims.has("group", "de")).isFalse();
	}

	@Test
	void hasWhenNestedArrayClaimContainsTheValueThenTrue() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.has("realm_access.roles", "orders-reader")).isTrue();
		assertThat(this.claims.has("realm_access.roles", "admin")).isFalse();
	}

	@Test
	void hasWhenClaimIsNotAStringThenComparesItsJsonText() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.has("email_verified", "true")).isTrue();
		assertThat(this.claims.has("age", "42")).isTrue();
	}

	@Test
	void hasWhenClaimIsMissingOrAnObjectThenFalse() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.has("team", "dev")).isFalse();
		assertThat(this.claims.has("group.name", "dev")).isFalse();
		assertThat(this.claims.has("realm_access", "roles")).isFalse();
	}

	@Test
	void hasAnyWhenOneOfTheValuesIsHeldThenTrue() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.hasAny("group", "ops", "dev")).isTrue();
		assertThat(this.claims.hasAny("realm_access.roles", "admin", "user")).isTrue();
		assertThat(this.claims.hasAny("realm_access.roles", "admin", "ops")).isFalse();
		assertThat(this.claims.hasAny("group")).isFalse();
	}

	@Test
	void hasScopeWhenScopeIsASpaceSeparatedStringThenMatchesWholeScopes() {
		Tokens.signIn(Tokens.keycloakClaims());
		assertThat(this.claims.hasScope("orders:read")).isTrue();
		assertThat(this.claims.hasScope("profile")).isTrue();
		assertThat(this.claims.hasScope("orders")).isFalse();
	}

	@Test
	void hasScopeWhenScopeIsAnArrayThenMatchesItsElements() {
		Tokens.signIn(Map.of("scope", List.of("orders:read", "profile")));
		assertThat(this.claims.hasScope("orders:read")).isTrue();
		assertThat(this.claims.hasScope("orders:write")).isFalse();
	}

	@Test
	void hasScopeWhenThereIsNoScopeClaimThenFalse() {
		Tokens.signIn(Map.of("sub", "alice"));
		assertThat(this.claims.hasScope("orders:read")).isFalse();
	}

	@Test
	void everyCheckWhenTheAuthenticationIsNotTokenBasedThenFalse() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("group", "dev", "SCOPE_orders:read"));
		assertThat(this.claims.matches("Equals(`group`, `dev`)")).isFalse();
		assertThat(this.claims.has("group", "dev")).isFalse();
		assertThat(this.claims.hasAny("group", "dev")).isFalse();
		assertThat(this.claims.hasScope("orders:read")).isFalse();
	}

	@Test
	void everyCheckWhenNobodyIsSignedInThenFalse() {
		assertThat(this.claims.matches("Equals(`group`, `dev`)")).isFalse();
		assertThat(this.claims.has("group", "dev")).isFalse();
		assertThat(this.claims.hasAny("group", "dev")).isFalse();
		assertThat(this.claims.hasScope("orders:read")).isFalse();
	}

	@Test
	void everyCheckWhenTheAuthenticationIsNotAuthenticatedThenFalse() {
		Tokens.signIn(Tokens.keycloakClaims());
		SecurityContextHolder.getContext().getAuthentication().setAuthenticated(false);
		assertThat(this.claims.matches("Equals(`group`, `dev`)")).isFalse();
		assertThat(this.claims.has("group", "dev")).isFalse();
	}

}
