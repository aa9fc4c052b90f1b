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

package io.github.introspection.cache;

import org.jspecify.annotations.Nullable;

/**
 * A {@link SharedStore} call that did not complete: a timeout, a lost connection, an
 * error reply, or a call refused while the store's circuit is open.
 */
public class SharedStoreException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, without any key or value
	 * @param cause the cause, or {@code null}
	 */
	public SharedStoreException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
