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

import java.util.List;

import io.github.introspection.authorization.ClaimsExpressions;
import io.github.introspection.authorization.ClaimsExpressionsChecker;
import io.github.introspection.authorization.RequireClaimsAuthorizationManager;
import io.github.introspection.web.ClaimArgumentResolver;
import io.github.introspection.error.InvalidClaimsRuleExceptionResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authorizing with claims: the {@code @claims} bean for {@code @PreAuthorize} and the
 * start-up check of the rules written in those expressions, the {@code @RequireClaims}
 * method interceptor, {@code @Claim} controller parameters and the 500 answer to a rule
 * that does not parse at run time.
 */
@Configuration(proxyBeanMethods = false)
class ClaimsConfiguration {

	@Bean(name = "claims")
	@ConditionalOnMissingBean(value = ClaimsExpressions.class, name = "claims")
	ClaimsExpressions claims(ObjectProvider<SecurityContextHolderStrategy> securityContextHolderStrategy) {
		return new ClaimsExpressions(
				securityContextHolderStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	ClaimsExpressionsChecker claimsExpressionsChecker(
			ObjectProvider<AnnotationTemplateExpressionDefaults> templateDefaults) {
		return new ClaimsExpressionsChecker(templateDefaults.getIfAvailable());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = "requireClaimsAuthorizationMethodInterceptor")
	static AuthorizationManagerBeforeMethodInterceptor requireClaimsAuthorizationMethodInterceptor() {
		return RequireClaimsAuthorizationManager.interceptor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class ClaimsWebMvcConfiguration implements WebMvcConfigurer {

		private final ClaimArgumentResolver resolver = new ClaimArgumentResolver();

		ClaimsWebMvcConfiguration(ObjectProvider<SecurityContextHolderStrategy> securityContextHolderStrategy) {
			securityContextHolderStrategy.ifAvailable(this.resolver::setSecurityContextHolderStrategy);
		}

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(this.resolver);
		}

		@Bean
		@ConditionalOnMissingBean
		InvalidClaimsRuleExceptionResolver invalidClaimsRuleExceptionResolver() {
			return new InvalidClaimsRuleExceptionResolver();
		}

	}

}
