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

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.introspection.autoconfigure.IntrospectionProperties.ClientAuthenticationMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code introspection.client-config.auth.method} as leniently as Spring Boot binds
 * any enum ({@code client-secret-basic}, {@code CLIENT_SECRET_BASIC} and
 * {@code clientSecretBasic} are one value), but fails on an unknown value naming the key
 * and the valid values as they are written in configuration, where Boot's own message
 * would list the enum's constants.
 */
@ConfigurationPropertiesBinding
final class ClientAuthenticationMethodConverter implements Converter<String, ClientAuthenticationMethod> {

	private static final String KEY = "introspection.client-config.auth.method";

	@Override
	public @Nullable ClientAuthenticationMethod convert(String source) {
		String value = canonical(source);
		if (value.isEmpty()) {
			// as Boot does for an enum: the default stays
			return null;
		}
		for (ClientAuthenticationMethod method : ClientAuthenticationMethod.values()) {
			if (canonical(method.name()).equals(value)) {
				return method;
			}
		}
		throw new InvalidConfigurationPropertyValueException(KEY, source,
				"must be one of " + Arrays.stream(ClientAuthenticationMethod.values())
					.map(ClientAuthenticationMethod::toString)
					.collect(Collectors.joining(", ")));
	}

	private static String canonical(String name) {
		return name.chars()
			.filter(Character::isLetterOrDigit)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.toLowerCase(Locale.ROOT);
	}

}
