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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests for {@link ClaimsRule} and {@link ClaimPath}: each property is
 * checked against {@value #TRIES} inputs drawn from a {@link Random} with a fixed seed,
 * so that every build checks the same inputs and a failure names the try that found it.
 */
class ClaimsRulePropertyTests {

	private static final long SEED = 0x7662_c1a1L;

	private static final int TRIES = 1000;

	private static final List<String> ALPHABET = List.of("Equals", "Prefix", "Contains", "SplitContains", "OneOf",
			"Foo", "equals", "`", "``", "`a`", "`a.b`", "`a\\.b`", "`a\\x`", "`\\`", "` `", "`.`", "(", ")", ",", "&&",
			"||", "&", "|", "!", " ", "\t", "a", "b", ".", "\\", "\\.", "\\\\", "Equals(`a`, `b`)", "OneOf(`a`, `b`",
			"SplitContains(`a`, ` `, `b`)");

	private static final String RULE_CHARACTERS = "`\\ a.()|&,!";

	private static final String SEGMENT_CHARACTERS = "ab.\\ `";

	private static final List<String> SPACES = List.of("", " ", "  ", "\t", "\n");

	private static final List<String> CALL_SPACES = List.of("", " ", "\n");

	private static final List<String> CALL_KEYS = List.of("a", "b", "n", "a.b", "a.c", "list", "x\\.y", "back\\\\slash",
			"a.b.c", "missing");

	private static final List<String> CALL_VALUES = List.of("", "a", "b", "a b", "1", "42", "0.5", "true", "false",
			"1700000000", "x,y");

	private static final List<String> SEPARATORS = List.of(" ", ",", "a", "ab");

	private static final List<String> CLAIM_KEYS = List.of("a", "b", "c", "n", "x.y", "back\\slash", "list");

	private static final List<String> CLAIM_STRINGS = List.of("", "a", "b", "a b", "1", "42", "0.5", "true", "x,y",
			"a,b", "1700000000");

	private static final List<Object> CLAIM_NUMBERS = List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE, 42.0, 0.5, 1e20, -0.0,
			Double.NaN, new BigDecimal("42.0"), new BigDecimal("0.50"), new BigInteger("123456789012345678901"));

	private static final List<Instant> CLAIM_INSTANTS = List.of(Instant.ofEpochSecond(1700000000),
			Instant.ofEpochSecond(42, 500));

	@Test
	void parseWhenRuleIsBuiltFromTheAlphabetThenSucceedsOrReportsPositionInRule() {
		forAll(ClaimsRulePropertyTests::alphabetRule, ClaimsRulePropertyTests::assertParsesOrReportsPosition);
	}

	@Test
	void parseWhenRuleIsAnyStringThenSucceedsOrReportsPositionInRule() {
		forAll((random) -> anyString(random, 40), ClaimsRulePropertyTests::assertParsesOrReportsPosition);
	}

	@Test
	void parseWhenRuleIsWellFormedThenEvaluatesLikeItsSyntaxTree() {
		forAll((random) -> new Example(expression(random, random.nextInt(6)), claims(random)), (example) -> {
			String text = example.expression().print(0);
			ClaimsRule rule = ClaimsRule.parse(text);
			assertThat(rule.matches(example.claims())).as(text)
				.isEqualTo(example.expression().evaluate(example.claims()));
		});
	}

	@Test
	void claimPathWhenSegmentsAreEscapedThenParsesBackAndResolves() {
		forAll(ClaimsRulePropertyTests::segments, (segments) -> {
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
		});
	}

	@Test
	void quoteWhenValueIsAnyStringThenTheRuleReadsExactlyThatValue() {
		forAll(ClaimsRulePropertyTests::quotable, (value) -> {
			String key = "key`\\";
			ClaimsRule rule = ClaimsRule.parse("Equals(`k`, " + ClaimsRule.quote(value) + ") && OneOf("
					+ ClaimsRule.quote(key) + ", `x`, " + ClaimsRule.quote(value) + ")");
			assertThat(rule.matches(Map.of("k", value, key, value))).isTrue();
			assertThat(rule.matches(Map.of("k", value + "x", key, value))).isFalse();
			assertThat(rule.matches(Map.of("k", value, key, "y" + value))).isFalse();
		});
	}

	private static <T> void forAll(Function<Random, T> generator, Property<T> property) {
		Random random = new Random(SEED);
		for (int i = 0; i < TRIES; i++) {
			T input = generator.apply(random);
			try {
				property.check(input);
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError(
						"Try #" + i + " of seed 0x" + Long.toHexString(SEED) + " failed for [" + input + "]", ex);
			}
		}
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

	private static String alphabetRule(Random random) {
		StringBuilder rule = new StringBuilder();
		int tokens = random.nextInt(31);
		for (int i = 0; i < tokens; i++) {
			rule.append(pick(random, ALPHABET));
		}
		return rule.toString();
	}

	/**
	 * Return a string of any characters: mostly printable ASCII, with controls, letters
	 * outside Latin-1, lone surrogates and supplementary characters mixed in.
	 */
	private static String anyString(Random random, int maxLength) {
		int length = random.nextInt(maxLength + 1);
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			switch (random.nextInt(10)) {
				case 0 -> text.append((char) random.nextInt(0x20));
				case 1 -> text.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
				case 2 -> text.append((char) (0xD800 + random.nextInt(0x800)));
				case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1));
				default -> text.append((char) (0x20 + random.nextInt(0x7F - 0x20)));
			}
		}
		return text.toString();
	}

	private static String quotable(Random random) {
		return random.nextBoolean() ? anyString(random, 20) : stringOf(random, RULE_CHARACTERS, 0, 20);
	}

	private static List<String> segments(Random random) {
		List<String> segments = new ArrayList<>();
		int size = 1 + random.nextInt(4);
		for (int i = 0; i < size; i++) {
			segments.add(stringOf(random, SEGMENT_CHARACTERS, 1, 5));
		}
		return segments;
	}

	private static String stringOf(Random random, String characters, int minLength, int maxLength) {
		int length = minLength + random.nextInt(maxLength - minLength + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(characters.charAt(random.nextInt(characters.length())));
		}
		return text.toString();
	}

	private static Node expression(Random random, int depth) {
		if (depth == 0) {
			return call(random);
		}
		return switch (random.nextInt(4)) {
			case 0 -> new And(expression(random, depth - 1), expression(random, depth - 1), pick(random, SPACES));
			case 1 -> new Or(expression(random, depth - 1), expression(random, depth - 1), pick(random, SPACES));
			case 2 -> new Not(expression(random, depth - 1), pick(random, SPACES));
			default -> new Group(expression(random, depth - 1), pick(random, SPACES));
		};
	}

	private static Node call(Random random) {
		String key = pick(random, CALL_KEYS);
		return new Call(switch (random.nextInt(3)) {
			case 0 -> {
				String space = pick(random, CALL_SPACES);
				yield pick(random, List.of("Equals", "Prefix", "Contains")) + space + "(`" + key + "`," + space + "`"
						+ pick(random, CALL_VALUES) + "`)";
			}
			case 1 ->
				"SplitContains(`" + key + "`, `" + pick(random, SEPARATORS) + "`, `" + pick(random, CALL_VALUES) + "`)";
			default -> {
				StringBuilder text = new StringBuilder("OneOf(`").append(key).append('`');
				int values = 1 + random.nextInt(4);
				for (int i = 0; i < values; i++) {
					text.append(", `").append(pick(random, CALL_VALUES)).append('`');
				}
				yield text.append(')').toString();
			}
		});
	}

	private static Map<String, Object> claims(Random random) {
		return claimMap(random, 6, random.nextInt(3));
	}

	private static Map<String, Object> claimMap(Random random, int maxSize, int depth) {
		Map<String, Object> map = new HashMap<>();
		int size = random.nextInt(maxSize + 1);
		for (int i = 0; i < size; i++) {
			map.put(pick(random, CLAIM_KEYS), claimValue(random, depth));
		}
		return map;
	}

	private static Object claimValue(Random random, int depth) {
		if (depth > 0) {
			switch (random.nextInt(3)) {
				case 1 -> {
					List<Object> list = new ArrayList<>();
					int size = random.nextInt(4);
					for (int i = 0; i < size; i++) {
						list.add(claimValue(random, depth - 1));
					}
					return list;
				}
				case 2 -> {
					return claimMap(random, 3, depth - 1);
				}
				default -> {
				}
			}
		}
		return scalar(random);
	}

	private static Object scalar(Random random) {
		if (random.nextInt(20) == 0) {
			return null;
		}
		return switch (random.nextInt(6)) {
			case 0 -> pick(random, CLAIM_STRINGS);
			case 1 -> random.nextBoolean();
			case 2 -> random.nextInt(53) - 2;
			case 3 -> random.nextLong();
			case 4 -> pick(random, CLAIM_NUMBERS);
			default -> pick(random, CLAIM_INSTANTS);
		};
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	@FunctionalInterface
	interface Property<T> {

		void check(T input);

	}

	record Example(Node expression, Map<String, Object> claims) {

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
