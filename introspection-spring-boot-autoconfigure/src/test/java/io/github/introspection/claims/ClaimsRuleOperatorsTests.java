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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the operators, paths and general behavior of {@link ClaimsRule}.
 */
class ClaimsRuleOperatorsTests {

	private static final String TRUE = "Equals(`t`, `1`)";

	private static final String FALSE = "Equals(`f`, `1`)";

	private static final Map<String, Object> CLAIMS = Map.of("t", "1", "f", "0");

	private static boolean matches(String rule) {
		return ClaimsRule.parse(rule).matches(CLAIMS);
	}

	private static String rule(String template) {
		return template.replace("T", TRUE).replace("F", FALSE);
	}

	@Test
	void andWhenBothOperandsMatchThenMatches() {
		assertThat(matches(rule("T && T"))).isTrue();
		assertThat(matches(rule("T && F"))).isFalse();
		assertThat(matches(rule("F && T"))).isFalse();
		assertThat(matches(rule("T && T && T && F"))).isFalse();
	}

	@Test
	void orWhenEitherOperandMatchesThenMatches() {
		assertThat(matches(rule("F || T"))).isTrue();
		assertThat(matches(rule("T || F"))).isTrue();
		assertThat(matches(rule("F || F"))).isFalse();
		assertThat(matches(rule("F || F || F || T"))).isTrue();
	}

	@Test
	void notWhenOperandDoesNotMatchThenMatches() {
		assertThat(matches(rule("!F"))).isTrue();
		assertThat(matches(rule("!T"))).isFalse();
		assertThat(matches(rule("!!T"))).isTrue();
		assertThat(matches(rule("!!!T"))).isFalse();
	}

	@Test
	void andBindsTighterThanOr() {
		assertThat(matches(rule("T || T && F"))).isTrue();
		assertThat(matches(rule("T || F && F"))).isTrue();
		assertThat(matches(rule("F && F || T"))).isTrue();
		assertThat(matches(rule("F || T && F"))).isFalse();
		assertThat(matches(rule("(T || T) && F"))).isFalse();
	}

	@Test
	void notBindsTighterThanAnd() {
		assertThat(matches(rule("!F && T"))).isTrue();
		assertThat(matches(rule("!T && F"))).isFalse();
		assertThat(matches(rule("!(T && F)"))).isTrue();
		assertThat(matches(rule("!T || T"))).isTrue();
		assertThat(matches(rule("!(T || T)"))).isFalse();
	}

	@Test
	void parenthesesOverridePrecedence() {
		assertThat(matches(rule("(F || T) && T"))).isTrue();
		assertThat(matches(rule("F || (T && F)"))).isFalse();
		assertThat(matches(rule("((T))"))).isTrue();
		assertThat(matches(rule("!((F || F) && T) && (T || F)"))).isTrue();
	}

	@Test
	void whitespaceIsAllowedBetweenTokens() {
		assertThat(matches("  Equals ( `t` ,\t`1` )\n&&\r\n! ( Equals(`f`,`1`) )  ")).isTrue();
		assertThat(matches("Equals(`t`,`1`)&&!Equals(`f`,`1`)||Equals(`f`,`0`)")).isTrue();
		assertThat(matches("Equals(` t`, `1`)")).isFalse();
	}

	@Test
	void argumentsMayHoldAnyCharacterExceptBacktick() {
		Map<String, Object> claims = Map.of("k", "a ( ) , && || ! \\ \" ' \n é 😀");
		assertThat(ClaimsRule.parse("Equals(`k`, `a ( ) , && || ! \\ \" ' \n é 😀`)").matches(claims)).isTrue();
	}

	@Test
	void argumentsWhenBacktickOrBackslashIsEscapedThenHoldIt() {
		Map<String, Object> claims = Map.of("k", "a`b\\c", "key`with\\", "v", "a", Map.of("b`", "w"));
		assertThat(ClaimsRule.parse("Equals(`k`, `a\\`b\\\\c`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("OneOf(`k`, `x`, `a\\`b\\\\c`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`k`, `a\\`b\\c`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`key\\`with\\\\`, `v`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`a.b\\``, `w`)").matches(claims)).isTrue();
	}

	@Test
	void valueWhenAnotherBackslashThenItStandsForItself() {
		Map<String, Object> claims = Map.of("k", "a\\.b\\x\\ ");
		assertThat(ClaimsRule.parse("Equals(`k`, `a\\.b\\x\\ `)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("SplitContains(`k`, `\\.`, `b\\x\\ `)").matches(claims)).isTrue();
	}

	@Test
	void valueWhenQuotedThenTextThatLooksLikeRuleSyntaxStaysOneValue() {
		String injected = "nope`) || Prefix(`sub`, `";
		Map<String, Object> other = Map.of("group", "dev", "sub", "alice");
		ClaimsRule rule = ClaimsRule.parse("Equals(`group`, " + ClaimsRule.quote(injected) + ")");
		assertThat(rule.matches(other)).isFalse();
		assertThat(rule.matches(Map.of("group", injected))).isTrue();
		assertThat(ClaimsRule.parse("Equals(`group`, `nope\\`) || Prefix(\\`sub\\`, \\``)").matches(other)).isFalse();
		// concatenated without quote(), the same text turns the rule into an OR
		assertThat(ClaimsRule.parse("Equals(`group`, `" + injected + "`)").matches(other)).isTrue();
	}

	@Test
	void quoteEscapesBackticksAndBackslashesOnly() {
		assertThat(ClaimsRule.quote("")).isEqualTo("``");
		assertThat(ClaimsRule.quote("a`b\\c\\.d e")).isEqualTo("`a\\`b\\\\c\\\\.d e`");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimsRule.quote(null));
	}

	@Test
	void keyWhenDottedThenResolvesNestedClaims() {
		Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("admin")), "user",
				Map.of("name", "alice"));
		assertThat(ClaimsRule.parse("Contains(`realm_access.roles`, `admin`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`user.name`, `alice`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`user.name.first`, `alice`)").matches(claims)).isFalse();
	}

	@Test
	void keyWhenDotIsEscapedThenMatchesLiteralDot() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("https://example.com/roles", List.of("editor"));
		claims.put("https://example", Map.of("com/roles", List.of("viewer")));
		claims.put("a.b", Map.of("c", "literal"));
		assertThat(ClaimsRule.parse("Contains(`https://example\\.com/roles`, `editor`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Contains(`https://example\\.com/roles`, `viewer`)").matches(claims)).isFalse();
		assertThat(ClaimsRule.parse("Contains(`https://example.com/roles`, `viewer`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`a\\.b.c`, `literal`)").matches(claims)).isTrue();
	}

	@Test
	void keyWhenBackslashIsEscapedThenMatchesLiteralBackslash() {
		Map<String, Object> claims = Map.of("dom\\user", "x", "end\\", Map.of("k", "y"));
		assertThat(ClaimsRule.parse("Equals(`dom\\\\user`, `x`)").matches(claims)).isTrue();
		assertThat(ClaimsRule.parse("Equals(`end\\\\.k`, `y`)").matches(claims)).isTrue();
	}

	@Test
	void matchesWhenClaimsAreEmptyThenOnlyNegationsMatch() {
		assertThat(ClaimsRule.parse(TRUE).matches(Map.of())).isFalse();
		assertThat(ClaimsRule.parse("!" + TRUE).matches(Map.of())).isTrue();
	}

	@Test
	void matchesWhenClaimsAreNullThenThrowsIllegalArgumentException() {
		ClaimsRule rule = ClaimsRule.parse(TRUE);
		assertThatIllegalArgumentException().isThrownBy(() -> rule.matches(null));
	}

	@Test
	void matchesWhenNestedMapHasOtherKeyTypeThenDoesNotThrow() {
		Map<String, Object> claims = Map.of("n", new TreeMap<>(Map.of(1, "one")));
		assertThat(ClaimsRule.parse("Equals(`n.x`, `one`)").matches(claims)).isFalse();
	}

	@Test
	void matchesWhenLongChainThenDoesNotOverflowStack() {
		String and = String.join(" && ", Collections.nCopies(50_000, TRUE));
		String or = String.join(" || ", Collections.nCopies(50_000, FALSE));
		assertThat(matches(and)).isTrue();
		assertThat(matches(or)).isFalse();
		assertThat(matches("!".repeat(100_001) + TRUE)).isFalse();
	}

	@Test
	void matchesWhenUsedConcurrentlyThenGivesSameResults() {
		ClaimsRule rule = ClaimsRule.parse("SplitContains(`scope`, ` `, `b`) && !OneOf(`group`, `x`, `y`)");
		AtomicInteger wrongResults = new AtomicInteger();
		IntStream.range(0, 10_000).parallel().forEach((i) -> {
			boolean even = i % 2 == 0;
			Map<String, Object> claims = Map.of("scope", "a " + (even ? "b" : "c"), "group", "g");
			if (rule.matches(claims) != even) {
				wrongResults.incrementAndGet();
			}
		});
		assertThat(wrongResults).hasValue(0);
	}

	@Test
	void getRuleAndToStringReturnTheRuleText() {
		String text = " Equals(`a`, `b`) ";
		ClaimsRule rule = ClaimsRule.parse(text);
		assertThat(rule.getRule()).isEqualTo(text);
		assertThat(rule).hasToString(text);
		assertThat(rule).isEqualTo(ClaimsRule.parse(text)).hasSameHashCodeAs(ClaimsRule.parse(text));
	}

}
