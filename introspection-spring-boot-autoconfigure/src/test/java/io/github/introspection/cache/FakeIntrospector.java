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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * An introspector that answers what the test tells it to, with a new principal on every
 * call, and counts its calls.
 */
final class FakeIntrospector implements OpaqueTokenIntrospector {

	private final AtomicInteger calls = new AtomicInteger();

	private volatile Function<String, OAuth2AuthenticatedPrincipal> answer = (token) -> principal(null);

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		this.calls.incrementAndGet();
		return this.answer.apply(token);
	}

	int calls() {
		return this.calls.get();
	}

	void answerActive(@Nullable Instant exp) {
		this.answer = (token) -> principal(exp);
	}

	void answerInactive() {
		this.answer = (token) -> {
			throw new BadOpaqueTokenException("Provided token isn't active");
		};
	}

	void answerFailure(RuntimeException failure) {
		this.answer = (token) -> {
			throw failure;
		};
	}

	static OAuth2AuthenticatedPrincipal principal(@Nullable Instant exp) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("active", true);
		claims.put("sub", "alice");
		if (exp != null) {
			claims.put("exp", exp);
		}
		return new OAuth2IntrospectionAuthenticatedPrincipal("alice", claims,
				List.of(new SimpleGrantedAuthority("SCOPE_read")));
	}

}
