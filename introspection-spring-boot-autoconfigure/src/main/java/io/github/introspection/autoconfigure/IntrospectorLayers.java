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

package io.github.introspection.autoconfigure;

import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Finds the client inside the auto-configured introspector (claim checks, in front of the
 * cache, in front of the client), for the health contributor and the endpoint. Until the
 * client is a bean of its own, this is the one place that knows how they are stacked; the
 * cache is a bean already ({@link io.github.introspection.cache.IntrospectionCache}).
 */
final class IntrospectorLayers {

	/**
	 * The name of the auto-configured introspector bean.
	 */
	static final String INTROSPECTOR = "introspectionOpaqueTokenIntrospector";

	private IntrospectorLayers() {
	}

	static IntrospectionClient client(OpaqueTokenIntrospector introspector) {
		OpaqueTokenIntrospector inner = unwrapValidation(introspector);
		if (inner instanceof CachingOpaqueTokenIntrospector caching) {
			inner = caching.getDelegate();
		}
		if (inner instanceof IntrospectionClient client) {
			return client;
		}
		throw new IllegalStateException("No IntrospectionClient behind " + introspector);
	}

	private static OpaqueTokenIntrospector unwrapValidation(OpaqueTokenIntrospector introspector) {
		return (introspector instanceof ValidatingOpaqueTokenIntrospector validating) ? validating.getDelegate()
				: introspector;
	}

}
