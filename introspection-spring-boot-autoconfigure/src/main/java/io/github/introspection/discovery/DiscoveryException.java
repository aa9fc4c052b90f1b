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

package io.github.introspection.discovery;

/**
 * The issuer's metadata could not be read or was refused. The message says why, without
 * any secret.
 */
class DiscoveryException extends RuntimeException {

	private final boolean untrusted;

	DiscoveryException(String message) {
		this(message, false);
	}

	DiscoveryException(String message, boolean untrusted) {
		super(message);
		this.untrusted = untrusted;
	}

	/**
	 * Whether metadata was read but refused (its issuer is not the configured one), as
	 * opposed to not read at all.
	 * @return whether the metadata was refused
	 */
	boolean isUntrusted() {
		return this.untrusted;
	}

}
