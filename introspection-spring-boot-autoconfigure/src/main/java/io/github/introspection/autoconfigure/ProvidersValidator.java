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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.introspection.autoconfigure.IntrospectionProperties.HeaderMatch;
import io.github.introspection.autoconfigure.IntrospectionProperties.Provider;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Checks {@code introspection.providers} at start-up: names, keys, and a selection that
 * chooses each provider for requests no other provider is chosen for. Failures name the
 * full key.
 */
final class ProvidersValidator {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Set<String> PROVIDER_KEYS = Set.of("issuer-uri", "client-config", "validation", "match",
			"authorities", "username-claim");

	private static final Set<String> SELECTION_KEYS = Set.of("paths", "header", "issuers");

	private static final Set<String> HEADER_KEYS = Set.of("name", "value");

	private ProvidersValidator() {
	}

	/**
	 * What selects one provider, checked.
	 *
	 * @param name the provider's name
	 * @param paths its path patterns
	 * @param headerName its header, or {@code null}
	 * @param headerValue that header's value, or {@code null}
	 * @param issuers the token issuers that select it
	 */
	record Selection(String name, List<String> paths, @Nullable String headerName, @Nullable String headerValue,
			Set<String> issuers) {
	}

	static List<Selection> validate(Map<String, Provider> providers, Environment environment) {
		for (String name : providers.keySet()) {
			if (!NAME.matcher(name).matches() || ProviderSettings.DEFAULT.equals(name)) {
				throw new InvalidConfigurationPropertyValueException("introspection.providers", name,
						"'" + name + "' cannot name a provider: use lower-case letters, digits and '-', "
								+ "and not 'default' (the top-level settings)");
			}
		}
		checkKeys(environment);
		List<Selection> selections = new ArrayList<>();
		for (Map.Entry<String, Provider> entry : providers.entrySet()) {
			Selection selection = selection(entry.getKey(), entry.getValue());
			checkOverlaps(selection, selections);
			selections.add(selection);
		}
		return selections;
	}

	// Unknown keys would be ignored by the binder: a misspelt selector would silently
	// send the provider's requests to the default provider.
	private static void checkKeys(Environment environment) {
		OnProvidersCondition.names(environment, OnProvidersCondition.PROVIDERS).forEach((key) -> {
			int depth = OnProvidersCondition.PROVIDERS.getNumberOfElements();
			if (key.getNumberOfElements() <= depth + 1) {
				return;
			}
			String element = key.getElement(depth + 1, ConfigurationPropertyName.Form.DASHED);
			boolean known = PROVIDER_KEYS.contains(element);
			if (known && "match".equals(element) && key.getNumberOfElements() > depth + 2) {
				String selector = key.getElement(depth + 2, ConfigurationPropertyName.Form.DASHED);
				known = SELECTION_KEYS.contains(selector);
				if (known && "header".equals(selector) && key.getNumberOfElements() > depth + 3) {
					known = HEADER_KEYS.contains(key.getElement(depth + 3, ConfigurationPropertyName.Form.DASHED));
				}
			}
			if (!known) {
				throw new InvalidConfigurationPropertyValueException(key.toString(), "(set)",
						"is not a provider setting: a provider has issuer-uri, client-config.*, validation.*, "
								+ "authorities, username-claim and match.paths, match.header.name, "
								+ "match.header.value and match.issuers");
			}
		});
	}

	private static Selection selection(String name, Provider provider) {
		String prefix = ProviderSettings.providerPrefix(name) + "match.";
		List<String> paths = provider.getMatch().getPaths();
		for (int i = 0; i < paths.size(); i++) {
			parse(prefix + "paths[" + i + "]", paths.get(i));
		}
		HeaderMatch header = provider.getMatch().getHeader();
		boolean hasName = StringUtils.hasText(header.getName());
		boolean hasValue = StringUtils.hasText(header.getValue());
		if (hasName != hasValue) {
			throw new InvalidConfigurationPropertyValueException(prefix + "header." + (hasName ? "value" : "name"),
					null, "is required when " + prefix + "header." + (hasName ? "name" : "value")
							+ " is set: the provider serves requests whose header has that value");
		}
		Set<String> issuers = new LinkedHashSet<>();
		List<String> configured = provider.getMatch().getIssuers();
		for (int i = 0; i < configured.size(); i++) {
			if (!StringUtils.hasText(configured.get(i))) {
				throw new InvalidConfigurationPropertyValueException(prefix + "issuers[" + i + "]", configured.get(i),
						"must be an issuer identifier, such as https://idp.example.com/realms/partners");
			}
			issuers.add(configured.get(i).trim());
		}
		if (issuers.isEmpty() && StringUtils.hasText(provider.getIssuerUri())) {
			issuers.add(provider.getIssuerUri().trim());
		}
		if (paths.isEmpty() && !hasName && issuers.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(prefix.substring(0, prefix.length() - 1), null,
					"must choose some requests: set match.paths, match.header.name and "
							+ "match.header.value, or match.issuers (or issuer-uri)");
		}
		return new Selection(name, List.copyOf(paths), hasName ? header.getName().trim() : null,
				hasValue ? header.getValue() : null, issuers);
	}

	private static PathPattern parse(String key, String path) {
		if (path == null || !path.startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException(key, path,
					"must be a path pattern starting with '/', such as /partners/**");
		}
		try {
			return PathPatternParser.defaultInstance.parse(path);
		}
		catch (PatternParseException ex) {
			throw new InvalidConfigurationPropertyValueException(key, path,
					"is not a valid path pattern: " + ex.getMessage() + ", such as /partners/**");
		}
	}

	// Two providers for one request would make the choice depend on the order of keys.
	private static void checkOverlaps(Selection selection, List<Selection> earlier) {
		String prefix = ProviderSettings.providerPrefix(selection.name()) + "match.";
		for (Selection other : earlier) {
			String otherPrefix = ProviderSettings.providerPrefix(other.name()) + "match.";
			for (int i = 0; i < selection.paths().size(); i++) {
				for (int j = 0; j < other.paths().size(); j++) {
					if (overlap(selection.paths().get(i), other.paths().get(j))) {
						throw new InvalidConfigurationPropertyValueException(prefix + "paths[" + i + "]",
								selection.paths().get(i), "overlaps " + otherPrefix + "paths[" + j + "] ("
										+ other.paths().get(j) + "): a request must be served by one provider");
					}
				}
			}
			if (selection.headerName() != null && other.headerName() != null
					&& selection.headerName()
						.toLowerCase(Locale.ROOT)
						.equals(other.headerName().toLowerCase(Locale.ROOT))
					&& selection.headerValue().equals(other.headerValue())) {
				throw new InvalidConfigurationPropertyValueException(prefix + "header.value", selection.headerValue(),
						"is also " + otherPrefix + "header.value for the same header: a request must be served by "
								+ "one provider");
			}
			for (String issuer : selection.issuers()) {
				if (other.issuers().contains(issuer)) {
					throw new InvalidConfigurationPropertyValueException(prefix + "issuers", issuer,
							"also selects provider '" + other.name()
									+ "' (its match.issuers or issuer-uri): a token must be served by one provider");
				}
			}
		}
	}

	// Whether some path matches both patterns: one pattern matches the other's text (a
	// literal path, or a pattern written as one), or they are the same.
	private static boolean overlap(String first, String second) {
		PathPattern a = PathPatternParser.defaultInstance.parse(first);
		PathPattern b = PathPatternParser.defaultInstance.parse(second);
		return a.equals(b) || a.matches(PathContainer.parsePath(second)) || b.matches(PathContainer.parsePath(first));
	}

}
