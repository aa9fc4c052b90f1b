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

/**
 * Remembers identifiers (say, the {@code jti} of a logout token) until they expire, to
 * refuse a second use: within this application, or across the fleet when the shared tier
 * is on.
 */
public interface ReplayGuard {

	/**
	 * Records {@code id} until {@code expiresAt}.
	 * @param id the identifier
	 * @param expiresAt when the record may be forgotten
	 * @return true if it was not seen before (across the fleet when the shared tier is
	 * on)
	 */
	boolean firstUse(String id, java.time.Instant expiresAt);

}
