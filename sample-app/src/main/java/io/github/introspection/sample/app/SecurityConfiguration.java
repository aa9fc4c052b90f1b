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

package io.github.introspection.sample.app;

import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.autoconfigure.IntrospectionRequestAuthorizationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Turns on {@code @PreAuthorize} (and the starter's {@code @RequireClaims}), and adds
 * per-path claims rules to the starter's filter chain. The chain itself (stateless, token
 * introspection, RFC 6750 errors) comes from the introspection starter: the app declares
 * no {@code SecurityFilterChain}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * Everything under {@code /api/ops/} needs a token whose {@code group} claim is
	 * {@code ops}; other tokens get 403 {@code insufficient_scope}.
	 */
	@Bean
	IntrospectionRequestAuthorizationCustomizer opsOnly() {
		return (requests) -> requests.requestMatchers("/api/ops/**")
			.access(ClaimsAuthorizationManager.of("Equals(`group`, `ops`)"));
	}

	/**
	 * The {@code introspection} Actuator endpoint (configuration, cache statistics, cache
	 * eviction) needs a token whose {@code group} claim is {@code admin}; health and
	 * metrics are public paths ({@code introspection.public-paths}).
	 */
	@Bean
	IntrospectionRequestAuthorizationCustomizer actuatorAdminOnly() {
		return (requests) -> requests.requestMatchers("/actuator/introspection", "/actuator/introspection/**")
			.access(ClaimsAuthorizationManager.of("Equals(`group`, `admin`)"));
	}

}
