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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Auto-configuration of the introspection starter's beans: the token resolver, the
 * (cached, validated) introspector and its cache's meters, the RFC 6750 error handlers,
 * the claims helpers and the back-channel logout endpoint. Ordered before Spring Boot's
 * own resource server auto-configuration, so that its beans win over
 * {@code spring.security.oauth2.resourceserver.opaquetoken.*}.
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass({ OpaqueTokenIntrospector.class, BearerTokenResolver.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "introspection.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IntrospectionProperties.class)
@Import({ TokenSourceConfiguration.class, CacheConfiguration.class, IntrospectorConfiguration.class,
		CacheMetricsConfiguration.class, ErrorHandlingConfiguration.class, ClaimsConfiguration.class,
		BackchannelLogoutConfiguration.class, ProvidersConfiguration.class })
public final class IntrospectionAutoConfiguration {

	/**
	 * Binds {@code introspection.client-config.auth.method}, failing on an unknown value
	 * with the valid values as they are written in configuration. Static, so that it is
	 * there before the properties are bound.
	 * @return the converter
	 */
	@Bean
	@ConfigurationPropertiesBinding
	static ClientAuthenticationMethodConverter introspectionClientAuthenticationMethodConverter() {
		return new ClientAuthenticationMethodConverter();
	}

}
