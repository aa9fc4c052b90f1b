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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests for {@link ClaimsRule} and {@link ClaimPath}.
 */
class ClaimsRulePropertyTests {

	private static final List<String> ALPHABET = List.of("Equals", "Prefix", "Contains", "SplitContains", "OneOf",
			"Foo", "equals", "`", "``", "`a`", "`a.b`", "`a\\.b`", "`a\\x`", "`\\`", "` `", "`.`", "(", ")", ",", "&&",
			"||", "&", "|", "!", " ", "\t", "a", "b", ".", "\\", "\\.", "\\\\", "Equals(`a`, `b`)", "OneOf(`a`, `b`",
			"SplitContains(`a`, ` `, `b`)");

	@Property
	void parseWhenRuleIsBuiltFromTheAlphabetThenSucceedsOrReportsPositionInRule(@ForAll("alphabetRules") String rule) {
		assertParsesOrReportsPosition(rule);
	}

	@Property
	void parseWhenRuleIsAnyStringThenSucceedsOrReportsPositionInRule(@ForAll("anyStrings") String rule) {
		assertParsesOrReportsPosition(rule);
	}

	@Property
	void parseWhenRuleIsWellFormedThenEvaluatesLikeItsSyntaxTree(@ForAll("expressions") Node expression,
			@ForAll("claims") Map<String, Object> claims) {
		String text = expression.print(0);
		ClaimsRule rule = ClaimsRule.parse(text);
		assertThat(rule.matches(claims)).as(text).isEqualTo(expression.evaluate(claims));
	}

	@Property
	void claimPathWhenSegmentsAreEscapedThenParsesBackAndResolves(@ForAll("segments") List<String> segments) {
		String text = segments.stream()
			.map((segment) -> segment.replace("\\", "\\\\").replace(".", "\\."))
			.collect(Collectors.joining("."));
		ClaimPath path = ClaimPath.parse(text);
		assertThat(path.getSegments()).isEqualTo(segments);
		assertThat(path).hasToString(text);
		Object claims = "leaf";
		for (int i = segments.size() - 1; i >= 0; i--) {
			claims = Map.of(segments.get(i), claims);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) claims;
		assertThat(path.resolve(map)).isEqualTo("leaf");
	}

	@Property
	void quoteWhenValueIsAnyStringThenTheRuleReadsExactlyThatValue(@ForAll("quotable") String value) {
		String key = "key`\\";
		ClaimsRule rule = ClaimsRule.parse("Equals(`k`, " + ClaimsRule.quote(value) + ") && OneOf("
				+ ClaimsRule.quote(key) + ", `x`, " + ClaimsRule.quote(value) + ")");
		assertThat(rule.matches(Map.of("k", value, key, value))).isTrue();
		assertThat(rule.matches(Map.of("k", value + "x", key, value))).isFalse();
		assertThat(rule.matches(Map.of("k", value, key, "y" + value))).isFalse();
	}

	private static void assertParsesOrReportsPosition(String rule) {
		try {
			ClaimsRule.parse(rule).matches(Map.of("a", "b", "a.b", List.of("c")));
		}
		catch (ClaimsRuleSyntaxException ex) {
			assertThat(ex.getPosition()).isBetween(0, rule.length());
			assertThat(ex.getRule()).isEqualTo(rule);
			assertThat(ex.getMessage()).startsWith("Invalid claims rule \"" + rule + "\" at position ");
		}
	}

	@Provide
	Arbitrary<String> alphabetRules() {
		return Arbitraries.of(ALPHABET).list().ofMaxSize(30).map((tokens) -> String.join("", tokens));
	}

	@Provide
	Arbitrary<String> anyStrings() {
		return Arbitraries.strings().ofMaxLength(40);
	}

	@Provide
	Arbitrary<String> quotable() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
				Arbitraries.strings().withChars("`\\ a.()|&,!").ofMaxLength(20));
	}

	@Provide
	Arbitrary<List<String>> segments() {
		return Arbitraries.strings()
			.withChars("ab.\\ `")
			.ofMinLength(1)
			.ofMaxLength(5)
			.list()
			.ofMinSize(1)
			.ofMaxSize(4);
	}

	@Provide
	Arbitrary<Node> expressions() {
		Arbitrary<String> space = Arbitraries.of("", " ", "  ", "\t", "\n");
		return Arbitraries.recursive(ClaimsRulePropertyTests::calls,
				(inner) -> Arbitraries.oneOf(Combinators.combine(inner, inner, space).as(And::new),
						Combinators.combine(inner, inner, space).as(Or::new),
						Combinators.combine(inner, space).as(Not::new),
						Combinators.combine(inner, space).as(Group::new)),
				0, 5);
	}

	private static Arbitrary<Node> calls() {
		Arbitrary<String> keys = Arbitraries.of("a", "b", "n", "a.b", "a.c", "list", "x\\.y", "back\\\\slash", "a.b.c",
				"missing");
		Arbitrary<String> values = Arbitraries.of("", "a", "b", "a b", "1", "42", "0.5", "true", "false", "1700000000",
				"x,y");
		Arbitrary<String> separators = Arbitraries.of(" ", ",", "a", "ab");
		Arbitrary<String> space = Arbitraries.of("", " ", "\n");
		return Arbitraries.oneOf(
				Combinators.combine(Arbitraries.of("Equals", "Prefix", "Contains"), keys, values, space)
					.as((name, key, value, sp) -> name + sp + "(`" + key + "`," + sp + "`" + value + "`)"),
				Combinators.combine(keys, separators, values)
					.as((key, separator, value) -> "SplitContains(`" + key + "`, `" + separator + "`, `" + value
							+ "`)"),
				Combinators.combine(keys, values.list().ofMinSize(1).ofMaxSize(4))
					.as((key, list) -> "OneOf(`" + key + "`"
							+ list.stream().map((value) -> ", `" + value + "`").collect(Collectors.joining()) + ")"))
			.map(Call::new);
	}

	@Provide
	Arbitrary<Map<String, Object>> claims() {
		Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "n", "x.y", "back\\slash", "list");
		Arbitrary<Object> scalars = Arbitraries
			.<Object>oneOf(Arbitraries.of("", "a", "b", "a b", "1", "42", "0.5", "true", "x,y", "a,b", "1700000000"),
					Arbitraries.of(true, false), Arbitraries.integers().between(-2, 50), Arbitraries.longs(),
					Arbitraries.of(42.0, 0.5, 1e20, -0.0, Double.NaN),
					Arbitraries.of(new BigDecimal("42.0"), new BigDecimal("0.50"),
							new BigInteger("123456789012345678901")),
					Arbitraries.of(Instant.ofEpochSecond(1700000000), Instant.ofEpochSecond(42, 500)))
			.injectNull(0.05);
		Arbitrary<Object> values = Arbitraries.recursive(() -> scalars, (inner) -> Arbitraries.<Object>oneOf(inner,
				inner.list().ofMaxSize(3), Arbitraries.maps(keys, inner).ofMaxSize(3).map(HashMap::new)), 0, 2);
		return Arbitraries.maps(keys, values).ofMaxSize(6);
	}

	/**
	 * A well-formed rule as a syntax tree, with a reference evaluation for the logical
	 * operators. Calls are evaluated by parsing them on their own.
	 */
	interface Node {

		String print(int minPrecedence);

		boolean evaluate(Map<String, ?> claims);

	}

	record Call(String text) implements Node {

		@Override
		public String print(int minPrecedence) {
			return this.text;
		}

		@Override
		public boolean evaluate(Map<String, ?> claims) {
			return ClaimsRule.parse(this.text).matches(claims);
		}

	}

	record And(Node left, Node right, String space) implements Node {

		@Override
		public String print(int minPrecedence) {
			String text = this.left.print(2) + this.space + "&&" + this.space + this.right.print(2);
			return (minPrecedence > 2) ? "(" + text + ")" : text;
		}

		@Override
		public boolean evaluate(Map<String, ?> claims) {
			return this.left.evaluate(claims) && this.right.evaluate(claims);
		}

	}

	record Or(Node left, Node right, String space) implements Node {

		@Override
		public String print(int minPrecedence) {
			String text = this.left.print(1) + this.space + "||" + this.space + this.right.print(1);
			return (minPrecedence > 1) ? "(" + text + ")" : text;
		}

		@Override
		public boolean evaluate(Map<String, ?> claims) {
			return this.left.evaluate(claims) || this.right.evaluate(claims);
		}

	}

	record Not(Node operand, String space) implements Node {

		@Override
		public String print(int minPrecedence) {
			return "!" + this.space + this.operand.print(3);
		}

		@Override
		public boolean evaluate(Map<String, ?> claims) {
			return !this.operand.evaluate(claims);
		}

	}

	record Group(Node inner, String space) implements Node {

		@Override
		public String print(int minPrecedence) {
			return "(" + this.space + this.inner.print(0) + this.space + ")";
		}

		@Override
		public boolean evaluate(Map<String, ?> claims) {
			return this.inner.evaluate(claims);
		}

	}

}
