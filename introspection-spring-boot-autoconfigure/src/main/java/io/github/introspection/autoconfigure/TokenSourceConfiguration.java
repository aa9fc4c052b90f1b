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

import io.github.introspection.autoconfigure.IntrospectionProperties.TokenSource;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.web.QueryTokenFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Where the token is read: the {@link BearerTokenResolver} and, for query tokens, the
 * servlet filter that redacts them before anything logs the request line.
 */
@Configuration(proxyBeanMethods = false)
class TokenSourceConfiguration {

	@Bean
	@ConditionalOnMissingBean(BearerTokenResolver.class)
	IntrospectionBearerTokenResolver introspectionBearerTokenResolver(IntrospectionProperties properties) {
		TokenSource source = properties.getTokenSource();
		IntrospectionPropertiesValidator.validateTokenSource(source);
		return IntrospectionBearerTokenResolver.of(source.getHeader(), source.getHeaderAuthScheme(), source.getQuery(),
				source.getCookie());
	}

	@Bean
	@ConditionalOnBean(IntrospectionBearerTokenResolver.class)
	@ConditionalOnProperty(name = "introspection.token-source.query")
	@ConditionalOnMissingBean(name = "introspectionQueryTokenFilter")
	FilterRegistrationBean<QueryTokenFilter> introspectionQueryTokenFilter(IntrospectionProperties properties) {
		FilterRegistrationBean<QueryTokenFilter> registration = new FilterRegistrationBean<>(
				new QueryTokenFilter(properties.getTokenSource().getQuery().trim()));
		// Before Spring Security, whose request-line logging would print the token.
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

}
