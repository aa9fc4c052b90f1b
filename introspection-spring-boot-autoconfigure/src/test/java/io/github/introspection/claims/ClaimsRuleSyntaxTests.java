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

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for syntax errors reported by {@link ClaimsRule#parse(String)}.
 */
class ClaimsRuleSyntaxTests {

	private static void assertError(String rule, int position, String reason) {
		assertThatExceptionOfType(ClaimsRuleSyntaxException.class).isThrownBy(() -> ClaimsRule.parse(rule))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(rule);
				assertThat(ex.getPosition()).isEqualTo(position);
				assertThat(ex.getReason()).isEqualTo(reason);
				assertThat(ex.getMessage())
					.isEqualTo("Invalid claims rule \"" + rule + "\" at position " + position + ": " + reason);
			});
	}

	private static void assertErrorPosition(String rule, int position) {
		assertThatExceptionOfType(ClaimsRuleSyntaxException.class).isThrownBy(() -> ClaimsRule.parse(rule))
			.satisfies((ex) -> assertThat(ex.getPosition()).isEqualTo(position));
	}

	@Test
	void parseWhenRuleIsNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimsRule.parse(null));
	}

	@Test
	void parseWhenRuleIsEmptyThenReportsPositionZero() {
		assertError("", 0, "expected function name, '!' or '(' but found end of rule");
	}

	@Test
	void parseWhenRuleIsBlankThenReportsEndOfRule() {
		assertError("  \t", 3, "expected function name, '!' or '(' but found end of rule");
	}

	@Test
	void parseWhenMessageIsBuiltThenNamesRulePositionAndExpectation() {
		assertThatExceptionOfType(ClaimsRuleSyntaxException.class).isThrownBy(() -> ClaimsRule.parse("Equals(`a`"))
			.withMessage("Invalid claims rule \"Equals(`a`\" at position 10: "
					+ "expected ',' but found end of rule (Equals takes 2 arguments: key, value)");
	}

	@Test
	void parseWhenBacktickIsUnterminatedThenReportsOpeningBacktick() {
		assertError("Equals(`a`, `b)", 12,
				"expected closing '`' but found end of rule (unterminated backtick-quoted string)");
		assertErrorPosition("`", 0);
		assertErrorPosition("Equals(`a", 7);
	}

	@Test
	void parseWhenFunctionIsUnknownThenReportsFunctionName() {
		assertError("Equal(`a`, `b`)", 0,
				"expected one of Equals, Prefix, Contains, SplitContains, OneOf but found unknown function 'Equal'");
		assertErrorPosition("equals(`a`, `b`)", 0);
		assertErrorPosition("Equals(`a`,`b`) && Foo(`x`)", 19);
	}

	@Test
	void parseWhenEqualsHasWrongArgumentCountThenReportsOffendingToken() {
		assertError("Equals()", 7,
				"expected backtick-quoted argument but found ')' (Equals takes 2 arguments: key, value)");
		assertError("Equals(`a`)", 10, "expected ',' but found ')' (Equals takes 2 arguments: key, value)");
		assertError("Equals(`a`, `b`, `c`)", 15, "expected ')' but found ',' (Equals takes 2 arguments: key, value)");
	}

	@Test
	void parseWhenPrefixHasWrongArgumentCountThenReportsOffendingToken() {
		assertErrorPosition("Prefix(`a`)", 10);
		assertErrorPosition("Prefix(`a`, `b`, `c`)", 15);
	}

	@Test
	void parseWhenContainsHasWrongArgumentCountThenReportsOffendingToken() {
		assertErrorPosition("Contains(`a`)", 12);
		assertErrorPosition("Contains(`a`, `b`, `c`)", 17);
	}

	@Test
	void parseWhenSplitContainsHasWrongArgumentCountThenReportsOffendingToken() {
		assertError("SplitContains(`scope`, ` `)", 26,
				"expected ',' but found ')' (SplitContains takes 3 arguments: key, separator, value)");
		assertErrorPosition("SplitContains(`a`, ` `, `b`, `c`)", 27);
	}

	@Test
	void parseWhenOneOfHasOnlyKeyThenReportsOffendingToken() {
		assertError("OneOf(`roles`)", 13, "expected ',' but found ')' (OneOf takes a key and at least one value)");
		assertError("OneOf(`a`, `b`, )", 16,
				"expected backtick-quoted argument but found ')' (OneOf takes a key and at least one value)");
		assertError("OneOf(`a`, `b` `c`)", 15,
				"expected ',' or ')' but found backtick-quoted string `c` (OneOf takes a key and at least one value)");
	}

	@Test
	void parseWhenCommaIsMissingThenReportsNextArgument() {
		assertError("Equals(`a` `b`)", 11,
				"expected ',' but found backtick-quoted string `b` (Equals takes 2 arguments: key, value)");
	}

	@Test
	void parseWhenArgumentIsNotQuotedThenReportsIt() {
		assertError("Equals(a, `b`)", 7,
				"expected backtick-quoted argument but found 'a' (Equals takes 2 arguments: key, value)");
	}

	@Test
	void parseWhenOpeningParenthesisIsMissingThenReportsIt() {
		assertError("Equals `a`, `b`)", 7, "expected '(' after Equals but found backtick-quoted string `a`");
		assertError("Equals", 6, "expected '(' after Equals but found end of rule");
	}

	@Test
	void parseWhenClosingParenthesisIsMissingThenReportsEndOfRule() {
		assertError("(Equals(`a`, `b`)", 17, "expected '&&', '||' or ')' but found end of rule");
		assertError("Equals(`a`, `b`", 15, "expected ')' but found end of rule (Equals takes 2 arguments: key, value)");
		assertErrorPosition("((Equals(`a`, `b`) && Equals(`c`, `d`)", 38);
	}

	@Test
	void parseWhenOperatorIsTrailingThenReportsEndOfRule() {
		assertError("Equals(`a`, `b`) &&", 19, "expected function name, '!' or '(' but found end of rule");
		assertError("Equals(`a`, `b`) || ", 20, "expected function name, '!' or '(' but found end of rule");
		assertError("!", 1, "expected function name, '!' or '(' but found end of rule");
	}

	@Test
	void parseWhenOperandIsMissingThenReportsNextToken() {
		assertError("Equals(`a`, `b`) && && Equals(`c`, `d`)", 20, "expected function name, '!' or '(' but found '&&'");
		assertError("&& Equals(`a`, `b`)", 0, "expected function name, '!' or '(' but found '&&'");
		assertError("()", 1, "expected function name, '!' or '(' but found ')'");
	}

	@Test
	void parseWhenOperatorIsIncompleteThenReportsIt() {
		assertError("Equals(`a`, `b`) & Equals(`c`, `d`)", 17, "expected '&&', '||' or end of rule but found '&'");
		assertErrorPosition("Equals(`a`, `b`) | Equals(`c`, `d`)", 17);
	}

	@Test
	void parseWhenGarbageFollowsTheRuleThenReportsIt() {
		assertError("Equals(`a`, `b`) xyz", 17, "expected '&&', '||' or end of rule but found 'xyz'");
		assertError("Equals(`a`, `b`))", 16, "expected '&&', '||' or end of rule but found ')'");
		assertError("Equals(`a`, `b`) Equals(`c`, `d`)", 17, "expected '&&', '||' or end of rule but found 'Equals'");
		assertError("Equals(`a`, `b`) #", 17, "expected '&&', '||' or end of rule but found '#'");
		assertError("Equals(`a`, `b`) \u0000", 17, "expected '&&', '||' or end of rule but found '\\u0000'");
	}

	@Test
	void parseWhenKeyHasBadEscapeThenReportsBackslash() {
		assertError("Equals(`a\\x`, `b`)", 9,
				"invalid claim key: expected '\\.' or '\\\\' but found invalid escape '\\x'");
		// after an escaped backtick and an escaped backslash, still the position in the
		// rule
		assertError("Equals(`\\`\\\\a\\x`, `b`)", 13,
				"invalid claim key: expected '\\.' or '\\\\' but found invalid escape '\\x'");
		assertError("Equals(`\\`a\\\\.`, `b`)", 13,
				"invalid claim key: expected a claim name after '.' but found end of path");
	}

	@Test
	void parseWhenABackslashEscapesTheClosingBacktickThenTheStringRunsOn() {
		// "\`" is a backtick: the key is "a`, " and "b" is where a ',' was expected
		assertError("Equals(`a\\`, `b`)", 14, "expected ',' but found 'b' (Equals takes 2 arguments: key, value)");
		assertError("Equals(`a\\`b`, `c`) xyz", 20, "expected '&&', '||' or end of rule but found 'xyz'");
	}

	@Test
	void parseWhenAStringEndsWithALoneBackslashThenReportsTheBackslash() {
		assertError("Equals(`a`, `b\\", 14,
				"expected '`' or '\\' after '\\' but found end of rule (unterminated backtick-quoted string)");
		assertError("Equals(`a`, `C:\\`)", 15,
				"expected closing '`' but found end of rule (unterminated backtick-quoted string: "
						+ "'\\`' is an escaped backtick, a backslash before the closing '`' is written '\\\\')");
	}

	@Test
	void parseWhenKeyIsEmptyOrHasEmptySegmentThenReportsIt() {
		assertError("Equals(``, `b`)", 8, "invalid claim key: expected a claim name but the path is empty");
		assertError("Equals(`a..b`, `c`)", 10,
				"invalid claim key: expected a claim name before '.' but found empty segment");
		assertErrorPosition("Equals(`.a`, `c`)", 8);
		assertError("Equals(`a.`, `c`)", 9, "invalid claim key: expected a claim name after '.' but found end of path");
	}

	@Test
	void parseWhenSeparatorIsEmptyThenReportsIt() {
		assertError("SplitContains(`scope`, ``, `x`)", 24, "expected a non-empty separator but found ``");
	}

	@Test
	void parseWhenParenthesesAreNestedTooDeeplyThenReportsIt() {
		String ok = "(".repeat(ClaimsRuleParser.MAX_NESTING) + "Equals(`a`, `b`)"
				+ ")".repeat(ClaimsRuleParser.MAX_NESTING);
		assertThat(ClaimsRule.parse(ok).matches(Map.of("a", "b"))).isTrue();
		assertError("(".repeat(ClaimsRuleParser.MAX_NESTING + 1), ClaimsRuleParser.MAX_NESTING,
				"expected at most 100 nested parentheses but found more");
		assertErrorPosition("(!".repeat(100_000), 200);
	}

}
