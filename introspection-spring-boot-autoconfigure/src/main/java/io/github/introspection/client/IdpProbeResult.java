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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a health probe's call to the identity provider found (see
 * {@link IntrospectionClient#probe(String)}). Carries no token and no secret.
 *
 * @param kind what the call found
 * @param status the HTTP status of the identity provider's last answer, or {@code 0} when
 * none came
 * @param cause why the probe failed (token-free), or {@code null} when it did not
 * @param time when the probe ended
 */
public record IdpProbeResult(Kind kind, int status, @Nullable String cause, Instant time) {

	/**
	 * Whether the identity provider failed the probe: it could not be reached, refused
	 * this application's credentials, or answered other than RFC 7662 says. A probe not
	 * attempted (open circuit, no bulkhead slot) did not fail.
	 * @return whether the probe failed
	 */
	public boolean isFailed() {
		return this.kind == Kind.UNAVAILABLE || this.kind == Kind.CREDENTIALS_REJECTED || this.kind == Kind.BAD_ANSWER;
	}

	/**
	 * What a probe found.
	 */
	public enum Kind {

		/**
		 * An RFC 7662 answer: the identity provider is reachable and accepts this
		 * application's credentials.
		 */
		ANSWERED,

		/**
		 * The identity provider refused this application's credentials (HTTP 401 or 403,
		 * or an {@code invalid_client} error).
		 */
		CREDENTIALS_REJECTED,

		/**
		 * An answer that is no RFC 7662 answer (another 4xx such as a 404 for a wrong
		 * URL, a malformed body).
		 */
		BAD_ANSWER,

		/**
		 * No answer: a timeout, a connection failure, a 5xx or 429.
		 */
		UNAVAILABLE,

		/**
		 * No call made: the circuit was open or every bulkhead slot was taken.
		 */
		NOT_ATTEMPTED

	}

}
