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
 * Evicts cached introspection answers: one token, every answer of a subject, a client or
 * a session, or everything. With the shared tier on, an eviction reaches the shared tier
 * and the local tier of every replica; without it, the local tier of this application.
 */
public interface IntrospectionCacheEviction {

	/**
	 * Evicts the answer for one token on every replica.
	 * @param token the token
	 * @return whether this replica held it
	 */
	boolean evictToken(String token);

	/**
	 * Evicts every cached answer whose {@code sub} claim equals subject, on every
	 * replica.
	 * @param subject the subject
	 * @return how many answers this replica held
	 */
	long evictSubject(String subject);

	/**
	 * Evicts every cached answer whose {@code client_id} claim equals clientId, on every
	 * replica.
	 * @param clientId the client id
	 * @return how many answers this replica held
	 */
	long evictClient(String clientId);

	/**
	 * Evicts every cached answer whose {@code sid} claim equals sessionId, on every
	 * replica.
	 * @param sessionId the session id
	 * @return how many answers this replica held
	 */
	long evictSession(String sessionId);

	/**
	 * Evicts everything, on every replica.
	 */
	void evictAll();

}
