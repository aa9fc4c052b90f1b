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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Thrown when the identity provider could not give a usable introspection answer: a
 * timeout, a refused connection, a 5xx or 429 answer after retries, a malformed or
 * oversized body, or a rejection of this application's own client credentials.
 * <p>
 * {@link #isOutage()} tells the identity provider's own failures (transport errors,
 * timeouts, 5xx and 429 answers, a rejection of our credentials, an open circuit) from an
 * unusable answer about one token (a malformed or oversized body, another 4xx): only an
 * outage moves the circuit breaker or lets a cache serve a stale answer, so that a caller
 * who can make one answer malformed controls neither.
 * <p>
 * It is an {@link OAuth2AuthenticationException} with the error code
 * {@code temporarily_unavailable}, so that it reaches the authentication entry point
 * (which answers 503) instead of being rethrown to the servlet container. Its message
 * never contains the token.
 */
public class IntrospectionUnavailableException extends OAuth2AuthenticationException {

	/**
	 * The OAuth 2.0 error code of this exception (RFC 6749 §4.1.2.1).
	 */
	public static final String ERROR_CODE = "temporarily_unavailable";

	private final Duration retryAfter;

	private final boolean outage;

	/**
	 * Creates an exception for an outage of the identity provider.
	 * @param reason what went wrong, without any token or secret
	 * @param retryAfter how long the caller should wait before trying again
	 * @param cause the underlying failure, or {@code null}
	 */
	public IntrospectionUnavailableException(String reason, Duration retryAfter, Throwable cause) {
		this(reason, retryAfter, cause, true);
	}

	/**
	 * Creates an exception.
	 * @param reason what went wrong, without any token or secret
	 * @param retryAfter how long the caller should wait before trying again
	 * @param cause the underlying failure, or {@code null}
	 * @param outage whether the identity provider itself failed, rather than its answer
	 * about one token being unusable
	 */
	public IntrospectionUnavailableException(String reason, Duration retryAfter, @Nullable Throwable cause,
			boolean outage) {
		super(new OAuth2Error(ERROR_CODE, "The token could not be checked: the identity provider is unavailable", null),
				reason, cause);
		this.retryAfter = retryAfter;
		this.outage = outage;
	}

	/**
	 * Creates an exception.
	 * @param reason what went wrong, without any token or secret
	 * @param retryAfter how long the caller should wait before trying again
	 */
	public IntrospectionUnavailableException(String reason, Duration retryAfter) {
		super(new OAuth2Error(ERROR_CODE, "The token could not be checked: the identity provider is unavailable", null),
				reason);
		this.retryAfter = retryAfter;
		this.outage = true;
	}

	/**
	 * Records no stack trace: a burst against a failing identity provider throws one of
	 * these per request, always from the introspection client, and the trace would be the
	 * deepest and costliest part of its 503 (its cause keeps its own).
	 * @return this exception
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	/**
	 * How long the caller should wait before trying again.
	 * @return the delay to send as {@code Retry-After}
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the identity provider itself failed (a transport error, a timeout, a 5xx or
	 * 429 answer, a rejection of our credentials, an open circuit), rather than its
	 * answer about this one token being unusable.
	 * @return whether this is an outage of the identity provider
	 */
	public boolean isOutage() {
		return this.outage;
	}

}
