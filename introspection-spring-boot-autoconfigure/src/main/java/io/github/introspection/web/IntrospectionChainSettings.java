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

package io.github.introspection.web;

import java.net.URI;
import java.util.List;

import io.github.introspection.authorization.ClaimsAuthorizationManager;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What {@link IntrospectionConfigurer} adds to a filter chain besides the starter's
 * beans: the {@code introspection.*} settings of the web layer, validated and parsed once
 * by the auto-configuration, which declares them as a bean.
 *
 * @param publicPaths path patterns served without a token, whose tokens are ignored
 * ({@code introspection.public-paths})
 * @param claims the rule every authenticated request must pass
 * ({@code introspection.claims}), or {@code null} for none
 * @param resource the identifier of this protected resource
 * ({@code introspection.resource}) advertised in its RFC 9728 metadata, or {@code null}
 * to derive it from the request
 * @param cookieCsrfProtection whether a token sent in a cookie is refused on cross-site
 * unsafe requests ({@code introspection.token-source.cookie-csrf-protection})
 * @param forwardedHeaders the filter that shapes the request the application sees
 * ({@code introspection.forward-headers}, {@code introspection.forward-authorization}),
 * or {@code null} when it would change nothing
 */
public record IntrospectionChainSettings(List<String> publicPaths, @Nullable ClaimsAuthorizationManager claims,
		@Nullable URI resource, boolean cookieCsrfProtection, @Nullable ForwardedHeadersFilter forwardedHeaders) {

	/**
	 * Creates settings.
	 * @param publicPaths path patterns served without a token
	 * @param claims the rule every authenticated request must pass, or {@code null}
	 * @param resource the identifier of this protected resource, or {@code null}
	 * @param cookieCsrfProtection whether cookie tokens are refused on cross-site unsafe
	 * requests
	 * @param forwardedHeaders the forwarded headers filter, or {@code null}
	 */
	public IntrospectionChainSettings {
		Assert.notNull(publicPaths, "publicPaths cannot be null");
		publicPaths = List.copyOf(publicPaths);
	}

}
