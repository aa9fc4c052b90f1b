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
 * Thrown when a claims rule cannot be parsed. Carries the rule text and the 0-based
 * character position at which the problem was detected.
 *
 * @see ClaimsRule#parse(String)
 */
public class ClaimsRuleSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String rule;

	private final int position;

	private final String reason;

	/**
	 * Create a new exception.
	 * @param rule the rule text that failed to parse
	 * @param position the 0-based character index of the problem, between 0 and
	 * {@code rule.length()} inclusive
	 * @param reason what went wrong, typically {@code "expected X but found Y"}
	 */
	public ClaimsRuleSyntaxException(String rule, int position, String reason) {
		super("Invalid claims rule \"" + rule + "\" at position " + position + ": " + reason);
		this.rule = rule;
		this.position = position;
		this.reason = reason;
	}

	/**
	 * Return the rule text that failed to parse.
	 * @return the rule text
	 */
	public String getRule() {
		return this.rule;
	}

	/**
	 * Return the 0-based character index at which the problem was detected
	 * ({@code rule.length()} means "at the end of the rule").
	 * @return the position
	 */
	public int getPosition() {
		return this.position;
	}

	/**
	 * Return the description of the problem without the rule and position prefix.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
