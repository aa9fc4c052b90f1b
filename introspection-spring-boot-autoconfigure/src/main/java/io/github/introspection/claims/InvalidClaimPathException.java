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
 * Thrown by {@link ClaimPath#parse(String)} for a malformed path; remembers the index of
 * the problem so that the rule parser can report it as a position in the rule.
 */
final class InvalidClaimPathException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int index;

	private final String reason;

	InvalidClaimPathException(String path, int index, String reason) {
		super("Invalid claim path \"" + path + "\" at index " + index + ": " + reason);
		this.index = index;
		this.reason = reason;
	}

	int getIndex() {
		return this.index;
	}

	String getReason() {
		return this.reason;
	}

}
