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

package io.github.introspection.claims;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the functions of {@link ClaimsRule} on each kind of claim value.
 */
class ClaimsRuleFunctionsTests {

	static final Map<String, Object> CLAIMS = claims();

	static Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "alice");
		claims.put("group", "dev");
		claims.put("scope", "orders:read orders:write profile");
		claims.put("roles", List.of("admin", "user"));
		claims.put("mixed", List.of(7, 2.0, 3.5, true, List.of("nested"), Map.of("k", "v")));
		claims.put("nullElements", Arrays.asList(null, "x"));
		claims.put("scopes", List.of("orders:read orders:write", "profile"));
		claims.put("groups", Set.of("ops"));
		claims.put("array", new String[] { "one", "two" });
		claims.put("active", true);
		claims.put("age", 42);
		claims.put("long", 1234567890123L);
		claims.put("big", new BigInteger("12345678901234567890"));
		claims.put("ratio", 0.5);
		claims.put("whole", 42.0);
		claims.put("price", new BigDecimal("19.90"));
		claims.put("exp", Instant.ofEpochSecond(1700000000));
		claims.put("user", Map.of("name", "Alice", "address", Map.of("city", "Paris")));
		claims.put("realm_access", Map.of("roles", List.of("offline_access", "uma_authorization")));
		claims.put("nothing", null);
		claims.put("empty", "");
		return claims;
	}

	static boolean matches(String rule) {
		return ClaimsRule.parse(rule).matches(CLAIMS);
	}

	@Test
	void equalsWhenStringClaimEqualsValueThenMatches() {
		assertThat(matches("Equals(`group`, `dev`)")).isTrue();
		assertThat(matches("Equals(`group`, `de`)")).isFalse();
		assertThat(matches("Equals(`group`, `DEV`)")).isFalse();
		assertThat(matches("Equals(`empty`, ``)")).isTrue();
	}

	@Test
	void equalsWhenArrayClaimContainsValueThenMatches() {
		assertThat(matches("Equals(`roles`, `admin`)")).isTrue();
		assertThat(matches("Equals(`roles`, `user`)")).isTrue();
		assertThat(matches("Equals(`roles`, `adm`)")).isFalse();
		assertThat(matches("Equals(`groups`, `ops`)")).isTrue();
		assertThat(matches("Equals(`array`, `two`)")).isTrue();
		assertThat(matches("Equals(`nullElements`, `x`)")).isTrue();
	}

	@Test
	void equalsWhenArrayElementsAreNotStringsThenComparesTheirJsonText() {
		assertThat(matches("Equals(`mixed`, `7`)")).isTrue();
		assertThat(matches("Equals(`mixed`, `2`)")).isTrue();
		assertThat(matches("Equals(`mixed`, `3.5`)")).isTrue();
		assertThat(matches("Equals(`mixed`, `true`)")).isTrue();
		assertThat(matches("Equals(`mixed`, `nested`)")).isFalse();
		assertThat(matches("Equals(`mixed`, `v`)")).isFalse();
	}

	@Test
	void equalsWhenNumberClaimThenComparesJsonText() {
		assertThat(matches("Equals(`age`, `42`)")).isTrue();
		assertThat(matches("Equals(`age`, `42.0`)")).isFalse();
		assertThat(matches("Equals(`whole`, `42`)")).isTrue();
		assertThat(matches("Equals(`ratio`, `0.5`)")).isTrue();
		assertThat(matches("Equals(`long`, `1234567890123`)")).isTrue();
		assertThat(matches("Equals(`big`, `12345678901234567890`)")).isTrue();
		assertThat(matches("Equals(`price`, `19.9`)")).isTrue();
	}

	@Test
	void equalsWhenBooleanClaimThenComparesJsonText() {
		assertThat(matches("Equals(`active`, `true`)")).isTrue();
		assertThat(matches("Equals(`active`, `false`)")).isFalse();
		assertThat(matches("Equals(`active`, `True`)")).isFalse();
	}

	@Test
	void equalsWhenInstantClaimThenComparesEpochSeconds() {
		assertThat(matches("Equals(`exp`, `1700000000`)")).isTrue();
		assertThat(matches("Prefix(`exp`, `17`)")).isTrue();
		assertThat(matches("Equals(`exp`, `2023-11-14T22:13:20Z`)")).isFalse();
	}

	@Test
	void equalsWhenNestedClaimThenMatches() {
		assertThat(matches("Equals(`user.name`, `Alice`)")).isTrue();
		assertThat(matches("Equals(`user.address.city`, `Paris`)")).isTrue();
		assertThat(matches("Equals(`realm_access.roles`, `offline_access`)")).isTrue();
	}

	@Test
	void functionsWhenClaimIsAnObjectThenDoNotMatch() {
		assertThat(matches("Equals(`user`, `Alice`)")).isFalse();
		assertThat(matches("Prefix(`user`, ``)")).isFalse();
		assertThat(matches("Contains(`user`, `name`)")).isFalse();
		assertThat(matches("SplitContains(`user`, `=`, `name`)")).isFalse();
		assertThat(matches("OneOf(`user`, `name`, `Alice`)")).isFalse();
	}

	@Test
	void functionsWhenClaimIsMissingOrNullThenDoNotMatch() {
		for (String key : List.of("missing", "nothing", "user.missing", "sub.name", "roles.admin", "user.name.first")) {
			assertThat(matches("Equals(`" + key + "`, ``)")).as(key).isFalse();
			assertThat(matches("Prefix(`" + key + "`, ``)")).as(key).isFalse();
			assertThat(matches("Contains(`" + key + "`, ``)")).as(key).isFalse();
			assertThat(matches("SplitContains(`" + key + "`, ` `, ``)")).as(key).isFalse();
			assertThat(matches("OneOf(`" + key + "`, ``, `null`)")).as(key).isFalse();
			assertThat(matches("!Equals(`" + key + "`, ``)")).as(key).isTrue();
		}
	}

	@Test
	void prefixWhenStringClaimStartsWithValueThenMatches() {
		assertThat(matches("Prefix(`sub`, `ali`)")).isTrue();
		assertThat(matches("Prefix(`sub`, ``)")).isTrue();
		assertThat(matches("Prefix(`sub`, `lice`)")).isFalse();
		assertThat(matches("Prefix(`user.name`, `Al`)")).isTrue();
	}

	@Test
	void prefixWhenArrayClaimHasElementWithPrefixThenMatches() {
		assertThat(matches("Prefix(`roles`, `adm`)")).isTrue();
		assertThat(matches("Prefix(`roles`, `us`)")).isTrue();
		assertThat(matches("Prefix(`roles`, `x`)")).isFalse();
		assertThat(matches("Prefix(`realm_access.roles`, `uma_`)")).isTrue();
	}

	@Test
	void prefixWhenNumberOrBooleanClaimThenUsesJsonText() {
		assertThat(matches("Prefix(`age`, `4`)")).isTrue();
		assertThat(matches("Prefix(`active`, `tr`)")).isTrue();
		assertThat(matches("Prefix(`ratio`, `0.`)")).isTrue();
	}

	@Test
	void containsWhenStringClaimHasSubstringThenMatches() {
		assertThat(matches("Contains(`sub`, `lic`)")).isTrue();
		assertThat(matches("Contains(`scope`, `orders:write`)")).isTrue();
		assertThat(matches("Contains(`sub`, `bob`)")).isFalse();
		assertThat(matches("Contains(`user.address.city`, `ari`)")).isTrue();
	}

	@Test
	void containsWhenArrayClaimHasElementThenMatches() {
		assertThat(matches("Contains(`roles`, `admin`)")).isTrue();
		assertThat(matches("Contains(`roles`, `dmi`)")).isFalse();
		assertThat(matches("Contains(`mixed`, `7`)")).isTrue();
		assertThat(matches("Contains(`mixed`, `true`)")).isTrue();
		assertThat(matches("Contains(`array`, `one`)")).isTrue();
	}

	@Test
	void containsWhenNumberBooleanOrInstantClaimThenUsesJsonText() {
		assertThat(matches("Contains(`age`, `2`)")).isTrue();
		assertThat(matches("Contains(`active`, `ru`)")).isTrue();
		assertThat(matches("Contains(`exp`, `0000`)")).isTrue();
		assertThat(matches("Contains(`whole`, `.`)")).isFalse();
	}

	@Test
	void splitContainsWhenStringClaimHasPartThenMatches() {
		assertThat(matches("SplitContains(`scope`, ` `, `orders:read`)")).isTrue();
		assertThat(matches("SplitContains(`scope`, ` `, `profile`)")).isTrue();
		assertThat(matches("SplitContains(`scope`, ` `, `orders`)")).isFalse();
		assertThat(matches("SplitContains(`scope`, `:`, `read orders`)")).isTrue();
		assertThat(matches("SplitContains(`scope`, `orders:`, `read `)")).isTrue();
		assertThat(matches("SplitContains(`sub`, `,`, `alice`)")).isTrue();
		assertThat(matches("SplitContains(`sub`, `,`, `ali`)")).isFalse();
	}

	@Test
	void splitContainsWhenClaimHasEmptyPartsThenEmptyValueMatches() {
		Map<String, Object> claims = Map.of("csv", "a,,b", "edge", ",a", "plain", "a");
		assertThat(ClaimsRule.parse("SplitContains(`csv`, `,`, ``)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("SplitContains(`csv`, `,`, `b`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("SplitContains(`edge`, `,`, ``)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("SplitContains(`plain`, `,`, ``)").matches(claims)).isFalse();
		assertThat(ClaimsRule.parse("SplitContains(`empty`, `,`, ``)").matches(CLAIMS)).isTrue();
	}

	@Test
	void splitContainsWhenArrayClaimThenSplitsEachElement() {
		assertThat(matches("SplitContains(`scopes`, ` `, `orders:write`)")).isTrue();
		assertThat(matches("SplitContains(`scopes`, ` `, `profile`)")).isTrue();
		assertThat(matches("SplitContains(`scopes`, ` `, `orders`)")).isFalse();
	}

	@Test
	void splitContainsWhenNumberClaimThenSplitsJsonText() {
		assertThat(matches("SplitContains(`ratio`, `.`, `5`)")).isTrue();
		assertThat(matches("SplitContains(`exp`, `0`, `17`)")).isTrue();
		assertThat(matches("SplitContains(`active`, `u`, `tr`)")).isTrue();
	}

	@Test
	void oneOfWhenStringClaimEqualsOneValueThenMatches() {
		assertThat(matches("OneOf(`group`, `dev`)")).isTrue();
		assertThat(matches("OneOf(`group`, `ops`, `dev`, `qa`)")).isTrue();
		assertThat(matches("OneOf(`group`, `ops`, `qa`)")).isFalse();
		assertThat(matches("OneOf(`group`, `de`, `ev`)")).isFalse();
	}

	@Test
	void oneOfWhenArrayClaimHoldsOneValueThenMatches() {
		assertThat(matches("OneOf(`roles`, `guest`, `user`)")).isTrue();
		assertThat(matches("OneOf(`roles`, `guest`, `root`)")).isFalse();
		assertThat(matches("OneOf(`realm_access.roles`, `uma_authorization`)")).isTrue();
		assertThat(matches("OneOf(`mixed`, `3.5`, `x`)")).isTrue();
	}

	@Test
	void oneOfWhenNumberBooleanOrInstantClaimThenUsesJsonText() {
		assertThat(matches("OneOf(`age`, `41`, `42`)")).isTrue();
		assertThat(matches("OneOf(`active`, `false`, `true`)")).isTrue();
		assertThat(matches("OneOf(`exp`, `1700000000`, `0`)")).isTrue();
		assertThat(matches("OneOf(`whole`, `42.0`)")).isFalse();
	}

	@Test
	void oneOfWhenValuesRepeatThenStillMatches() {
		assertThat(matches("OneOf(`group`, `dev`, `dev`)")).isTrue();
	}

}
