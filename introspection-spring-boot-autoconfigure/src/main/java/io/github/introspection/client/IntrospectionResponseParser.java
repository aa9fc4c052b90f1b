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

package io.github.introspection.client;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/**
 * Reads an RFC 7662 introspection answer into a map of claims, validating and converting
 * the standard claims itself so that odd types never surface as exceptions deep inside
 * Spring Security.
 * <ul>
 * <li>{@code active}: {@code true}/{@code false}, or the strings {@code "true"} and
 * {@code "false"}; a missing {@code active} means inactive (RFC 7662 §2.2).</li>
 * <li>{@code exp}, {@code iat}, {@code nbf}: integer numbers of seconds since the epoch,
 * turned into {@link Instant}.</li>
 * <li>{@code aud}: a string or an array of strings, turned into a list.</li>
 * <li>{@code scope}, {@code iss}, {@code sub}, {@code client_id}, {@code username},
 * {@code token_type}, {@code jti}: strings.</li>
 * </ul>
 * Every other claim is kept as JSON gives it: nested objects as maps, arrays as lists.
 * The maps and lists are immutable and compact. The claims keep the answer's order; the
 * order of a nested object's members is unspecified. Cached answers stay in memory for a
 * while, so claim names and the values that answers repeat (issuers, scopes, roles) are
 * shared between the answers of one parser ({@link SharedValues}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>
 */
public final class IntrospectionResponseParser {

	// A duplicated member (two "active" keys) is malformed, not "the last one wins".
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final Set<String> TIME_CLAIMS = Set.of("exp", "iat", "nbf");

	// Values that differ from token to token: not worth a slot in the shared values.
	private static final Set<String> UNIQUE_CLAIMS = Set.of("jti", "sub");

	private static final Set<String> STRING_CLAIMS = Set.of("scope", "iss", "sub", "client_id", "username",
			"token_type", "jti");

	// 9999-12-31T23:59:59Z, the largest time an Instant-based API will reliably format
	private static final BigInteger MAX_EPOCH_SECOND = BigInteger.valueOf(253402300799L);

	private final SharedValues shared = new SharedValues();

	/**
	 * Parses an answer.
	 * @param body the body of a 200 answer
	 * @return the claims of an active token, immutable, in the answer's order
	 * @throws BadOpaqueTokenException when the token is not active
	 * @throws MalformedIntrospectionResponseException when the answer is not valid
	 */
	public Map<String, Object> parse(byte[] body) {
		JsonNode root = readTree(body);
		if (!root.isObject()) {
			throw new MalformedIntrospectionResponseException("Introspection answer is not a JSON object");
		}
		if (!isActive(root.get("active"))) {
			throw new BadOpaqueTokenException("Provided token isn't active");
		}
		String[] names = new String[root.size()];
		Object[] values = new Object[names.length];
		int index = 0;
		for (Map.Entry<String, JsonNode> property : root.properties()) {
			names[index] = this.shared.share(property.getKey());
			values[index] = convertClaim(names[index], property.getValue());
			index++;
		}
		return Collections.unmodifiableMap(new ClaimsMap(this.shared.share(new ClaimsMap.Names(names)), values));
	}

	/**
	 * Whether an error answer is RFC 6749's {@code invalid_client}: the identity provider
	 * refused our credentials.
	 * @param body the body of the error answer
	 * @return whether its {@code error} member is {@code invalid_client}
	 */
	static boolean isInvalidClientError(byte[] body) {
		try {
			JsonNode error = JSON.readTree(body).get("error");
			return error != null && error.isString() && "invalid_client".equals(error.stringValue());
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	// A map or list holding a JSON null keeps the general form and is not shared: the
	// compact immutable collections reject nulls.
	private Map<String, Object> compact(Map<String, Object> map) {
		return map.containsValue(null) ? Collections.unmodifiableMap(map) : this.shared.share(Map.copyOf(map));
	}

	private List<Object> compact(List<Object> list) {
		return list.contains(null) ? Collections.unmodifiableList(list) : this.shared.share(List.copyOf(list));
	}

	private static JsonNode readTree(byte[] body) {
		if (body.length == 0) {
			throw new MalformedIntrospectionResponseException("Introspection answer is empty");
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedIntrospectionResponseException("Introspection answer is not valid JSON");
		}
	}

	private static boolean isActive(@Nullable JsonNode active) {
		if (active == null || active.isNull()) {
			return false;
		}
		if (active.isBoolean()) {
			return active.booleanValue();
		}
		if (active.isString() && ("true".equals(active.stringValue()) || "false".equals(active.stringValue()))) {
			return Boolean.parseBoolean(active.stringValue());
		}
		throw new MalformedIntrospectionResponseException("Claim 'active' is not a boolean");
	}

	private @Nullable Object convertClaim(String name, JsonNode value) {
		if (TIME_CLAIMS.contains(name)) {
			return toInstant(name, value);
		}
		if (STRING_CLAIMS.contains(name)) {
			requireType(name, value.isString(), "a string");
			return UNIQUE_CLAIMS.contains(name) ? value.stringValue() : this.shared.share(value.stringValue());
		}
		if ("aud".equals(name)) {
			return toAudience(value);
		}
		if ("active".equals(name)) {
			return Boolean.TRUE;
		}
		return toJava(value);
	}

	// RFC 7662 §2.2: an integer timestamp; a float, a string or a number beyond year 9999
	// is a malformed answer.
	private static Instant toInstant(String name, JsonNode value) {
		requireType(name, value.isIntegralNumber(), "an integer number of seconds");
		BigInteger seconds = value.bigIntegerValue();
		if (seconds.signum() < 0 || seconds.compareTo(MAX_EPOCH_SECOND) > 0) {
			throw new MalformedIntrospectionResponseException("Claim '" + name + "' is out of range");
		}
		return Instant.ofEpochSecond(seconds.longValue());
	}

	private List<String> toAudience(JsonNode value) {
		if (value.isString()) {
			return List.of(this.shared.share(value.stringValue()));
		}
		requireType("aud", value.isArray(), "a string or an array of strings");
		List<String> audience = new ArrayList<>(value.size());
		for (JsonNode element : value) {
			requireType("aud", element.isString(), "a string or an array of strings");
			audience.add(this.shared.share(element.stringValue()));
		}
		return this.shared.share(List.copyOf(audience));
	}

	private static void requireType(String name, boolean condition, String expected) {
		if (!condition) {
			throw new MalformedIntrospectionResponseException("Claim '" + name + "' is not " + expected);
		}
	}

	private @Nullable Object toJava(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				map.put(this.shared.share(property.getKey()), toJava(property.getValue()));
			}
			return compact(map);
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			for (JsonNode element : node) {
				list.add(toJava(element));
			}
			return compact(list);
		}
		if (node.isString()) {
			return this.shared.share(node.stringValue());
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToInt() ? (Object) node.intValue()
					: node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		return null;
	}

}
