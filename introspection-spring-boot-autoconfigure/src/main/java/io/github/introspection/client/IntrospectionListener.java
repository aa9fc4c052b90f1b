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

import java.util.List;

/**
 * Hears how introspection requests end, for metrics: where each request's answer came
 * from and what it was, and how each call to the identity provider went. It is told
 * values from closed sets only, never a token, a hash of one or a claim.
 * <p>
 * Each request is reported once, by the layer that answers it: a
 * {@link io.github.introspection.cache.CachingOpaqueTokenIntrospector caching
 * introspector} reports the requests it answers from a cached entry
 * ({@link Source#CACHE}) or with another request's call ({@link Source#COALESCED}); the
 * {@link IntrospectionClient} reports the requests that reach it ({@link Source#IDP}),
 * those it refuses without a call included. A request whose call found the identity
 * provider unavailable counts as {@link Outcome#UNAVAILABLE} even when
 * {@code stale-if-error} then answers it from an expired entry.
 * <p>
 * The methods run on the request's thread, the cache-hit path included: they must be
 * quick and must not throw.
 *
 * @see IntrospectionClient.Builder#listener(IntrospectionListener)
 */
public interface IntrospectionListener {

	/**
	 * A request's introspection ended.
	 * @param source where its answer came from
	 * @param outcome what the answer was
	 */
	default void introspected(Source source, Outcome outcome) {
	}

	/**
	 * A call to the identity provider ended, after all its attempts (a health probe's
	 * call included).
	 * @param outcome {@link Outcome#ACTIVE}, {@link Outcome#INACTIVE}, or
	 * {@link Outcome#UNAVAILABLE} when no usable answer came
	 * @param status the HTTP status of the last answer, or {@code 0} when none came (a
	 * timeout, a connection failure)
	 * @param nanos how long the call took, attempts and backoff included
	 */
	default void idpCalled(Outcome outcome, int status, long nanos) {
	}

	/**
	 * A listener that does nothing.
	 * @return the listener
	 */
	static IntrospectionListener none() {
		return NoListener.INSTANCE;
	}

	/**
	 * A listener that tells each of the given listeners, in order.
	 * @param listeners the listeners
	 * @return {@link #none()} for none, the listener itself for one, else a composite
	 */
	static IntrospectionListener of(List<? extends IntrospectionListener> listeners) {
		if (listeners.isEmpty()) {
			return none();
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		IntrospectionListener[] all = listeners.toArray(IntrospectionListener[]::new);
		return new IntrospectionListener() {

			@Override
			public void introspected(Source source, Outcome outcome) {
				for (IntrospectionListener listener : all) {
					listener.introspected(source, outcome);
				}
			}

			@Override
			public void idpCalled(Outcome outcome, int status, long nanos) {
				for (IntrospectionListener listener : all) {
					listener.idpCalled(outcome, status, nanos);
				}
			}

		};
	}

	/**
	 * Where a request's answer came from.
	 */
	enum Source {

		/**
		 * A cached answer.
		 */
		CACHE,

		/**
		 * The request's own call to the identity provider.
		 */
		IDP,

		/**
		 * Another request's call to the identity provider, for the same token, that this
		 * request waited for.
		 */
		COALESCED,

		/**
		 * The shared cache tier (Redis): an answer another replica (or this one) got,
		 * found there or waited for.
		 */
		SHARED

	}

	/**
	 * What a request's answer was.
	 */
	enum Outcome {

		/**
		 * An active token.
		 */
		ACTIVE,

		/**
		 * An inactive token (401 {@code invalid_token}).
		 */
		INACTIVE,

		/**
		 * No usable answer: the identity provider was unavailable, its circuit open, or
		 * its answer about the token unusable (503).
		 */
		UNAVAILABLE,

		/**
		 * Refused without a call: every slot of the bulkhead was taken (503).
		 */
		REJECTED

	}

}
