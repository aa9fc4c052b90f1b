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

import java.net.URI;

import io.github.introspection.error.IntrospectionAccessDeniedHandler;
import io.github.introspection.error.IntrospectionAuthenticationEntryPoint;
import io.github.introspection.error.ProblemRequestRejectedHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * RFC 6750 error responses with {@code application/problem+json} bodies, and the same
 * bodies for requests the firewall rejects.
 */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfiguration {

	@Bean
	@ConditionalOnMissingBean(AuthenticationEntryPoint.class)
	IntrospectionAuthenticationEntryPoint introspectionAuthenticationEntryPoint(IntrospectionProperties properties) {
		URI resource = IntrospectionPropertiesValidator.validateResource(properties.getResource());
		return (resource != null) ? new IntrospectionAuthenticationEntryPoint(resource)
				: new IntrospectionAuthenticationEntryPoint();
	}

	@Bean
	@ConditionalOnMissingBean(AccessDeniedHandler.class)
	IntrospectionAccessDeniedHandler introspectionAccessDeniedHandler() {
		return new IntrospectionAccessDeniedHandler();
	}

	@Bean
	@ConditionalOnMissingBean(RequestRejectedHandler.class)
	ProblemRequestRejectedHandler introspectionRequestRejectedHandler() {
		return new ProblemRequestRejectedHandler();
	}

}
