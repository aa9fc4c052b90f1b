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

import java.lang.reflect.Field;
import java.util.Map;

import io.github.introspection.token.CookieTokenCsrfFilter;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.token.PublicPathsBearerTokenResolver;
import io.github.introspection.token.TokenSourceKind;
import io.github.introspection.web.IntrospectionChainSettings;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ReflectionUtils;

/**
 * Fails start-up when a {@link SecurityFilterChain} accepts access tokens sent in a
 * cookie without the {@link CookieTokenCsrfFilter} that refuses them on cross-site
 * requests, while {@code introspection.token-source.cookie-csrf-protection} is on: a
 * chain of the application's own built with {@code oauth2ResourceServer()} alone.
 * <p>
 * Spring Security offers no getter for the token resolver of a
 * {@link BearerTokenAuthenticationFilter}: it is read from the filter's authentication
 * converter reflectively. A filter whose resolver cannot be read is taken to use the
 * {@link BearerTokenResolver} bean, as {@code oauth2ResourceServer()} does by default.
 */
final class CookieTokenGuardCheck implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final ObjectProvider<IntrospectionChainSettings> settings;

	CookieTokenGuardCheck(ListableBeanFactory beanFactory, ObjectProvider<IntrospectionChainSettings> settings) {
		this.beanFactory = beanFactory;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IntrospectionChainSettings settings = this.settings.getIfAvailable();
		if (settings == null || !settings.cookieCsrfProtection()) {
			return;
		}
		BearerTokenResolver bean = this.beanFactory.getBeanProvider(BearerTokenResolver.class).getIfUnique();
		for (Map.Entry<String, SecurityFilterChain> chain : this.beanFactory.getBeansOfType(SecurityFilterChain.class)
			.entrySet()) {
			String cookie = unguardedCookie(chain.getValue(), bean);
			if (cookie != null) {
				throw new IllegalStateException("Security filter chain '" + chain.getKey()
						+ "' accepts access tokens in the cookie '" + cookie
						+ "' (introspection.token-source.cookie) without the guard that refuses them on cross-site "
						+ "requests. Add it with http.with(IntrospectionConfigurer.introspection(), "
						+ "Customizer.withDefaults()) (io.github.introspection.web.IntrospectionConfigurer), or set "
						+ "introspection.token-source.cookie-csrf-protection=false if no browser sends that cookie.");
			}
		}
	}

	private static @Nullable String unguardedCookie(SecurityFilterChain chain, @Nullable BearerTokenResolver bean) {
		String cookie = null;
		for (Filter filter : chain.getFilters()) {
			if (filter instanceof CookieTokenCsrfFilter) {
				return null;
			}
			if (filter instanceof BearerTokenAuthenticationFilter authentication) {
				BearerTokenResolver resolver = resolverOf(authentication);
				cookie = cookieName((resolver != null) ? resolver : bean);
			}
		}
		return cookie;
	}

	private static @Nullable String cookieName(@Nullable BearerTokenResolver resolver) {
		BearerTokenResolver unwrapped = (resolver instanceof PublicPathsBearerTokenResolver publicPaths)
				? publicPaths.getDelegate() : resolver;
		return (unwrapped instanceof IntrospectionBearerTokenResolver introspection)
				? introspection.getName(TokenSourceKind.COOKIE) : null;
	}

	// The converter oauth2ResourceServer() builds holds the resolver in a field, as
	// BearerTokenAuthenticationConverter does.
	private static @Nullable BearerTokenResolver resolverOf(BearerTokenAuthenticationFilter filter) {
		Object converter = read(filter, "authenticationConverter", null);
		Object resolver = (converter != null) ? read(converter, null, BearerTokenResolver.class) : null;
		return (resolver instanceof BearerTokenResolver bearer) ? bearer : null;
	}

	private static @Nullable Object read(Object target, @Nullable String name, @Nullable Class<?> type) {
		Field field = ReflectionUtils.findField(target.getClass(), name, type);
		if (field == null) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			return field.get(target);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

}
