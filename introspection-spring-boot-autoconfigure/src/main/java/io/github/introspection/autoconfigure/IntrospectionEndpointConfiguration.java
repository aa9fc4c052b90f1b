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

import io.github.introspection.actuate.IntrospectionEndpoint;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.client.IntrospectionClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The {@code introspection} Actuator endpoint, when Spring Boot's access and exposure
 * rules make it available ({@code management.endpoints.web.exposure.include}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
class IntrospectionEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	IntrospectionEndpoint introspectionEndpoint(IntrospectionProperties properties,
			@Qualifier(IntrospectorLayers.INTROSPECTOR) OpaqueTokenIntrospector introspector,
			ObjectProvider<IntrospectionCache> cache) {
		IntrospectionClient client = IntrospectorLayers.client(introspector);
		return new IntrospectionEndpoint(IntrospectionConfigurationDescription.of(properties, client), client,
				cache.getIfUnique());
	}

}
