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

	/**
	 * A backtick-quoted string. Inside it a backslash escapes a backtick or a backslash
	 * ({@code \`} and {@code \\}); any other backslash is kept as it is, so that
	 * {@code \.} reaches {@link ClaimPath} for keys and stays {@code \.} in values. The
	 * token's text is the content with those two escapes undone; a claim key is read from
	 * the content as written, through {@link #keyText(String)}.
	 */
	private Token string(int start) {
		int length = this.rule.length();
		StringBuilder text = null;
		int copied = start + 1;
		int lastEscapedBacktick = -1;
		for (int i = start + 1; i < length; i++) {
			char c = this.rule.charAt(i);
			if (c == '`') {
				this.position = i + 1;
				String content = (text != null) ? text.append(this.rule, copied, i).toString()
						: this.rule.substring(start + 1, i);
				return new Token(TokenType.STRING, start, this.position, content);
			}
			if (c == '\\') {
				if (i + 1 == length) {
					throw new ClaimsRuleSyntaxException(this.rule, i,
							"expected '`' or '\\' after '\\' but found end of rule (unterminated backtick-quoted string)");
				}
				char next = this.rule.charAt(i + 1);
				if (next == '`' || next == '\\') {
					text = (text != null) ? text : new StringBuilder(length - start);
					text.append(this.rule, copied, i).append(next);
					lastEscapedBacktick = (next == '`') ? i : lastEscapedBacktick;
					i++;
					copied = i + 1;
				}
			}
		}
		if (lastEscapedBacktick >= 0) {
			throw new ClaimsRuleSyntaxException(this.rule, lastEscapedBacktick,
					"expected closing '`' but found end of rule (unterminated backtick-quoted string: "
							+ "'\\`' is an escaped backtick, a backslash before the closing '`' is written '\\\\')");
		}
		throw new ClaimsRuleSyntaxException(this.rule, start,
				"expected closing '`' but found end of rule (unterminated backtick-quoted string)");
	}

	/**
	 * The content of a backtick-quoted string as a {@link ClaimPath} reads it: as
	 * written, except that {@code \`} is a backtick. {@code \\} and {@code \.} are left
	 * for {@link ClaimPath}, which reads them as a backslash and a literal dot.
	 * @param raw the content between the backticks, as written in the rule
	 * @return the claim path text
	 */
	static String keyText(String raw) {
		if (raw.indexOf('\\') < 0) {
			return raw;
		}
		StringBuilder path = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '\\' && i + 1 < raw.length()) {
				char next = raw.charAt(++i);
				if (next != '`') {
					path.append(c);
				}
				path.append(next);
			}
			else {
				path.append(c);
			}
		}
		return path.toString();
	}

	/**
	 * The index in a string's content as written of a character of its
	 * {@link #keyText(String) key text}, so that an error in a key keeps its position in
	 * the rule.
	 * @param raw the content between the backticks, as written in the rule
	 * @param index an index in {@code keyText(raw)}, up to its length
	 * @return the index in {@code raw}
	 */
	static int rawIndex(String raw, int index) {
		int i = 0;
		int k = 0;
		while (k < index && i < raw.length()) {
			if (raw.charAt(i) == '\\' && i + 1 < raw.length()) {
				if (raw.charAt(i + 1) == '`') {
					// one character of the key text
					i += 2;
					k++;
				}
				else if (k + 1 == index) {
					// the index is the second character of the pair
					i++;
					k++;
				}
				else {
					i += 2;
					k += 2;
				}
			}
			else {
				i++;
				k++;
			}
		}
		return i;
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
