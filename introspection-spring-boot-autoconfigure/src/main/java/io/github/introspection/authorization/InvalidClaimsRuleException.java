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

package io.github.introspection.authorization;

import io.github.introspection.claims.ClaimsRuleSyntaxException;

/**
 * Thrown by {@link ClaimsExpressions#matches(String)} when the rule it is given does not
 * parse. Rules written as string literals in {@code @PreAuthorize} or
 * {@code @PostAuthorize} are checked at start-up by {@link ClaimsExpressionsChecker}, so
 * this is a rule only known at run time, such as {@code @claims.matches(#rule)}. The
 * starter answers the request with a 500 that holds neither the rule nor a stack trace.
 */
public class InvalidClaimsRuleException extends ClaimsRuleSyntaxException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param cause the syntax error of the rule
	 */
	public InvalidClaimsRuleException(ClaimsRuleSyntaxException cause) {
		super(cause.getRule(), cause.getPosition(), cause.getReason());
	}

}
