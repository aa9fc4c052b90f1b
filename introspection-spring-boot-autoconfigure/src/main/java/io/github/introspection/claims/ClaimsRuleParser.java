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

import java.util.ArrayList;
import java.util.List;

import io.github.introspection.claims.ClaimFunction.ContainsFunction;
import io.github.introspection.claims.ClaimFunction.EqualsFunction;
import io.github.introspection.claims.ClaimFunction.OneOfFunction;
import io.github.introspection.claims.ClaimFunction.PrefixFunction;
import io.github.introspection.claims.ClaimFunction.SplitContainsFunction;
import io.github.introspection.claims.ClaimsRuleLexer.Token;
import io.github.introspection.claims.ClaimsRuleLexer.TokenType;
import org.jspecify.annotations.Nullable;

/**
 * Recursive descent parser for the claims rule language.
 *
 * <pre>
 * rule     = or END
 * or       = and { "||" and }
 * and      = unary { "&amp;&amp;" unary }
 * unary    = { "!" } primary
 * primary  = "(" or ")" | call
 * call     = NAME "(" STRING { "," STRING } ")"
 * STRING   = "`" { "\`" | "\\" | any character but "`" } "`"   (the escapes first)
 * </pre>
 */
final class ClaimsRuleParser {

	/**
	 * Maximum nesting of parentheses, which keeps parsing and evaluation far away from
	 * stack exhaustion.
	 */
	static final int MAX_NESTING = 100;

	private static final String FUNCTION_NAMES = "Equals, Prefix, Contains, SplitContains, OneOf";

	private final String rule;

	private final ClaimsRuleLexer lexer;

	private Token token;

	private int nesting;

	private ClaimsRuleParser(String rule) {
		this.rule = rule;
		this.lexer = new ClaimsRuleLexer(rule);
		this.token = this.lexer.next();
	}

	/**
	 * Parse the given rule.
	 * @param rule the rule text
	 * @return the compiled expression
	 * @throws ClaimsRuleSyntaxException if the rule is not valid
	 */
	static ClaimsExpression parse(String rule) {
		ClaimsRuleParser parser = new ClaimsRuleParser(rule);
		ClaimsExpression expression = parser.parseOr();
		if (parser.token.type() != TokenType.END) {
			throw parser.unexpected("'&&', '||' or end of rule");
		}
		return expression;
	}

	private ClaimsExpression parseOr() {
		List<ClaimsExpression> operands = new ArrayList<>();
		operands.add(parseAnd());
		while (this.token.type() == TokenType.OR) {
			advance();
			operands.add(parseAnd());
		}
		return LogicalExpressions.anyOf(operands);
	}

	private ClaimsExpression parseAnd() {
		List<ClaimsExpression> operands = new ArrayList<>();
		operands.add(parseUnary());
		while (this.token.type() == TokenType.AND) {
			advance();
			operands.add(parseUnary());
		}
		return LogicalExpressions.allOf(operands);
	}

	private ClaimsExpression parseUnary() {
		boolean negate = false;
		while (this.token.type() == TokenType.NOT) {
			negate = !negate;
			advance();
		}
		ClaimsExpression primary = parsePrimary();
		return negate ? LogicalExpressions.not(primary) : primary;
	}

	private ClaimsExpression parsePrimary() {
		if (this.token.type() == TokenType.LEFT_PAREN) {
			if (this.nesting == MAX_NESTING) {
				throw error(this.token.start(),
						"expected at most " + MAX_NESTING + " nested parentheses but found more");
			}
			this.nesting++;
			advance();
			ClaimsExpression expression = parseOr();
			if (this.token.type() != TokenType.RIGHT_PAREN) {
				throw unexpected("'&&', '||' or ')'");
			}
			advance();
			this.nesting--;
			return expression;
		}
		if (this.token.type() == TokenType.IDENTIFIER) {
			return parseCall();
		}
		throw unexpected("function name, '!' or '('");
	}

	private ClaimsExpression parseCall() {
		Token name = this.token;
		FunctionKind function = FunctionKind.forName(name.text());
		if (function == null) {
			throw error(name.start(),
					"expected one of " + FUNCTION_NAMES + " but found unknown function " + name.describe());
		}
		advance();
		if (this.token.type() != TokenType.LEFT_PAREN) {
			throw unexpected("'(' after " + function.name);
		}
		advance();
		List<Token> arguments = new ArrayList<>();
		while (true) {
			if (this.token.type() != TokenType.STRING) {
				throw unexpected("backtick-quoted argument", function);
			}
			arguments.add(this.token);
			advance();
			int count = arguments.size();
			TokenType type = this.token.type();
			if (count < function.minArguments) {
				if (type != TokenType.COMMA) {
					throw unexpected("','", function);
				}
			}
			else if (count == function.maxArguments) {
				if (type != TokenType.RIGHT_PAREN) {
					throw unexpected("')'", function);
				}
			}
			else if (type != TokenType.COMMA && type != TokenType.RIGHT_PAREN) {
				throw unexpected("',' or ')'", function);
			}
			advance();
			if (type == TokenType.RIGHT_PAREN) {
				return create(function, arguments);
			}
		}
	}

	private ClaimsExpression create(FunctionKind function, List<Token> arguments) {
		ClaimPath path = parsePath(arguments.get(0));
		return switch (function) {
			case EQUALS -> new EqualsFunction(path, arguments.get(1).text());
			case PREFIX -> new PrefixFunction(path, arguments.get(1).text());
			case CONTAINS -> new ContainsFunction(path, arguments.get(1).text());
			case SPLIT_CONTAINS -> {
				Token separator = arguments.get(1);
				if (separator.text().isEmpty()) {
					throw error(separator.start() + 1, "expected a non-empty separator but found ``");
				}
				yield new SplitContainsFunction(path, separator.text(), arguments.get(2).text());
			}
			case ONE_OF -> new OneOfFunction(path, arguments.stream().skip(1).map(Token::text).toList());
		};
	}

	private ClaimPath parsePath(Token key) {
		// The key as written, with only its escaped backticks undone: "\\" and "\." are
		// ClaimPath's escapes, as they were before backticks could be escaped
		String raw = this.rule.substring(key.start() + 1, key.end() - 1);
		try {
			return ClaimPath.parse(ClaimsRuleLexer.keyText(raw));
		}
		catch (InvalidClaimPathException ex) {
			throw error(key.start() + 1 + ClaimsRuleLexer.rawIndex(raw, ex.getIndex()),
					"invalid claim key: " + ex.getReason());
		}
	}

	private void advance() {
		this.token = this.lexer.next();
	}

	private ClaimsRuleSyntaxException unexpected(String expected) {
		return error(this.token.start(), "expected " + expected + " but found " + this.token.describe());
	}

	private ClaimsRuleSyntaxException unexpected(String expected, FunctionKind function) {
		return error(this.token.start(), "expected " + expected + " but found " + this.token.describe() + " ("
				+ function.name + " takes " + function.signature + ")");
	}

	private ClaimsRuleSyntaxException error(int position, String reason) {
		return new ClaimsRuleSyntaxException(this.rule, position, reason);
	}

	/**
	 * The functions of the language with their argument counts.
	 */
	private enum FunctionKind {

		EQUALS("Equals", 2, 2, "2 arguments: key, value"),

		PREFIX("Prefix", 2, 2, "2 arguments: key, value"),

		CONTAINS("Contains", 2, 2, "2 arguments: key, value"),

		SPLIT_CONTAINS("SplitContains", 3, 3, "3 arguments: key, separator, value"),

		ONE_OF("OneOf", 2, Integer.MAX_VALUE, "a key and at least one value");

		private final String name;

		private final int minArguments;

		private final int maxArguments;

		private final String signature;

		FunctionKind(String name, int minArguments, int maxArguments, String signature) {
			this.name = name;
			this.minArguments = minArguments;
			this.maxArguments = maxArguments;
			this.signature = signature;
		}

		static @Nullable FunctionKind forName(String name) {
			for (FunctionKind function : values()) {
				if (function.name.equals(name)) {
					return function;
				}
			}
			return null;
		}

	}

}
