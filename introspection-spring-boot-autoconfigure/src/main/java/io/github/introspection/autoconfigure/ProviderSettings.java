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
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.introspection.autoconfigure.IntrospectionProperties.AuthorityMapping;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Provider;
import io.github.introspection.autoconfigure.IntrospectionProperties.Validation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * The settings of one identity provider: the top-level ones (the default provider) or
 * those of {@code introspection.providers.<name>}.
 *
 * @param name the provider's name, {@value #DEFAULT} for the top-level one
 * @param issuerUri its issuer identifier, or {@code null}
 * @param clientConfig its client configuration
 * @param validation its claim checks
 * @param authorities its claims mapped to authorities
 * @param usernameClaim its username claim
 */
record ProviderSettings(String name, @Nullable String issuerUri, ClientConfig clientConfig, Validation validation,
		List<AuthorityMapping> authorities, String usernameClaim) {

	/**
	 * The name of the default provider: the top-level settings.
	 */
	static final String DEFAULT = "default";

	// a key of the top-level settings, at the start of the text or after a blank, quote
	// or parenthesis (never inside a host name)
	private static final Pattern KEY = Pattern.compile("(?<=^|[\\s'(])introspection\\.");

	static ProviderSettings of(IntrospectionProperties properties) {
		return new ProviderSettings(DEFAULT, properties.getIssuerUri(), properties.getClientConfig(),
				properties.getValidation(), properties.getAuthorities(), properties.getUsernameClaim());
	}

	static ProviderSettings of(String name, Provider provider) {
		return new ProviderSettings(name, provider.getIssuerUri(), provider.getClientConfig(), provider.getValidation(),
				provider.getAuthorities(), provider.getUsernameClaim());
	}

	boolean isDefault() {
		return DEFAULT.equals(this.name);
	}

	/**
	 * The prefix of this provider's keys.
	 * @return {@code introspection.} or {@code introspection.providers.<name>.}
	 */
	String prefix() {
		return isDefault() ? "introspection." : providerPrefix(this.name);
	}

	static String providerPrefix(String name) {
		return "introspection.providers." + name + ".";
	}

	/**
	 * What names this provider in the cache's keys: the introspection endpoint when
	 * configured, else the issuer; a named provider's also holds its name, so that two
	 * providers never share an entry.
	 * @return the name
	 */
	String cacheEndpoint() {
		String url = this.clientConfig.getUrl();
		String endpoint = StringUtils.hasText(url) ? url : Objects.toString(this.issuerUri, "");
		return isDefault() ? endpoint : "providers." + this.name + "|" + endpoint;
	}

	/**
	 * Runs a check of the top-level settings against this provider's, so that its failure
	 * names this provider's keys.
	 * @param <T> the check's result
	 * @param check the check
	 * @return its result
	 */
	<T> T validate(Supplier<T> check) {
		if (isDefault()) {
			return check.get();
		}
		try {
			return check.get();
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			String prefix = Matcher.quoteReplacement(prefix());
			throw new InvalidConfigurationPropertyValueException(KEY.matcher(ex.getName()).replaceAll(prefix),
					ex.getValue(), (ex.getReason() != null) ? KEY.matcher(ex.getReason()).replaceAll(prefix) : null);
		}
	}

}
