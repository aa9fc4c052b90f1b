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

package io.github.introspection.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the starter takes from an authorization server's metadata (RFC 8414 §2, OpenID
 * Connect Discovery §3).
 *
 * @param issuer the issuer identifier
 * @param introspectionEndpoint {@code introspection_endpoint}, or {@code null}
 * @param tokenEndpoint {@code token_endpoint}, or {@code null}
 * @param jwksUri {@code jwks_uri}, or {@code null}
 * @param introspectionEndpointAuthMethods
 * {@code introspection_endpoint_auth_methods_supported}, or {@code null} when not listed
 * @param tokenEndpointAuthMethods {@code token_endpoint_auth_methods_supported}, or
 * {@code null} when not listed
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>
 */
public record AuthorizationServerMetadata(String issuer, @Nullable URI introspectionEndpoint,
		@Nullable URI tokenEndpoint, @Nullable URI jwksUri, @Nullable List<String> introspectionEndpointAuthMethods,
		@Nullable List<String> tokenEndpointAuthMethods) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads a metadata document.
	 * @param body the JSON document
	 * @return the metadata
	 * @throws DiscoveryException when the document is not valid metadata
	 */
	static AuthorizationServerMetadata parse(byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new DiscoveryException("the metadata is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new DiscoveryException("the metadata is not a JSON object");
		}
		JsonNode issuer = root.get("issuer");
		if (issuer == null || !issuer.isString() || issuer.stringValue().isEmpty()) {
			throw new DiscoveryException("the metadata has no issuer");
		}
		return new AuthorizationServerMetadata(issuer.stringValue(), uri(root, "introspection_endpoint"),
				uri(root, "token_endpoint"), uri(root, "jwks_uri"),
				strings(root, "introspection_endpoint_auth_methods_supported"),
				strings(root, "token_endpoint_auth_methods_supported"));
	}

	private static @Nullable URI uri(JsonNode root, String name) {
		JsonNode value = root.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			URI uri = value.isString() ? new URI(value.stringValue()) : null;
			if (uri == null || uri.getHost() == null
					|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
				throw new DiscoveryException("the metadata's " + name + " is not an absolute http or https URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new DiscoveryException("the metadata's " + name + " is not a URL");
		}
	}

	private static @Nullable List<String> strings(JsonNode root, String name) {
		JsonNode value = root.get(name);
		if (value == null || !value.isArray()) {
			return null;
		}
		List<String> strings = new ArrayList<>();
		for (JsonNode element : value) {
			if (element.isString()) {
				strings.add(element.stringValue());
			}
		}
		return List.copyOf(strings);
	}

}
