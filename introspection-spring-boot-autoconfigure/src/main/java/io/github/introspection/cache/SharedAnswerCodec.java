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

package io.github.introspection.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;

/**
 * The compact form of an answer in the shared tier, before it is sealed: a small JSON
 * object with the end of its lifetime ({@code u}, epoch milliseconds), and for an active
 * token its name ({@code n}), claims ({@code c}, times as {@code [epoch second, nano]}
 * pairs, their names listed in {@code t}) and authorities ({@code g}). An inactive answer
 * is {@code {"u":…}} alone. Read on every hit in Redis, so it stays cheap: no text to
 * parse for times, one prepared reader.
 */
final class SharedAnswerCodec {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ObjectReader READER = JSON.readerFor(Map.class);

	private SharedAnswerCodec() {
	}

	static byte[] active(OAuth2AuthenticatedPrincipal principal, long untilMillis) {
		Map<String, Object> claims = new LinkedHashMap<>();
		List<String> times = new ArrayList<>();
		principal.getAttributes().forEach((name, value) -> {
			if (value instanceof Instant instant) {
				times.add(name);
				claims.put(name, List.of(instant.getEpochSecond(), instant.getNano()));
			}
			else {
				claims.put(name, value);
			}
		});
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("u", untilMillis);
		answer.put("n", principal.getName());
		answer.put("c", claims);
		answer.put("t", times);
		answer.put("g", principal.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		return JSON.writeValueAsBytes(answer);
	}

	static byte[] inactive(long untilMillis) {
		return JSON.writeValueAsBytes(Map.of("u", untilMillis));
	}

	/**
	 * Reads an answer.
	 * @param bytes the opened value
	 * @return the answer, or {@code null} when the bytes are no answer of this form
	 */
	@SuppressWarnings("unchecked")
	static @Nullable SharedAnswer read(byte[] bytes) {
		try {
			Map<String, Object> answer = READER.readValue(bytes);
			if (!(answer.get("u") instanceof Number until)) {
				return null;
			}
			if (!answer.containsKey("c")) {
				return new SharedAnswer(null, until.longValue());
			}
			Map<String, Object> claims = new LinkedHashMap<>((Map<String, Object>) answer.get("c"));
			for (String time : (List<String>) answer.get("t")) {
				List<Number> instant = (List<Number>) claims.get(time);
				claims.put(time, Instant.ofEpochSecond(instant.get(0).longValue(), instant.get(1).longValue()));
			}
			List<GrantedAuthority> authorities = new ArrayList<>();
			for (String authority : (List<String>) answer.get("g")) {
				authorities.add(new SimpleGrantedAuthority(authority));
			}
			return new SharedAnswer(
					new OAuth2IntrospectionAuthenticatedPrincipal((String) answer.get("n"),
							Collections.unmodifiableMap(claims), Collections.unmodifiableList(authorities)),
					until.longValue());
		}
		catch (JacksonException | ClassCastException | NullPointerException | IndexOutOfBoundsException
				| java.time.DateTimeException | ArithmeticException ex) {
			return null;
		}
	}

	/**
	 * An answer read from the shared tier.
	 *
	 * @param principal the principal of an active token, {@code null} for an inactive one
	 * @param untilMillis the end of its lifetime in the shared tier, epoch milliseconds
	 */
	record SharedAnswer(@Nullable OAuth2AuthenticatedPrincipal principal, long untilMillis) {

	}

}
