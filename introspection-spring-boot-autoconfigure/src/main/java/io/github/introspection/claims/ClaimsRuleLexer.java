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

/**
 * Splits a claims rule into tokens. Characters that are not part of the language become
 * {@link TokenType#UNKNOWN} tokens so that the parser can report what it expected.
 */
final class ClaimsRuleLexer {

	private final String rule;

	private int position;

	ClaimsRuleLexer(String rule) {
		this.rule = rule;
	}

	/**
	 * Return the next token, or an {@link TokenType#END} token at the end of the rule.
	 * @return the next token
	 * @throws ClaimsRuleSyntaxException for an unterminated backtick-quoted string
	 */
	Token next() {
		skipWhitespace();
		int start = this.position;
		if (start >= this.rule.length()) {
			return new Token(TokenType.END, start, start, "");
		}
		char c = this.rule.charAt(start);
		switch (c) {
			case '(':
				return single(TokenType.LEFT_PAREN, start);
			case ')':
				return single(TokenType.RIGHT_PAREN, start);
			case ',':
				return single(TokenType.COMMA, start);
			case '!':
				return single(TokenType.NOT, start);
			case '&':
				return pair(TokenType.AND, start, '&');
			case '|':
				return pair(TokenType.OR, start, '|');
			case '`':
				return string(start);
			default:
				return isIdentifierStart(c) ? identifier(start) : unknown(start);
		}
	}

	private void skipWhitespace() {
		while (this.position < this.rule.length()) {
			if (!Character.isWhitespace(this.rule.charAt(this.position))) {
				return;
			}
			this.position++;
		}
	}

	private Token single(TokenType type, int start) {
		this.position = start + 1;
		return new Token(type, start, this.position, this.rule.substring(start, this.position));
	}

	private Token pair(TokenType type, int start, char c) {
		if (start + 1 < this.rule.length() && this.rule.charAt(start + 1) == c) {
			this.position = start + 2;
			return new Token(type, start, this.position, this.rule.substring(start, this.position));
		}
		return single(TokenType.UNKNOWN, start);
	}

	private Token string(int start) {
		int end = this.rule.indexOf('`', start + 1);
		if (end < 0) {
			throw new ClaimsRuleSyntaxException(this.rule, start,
					"expected closing '`' but found end of rule (unterminated backtick-quoted string)");
		}
		this.position = end + 1;
		return new Token(TokenType.STRING, start, this.position, this.rule.substring(start + 1, end));
	}

	private Token identifier(int start) {
		int end = start + 1;
		while (end < this.rule.length() && isIdentifierPart(this.rule.charAt(end))) {
			end++;
		}
		this.position = end;
		return new Token(TokenType.IDENTIFIER, start, end, this.rule.substring(start, end));
	}

	private Token unknown(int start) {
		this.position = start + Character.charCount(this.rule.codePointAt(start));
		return new Token(TokenType.UNKNOWN, start, this.position, this.rule.substring(start, this.position));
	}

	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '_';
	}

	/**
	 * Token kinds.
	 */
	enum TokenType {

		IDENTIFIER, STRING, LEFT_PAREN, RIGHT_PAREN, COMMA, AND, OR, NOT, UNKNOWN, END

	}

	/**
	 * A token: its kind, its {@code [start, end)} range in the rule and its text (the
	 * content without backticks for strings).
	 */
	record Token(TokenType type, int start, int end, String text) {

		String describe() {
			return switch (this.type) {
				case END -> "end of rule";
				case STRING -> "backtick-quoted string `" + abbreviate(this.text) + "`";
				case UNKNOWN -> "'" + printable(this.text) + "'";
				default -> "'" + abbreviate(this.text) + "'";
			};
		}

		private static String abbreviate(String text) {
			return (text.length() <= 32) ? text : text.substring(0, 29) + "...";
		}

		private static String printable(String text) {
			int codePoint = text.codePointAt(0);
			return (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint))
					? String.format("\\u%04x", codePoint) : text;
		}

	}

}
