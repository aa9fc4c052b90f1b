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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A compiled claims rule in the Traefik Hub claims language, for example
 * {@code Equals(`group`, `dev`) && (Contains(`realm_access.roles`, `admin`) || !Prefix(`sub`, `svc-`))}.
 * <p>
 * <b>Syntax.</b> Function calls combined with {@code &&}, {@code ||}, {@code !} and
 * parentheses; {@code !} binds tighter than {@code &&}, which binds tighter than
 * {@code ||}. Whitespace is allowed between tokens. Every argument is a backtick-quoted
 * string that may hold any character; inside it {@code \`} is a backtick and {@code \\} a
 * backslash. The first argument is a claim key, parsed as a {@link ClaimPath}
 * ({@code user.name} for nested claims, {@code \.} for a literal dot, no other escape).
 * In the other arguments any other backslash stands for itself: a value {@code a\.b} is
 * those four characters, as before backticks could be escaped.
 * <p>
 * <b>Untrusted values.</b> Never build a rule by concatenating request data: a value such
 * as {@code nope`) || Prefix(`sub`, `} would change the rule. Use {@link #quote(String)}
 * to turn any string into one argument, or compare a claim with
 * {@code @claims.has(key, value)}, whose value is never parsed.
 * <p>
 * <b>Functions.</b>
 * <ul>
 * <li>{@code Equals(key, value)}: the claim equals the value. On an array claim, true
 * when any element equals the value (Traefik semantics).</li>
 * <li>{@code Prefix(key, value)}: the claim starts with the value; on an array claim, any
 * element does.</li>
 * <li>{@code Contains(key, value)}: a scalar claim contains the value as a substring; an
 * array claim has an element equal to the value.</li>
 * <li>{@code SplitContains(key, separator, value)}: the claim split on the (non-empty)
 * separator has a part equal to the value, for example
 * {@code SplitContains(`scope`, ` `, `orders:read`)}. On an array claim, any element is
 * split likewise, so a {@code scope} already converted to a list also works.</li>
 * <li>{@code OneOf(key, value...)}: the claim (or any element of an array claim) equals
 * one of the one or more values.</li>
 * </ul>
 * <p>
 * <b>Values.</b> Claims are compared through their JSON text form (see
 * {@link ClaimValues}): {@code Equals(`active`, `true`)}, {@code Equals(`age`, `42`)}
 * (also for a {@code 42.0} double), and instants such as {@code exp} as epoch seconds. A
 * missing or {@code null} claim, a path through a non-object and an object claim never
 * match; array elements that are {@code null}, arrays or objects are skipped. Evaluation
 * never throws.
 * <p>
 * Instances are immutable and thread-safe; parse a rule once and reuse it.
 */
public final class ClaimsRule {

	private final String rule;

	private final ClaimsExpression expression;

	private ClaimsRule(String rule, ClaimsExpression expression) {
		this.rule = rule;
		this.expression = expression;
	}

	/**
	 * Parse and compile a claims rule.
	 * @param rule the rule text
	 * @return the compiled rule
	 * @throws ClaimsRuleSyntaxException if the rule is not valid
	 * @throws IllegalArgumentException if the rule is {@code null}
	 */
	public static ClaimsRule parse(String rule) {
		Assert.notNull(rule, "Claims rule must not be null");
		return new ClaimsRule(rule, ClaimsRuleParser.parse(rule));
	}

	/**
	 * Return a value as one backtick-quoted argument, with every backtick and backslash
	 * escaped, so that whatever it holds it is read back as exactly that value and never
	 * as more of the rule: {@code "Equals(`group`, " + ClaimsRule.quote(group) + ")"}.
	 * Dots are not escaped: a quoted claim key is still split on them.
	 * @param value the value
	 * @return the quoted argument, backticks included
	 * @throws IllegalArgumentException if the value is {@code null}
	 */
	public static String quote(String value) {
		Assert.notNull(value, "Value must not be null");
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('`');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '`' || c == '\\') {
				quoted.append('\\');
			}
			quoted.append(c);
		}
		return quoted.append('`').toString();
	}

	/**
	 * Evaluate this rule against the given claims.
	 * @param claims the token claims, such as the attributes of an introspected token
	 * @return whether the claims satisfy the rule
	 */
	public boolean matches(Map<String, ?> claims) {
		Assert.notNull(claims, "Claims must not be null");
		return this.expression.matches(claims);
	}

	/**
	 * Return the rule text as given to {@link #parse(String)}.
	 * @return the rule text
	 */
	public String getRule() {
		return this.rule;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (this == obj) || (obj instanceof ClaimsRule other && this.rule.equals(other.rule));
	}

	@Override
	public int hashCode() {
		return this.rule.hashCode();
	}

	/**
	 * Return the rule text.
	 * @return the rule text
	 */
	@Override
	public String toString() {
		return this.rule;
	}

}
