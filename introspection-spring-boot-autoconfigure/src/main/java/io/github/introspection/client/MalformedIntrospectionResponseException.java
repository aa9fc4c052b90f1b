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

package io.github.introspection.client;

/**
 * Thrown when an introspection answer is not a valid RFC 7662 response. The message names
 * what is wrong, never the body itself.
 */
public class MalformedIntrospectionResponseException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong with the answer
	 */
	public MalformedIntrospectionResponseException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message what is wrong with the answer
	 * @param cause the parser's failure
	 */
	public MalformedIntrospectionResponseException(String message, Throwable cause) {
		super(message, cause);
	}

}
