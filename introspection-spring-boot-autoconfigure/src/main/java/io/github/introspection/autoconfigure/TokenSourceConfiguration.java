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
import io.github.introspection.token.QueryTokenFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.StringUtils;

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
	@Conditional(QueryTokenSourceCondition.class)
	@ConditionalOnMissingBean(name = "introspectionQueryTokenFilter")
	FilterRegistrationBean<QueryTokenFilter> introspectionQueryTokenFilter(IntrospectionProperties properties) {
		FilterRegistrationBean<QueryTokenFilter> registration = new FilterRegistrationBean<>(
				new QueryTokenFilter(properties.getTokenSource().getQuery().trim()));
		// Before Spring Security, whose request-line logging would print the token.
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	/**
	 * Matches when {@code introspection.token-source.query} names a parameter: an empty
	 * value turns the query source off, as it does for the resolver.
	 */
	static final class QueryTokenSourceCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String query = context.getEnvironment().getProperty("introspection.token-source.query");
			return StringUtils.hasText(query) ? ConditionOutcome.match("introspection.token-source.query is set")
					: ConditionOutcome.noMatch("introspection.token-source.query is not set or empty");
		}

	}

}
