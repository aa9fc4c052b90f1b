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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.introspection.actuate.IntrospectionHealthIndicator;
import io.github.introspection.provider.IntrospectionProviders;
import io.github.introspection.actuate.IntrospectionHealthProbe;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.autoconfigure.IntrospectionProperties.Health;
import io.github.introspection.autoconfigure.IntrospectionProperties.Probe;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.StringUtils;

/**
 * The {@code introspection} health contributor, its optional active probe
 * ({@code introspection.health.probe.*}) and, with
 * {@code introspection.health.readiness}, its place in the readiness group.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthIndicator.class)
class IntrospectionHealthConfiguration {

	private static Health validate(Health health) {
		Probe probe = health.getProbe();
		if (health.isReadiness() && !probe.isEnabled()) {
			throw new InvalidConfigurationPropertyValueException("introspection.health.readiness", true,
					"needs introspection.health.probe.enabled=true: an application out of the readiness group gets "
							+ "no requests, so only the probe can see the identity provider come back");
		}
		Duration interval = probe.getInterval();
		if (interval == null || interval.toMillis() <= 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.health.probe.interval", interval,
					"must be positive, such as 30s");
		}
		if (!StringUtils.hasText(probe.getToken())) {
			throw new InvalidConfigurationPropertyValueException("introspection.health.probe.token", probe.getToken(),
					"must not be empty");
		}
		return health;
	}

	/**
	 * The contributor and the probe, in a class of their own: its condition is a class of
	 * Spring Boot's health module, which must not be loaded when the module is missing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("introspection")
	static class IntrospectionHealthContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty("introspection.health.probe.enabled")
		IntrospectionHealthProbe introspectionHealthProbe(IntrospectionProperties properties,
				@Qualifier(IntrospectorLayers.INTROSPECTOR) OpaqueTokenIntrospector introspector) {
			Probe probe = validate(properties.getHealth()).getProbe();
			return new IntrospectionHealthProbe(IntrospectorLayers.client(introspector), probe.getToken(),
					probe.getInterval());
		}

		@Bean
		@ConditionalOnMissingBean(name = "introspectionHealthIndicator")
		IntrospectionHealthIndicator introspectionHealthIndicator(IntrospectionProperties properties,
				@Qualifier(IntrospectorLayers.INTROSPECTOR) OpaqueTokenIntrospector introspector,
				ObjectProvider<IntrospectionHealthProbe> probe, ObjectProvider<IntrospectionCache> cache) {
			validate(properties.getHealth());
			return new IntrospectionHealthIndicator(IntrospectorLayers.client(introspector), cache.getIfUnique(),
					probe.getIfUnique());
		}

		/**
		 * The health of each of {@code introspection.providers}, by name, as the
		 * {@code introspectionProviders} contributor (the default provider's is the
		 * {@code introspection} one).
		 * @param providers the providers
		 * @return the contributor
		 */
		@Bean
		@ConditionalOnBean(IntrospectionProviders.class)
		@ConditionalOnMissingBean(name = "introspectionProvidersHealthContributor")
		CompositeHealthContributor introspectionProvidersHealthContributor(IntrospectionProviders providers) {
			Map<String, IntrospectionHealthIndicator> indicators = new LinkedHashMap<>();
			for (IntrospectionProviders.Stack stack : providers.getStacks()) {
				indicators.put(stack.name(), new IntrospectionHealthIndicator(
						IntrospectorLayers.client(stack.introspector()), stack.cache(), null));
			}
			return CompositeHealthContributor.fromMap(indicators);
		}

	}

	/**
	 * The contributor in the readiness group of the health endpoint (Spring Boot
	 * Actuator).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor",
			"org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper" })
	@ConditionalOnEnabledHealthIndicator("introspection")
	@ConditionalOnBooleanProperty("introspection.health.readiness")
	static class IntrospectionReadinessConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IntrospectionReadinessGroupPostProcessor introspectionReadinessGroupPostProcessor() {
			return new IntrospectionReadinessGroupPostProcessor();
		}

	}

}
