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

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.introspection.autoconfigure.IntrospectionProperties.AuthorityMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescriptionForIdeCompletion() throws Exception {
		JsonNode metadata = read();
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			JsonNode description = property.get("description");
			if (description == null || description.stringValue().isBlank()) {
				undocumented.add(property.get("name").stringValue());
			}
		}
		assertThat(metadata.get("properties")).hasSizeGreaterThan(20);
		assertThat(undocumented).isEmpty();
	}

	@Test
	void defaultsAreRecordedForTheMainProperties() throws Exception {
		JsonNode metadata = read();
		List<String> withDefaults = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			if (property.has("defaultValue")) {
				withDefaults.add(property.get("name").stringValue());
			}
		}
		// auth.method has none: unset, it is inferred from the credentials that are set
		assertThat(withDefaults).contains("introspection.enabled", "introspection.token-source.header",
				"introspection.token-source.header-auth-scheme", "introspection.client-config.timeout",
				"introspection.client-config.max-retries", "introspection.client-config.response-format",
				"introspection.client-config.auth.assertion-lifetime",
				"introspection.client-config.auth.token-endpoint-auth-method", "introspection.username-claim",
				"introspection.authorities", "introspection.public-paths");
	}

	// The configuration processor describes no element of a List of objects (Spring
	// Boot issue 9945): the keys of the first authority mapping are written by hand in
	// additional-spring-configuration-metadata.json, and must follow the class.
	@Test
	void everyKeyOfAnAuthorityMappingIsDescribed() throws Exception {
		JsonNode metadata = read();
		List<String> described = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").stringValue();
			if (name.startsWith("introspection.authorities[0].")) {
				assertThat(property.get("description").stringValue()).as(name).isNotBlank();
				assertThat(property.get("type").stringValue()).as(name).isEqualTo(String.class.getName());
				described.add(name);
			}
		}
		List<String> keys = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(AuthorityMapping.class)) {
			if (descriptor.getWriteMethod() != null) {
				keys.add("introspection.authorities[0]." + descriptor.getName());
			}
		}
		assertThat(described).containsExactlyInAnyOrderElementsOf(keys)
			.contains("introspection.authorities[0].claim", "introspection.authorities[0].prefix");
	}

	private static JsonNode read() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
