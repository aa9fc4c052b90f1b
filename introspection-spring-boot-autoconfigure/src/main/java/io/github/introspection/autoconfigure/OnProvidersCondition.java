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

import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@code introspection.providers.<name>} is configured.
 */
class OnProvidersCondition extends SpringBootCondition {

	static final ConfigurationPropertyName PROVIDERS = ConfigurationPropertyName.of("introspection.providers");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return names(context.getEnvironment(), PROVIDERS).findAny().isPresent()
				? ConditionOutcome.match("introspection.providers are configured")
				: ConditionOutcome.noMatch("no introspection.providers");
	}

	/**
	 * The configured keys below a name.
	 * @param environment the environment
	 * @param parent the name
	 * @return the keys
	 */
	static Stream<ConfigurationPropertyName> names(Environment environment, ConfigurationPropertyName parent) {
		Stream.Builder<ConfigurationPropertyName> names = Stream.builder();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(parent::isAncestorOf).forEach(names::add);
			}
		}
		return names.build().distinct();
	}

}
