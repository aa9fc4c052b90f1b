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

package io.github.introspection.token;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * A {@link BearerTokenResolver} that finds no token on public paths: a request to a
 * public path is neither introspected nor rejected because of its token (a stale one, a
 * malformed one, or one in two places), and is served as the anonymous request it may be.
 * Every other request is resolved by the delegate.
 */
public final class PublicPathsBearerTokenResolver implements BearerTokenResolver {

	private final BearerTokenResolver delegate;

	private final RequestMatcher publicPaths;

	/**
	 * Creates a resolver.
	 * @param delegate the resolver of every other request
	 * @param publicPaths the requests served without a token
	 */
	public PublicPathsBearerTokenResolver(BearerTokenResolver delegate, RequestMatcher publicPaths) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(publicPaths, "publicPaths cannot be null");
		this.delegate = delegate;
		this.publicPaths = publicPaths;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		return this.publicPaths.matches(request) ? null : this.delegate.resolve(request);
	}

	/**
	 * Return the resolver of every request that is not on a public path.
	 * @return the delegate
	 */
	public BearerTokenResolver getDelegate() {
		return this.delegate;
	}

}
