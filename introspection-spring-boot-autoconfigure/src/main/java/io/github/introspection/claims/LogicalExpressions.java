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

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The logical operators of the claims rule language: {@code &&}, {@code ||} and
 * {@code !}. Chains of the same operator are flattened into a single node so that
 * evaluation does not recurse once per operand.
 */
final class LogicalExpressions {

	private LogicalExpressions() {
	}

	static ClaimsExpression allOf(List<ClaimsExpression> operands) {
		return (operands.size() == 1) ? operands.get(0) : new AllOf(operands);
	}

	static ClaimsExpression anyOf(List<ClaimsExpression> operands) {
		return (operands.size() == 1) ? operands.get(0) : new AnyOf(operands);
	}

	static ClaimsExpression not(ClaimsExpression operand) {
		return (operand instanceof Not not) ? not.operand : new Not(operand);
	}

	/**
	 * {@code a && b && ...}: true when every operand matches.
	 */
	static final class AllOf implements ClaimsExpression {

		private final ClaimsExpression[] operands;

		AllOf(List<ClaimsExpression> operands) {
			this.operands = operands.toArray(new ClaimsExpression[0]);
		}

		@Override
		public boolean matches(Map<String, ?> claims) {
			for (ClaimsExpression operand : this.operands) {
				if (!operand.matches(claims)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public String toString() {
			return join(this.operands, " && ");
		}

	}

	/**
	 * {@code a || b || ...}: true when at least one operand matches.
	 */
	static final class AnyOf implements ClaimsExpression {

		private final ClaimsExpression[] operands;

		AnyOf(List<ClaimsExpression> operands) {
			this.operands = operands.toArray(new ClaimsExpression[0]);
		}

		@Override
		public boolean matches(Map<String, ?> claims) {
			for (ClaimsExpression operand : this.operands) {
				if (operand.matches(claims)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return join(this.operands, " || ");
		}

	}

	/**
	 * {@code !a}: true when the operand does not match.
	 */
	static final class Not implements ClaimsExpression {

		private final ClaimsExpression operand;

		Not(ClaimsExpression operand) {
			this.operand = operand;
		}

		@Override
		public boolean matches(Map<String, ?> claims) {
			return !this.operand.matches(claims);
		}

		@Override
		public String toString() {
			return "!(" + this.operand + ")";
		}

	}

	private static String join(ClaimsExpression[] operands, String operator) {
		return List.of(operands).stream().map((operand) -> "(" + operand + ")").collect(Collectors.joining(operator));
	}

}
