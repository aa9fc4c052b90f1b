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

package io.github.introspection.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * Reads one parameter of a raw query string the way a form-encoded query is meant to be
 * read (RFC 6750 §2.3): names and values percent-decoded, {@code +} as a space, and only
 * whole names matching.
 */
public final class QueryParameters {

	/**
	 * What a redacted token value is replaced with.
	 */
	public static final String REDACTED = "redacted";

	private QueryParameters() {
	}

	/**
	 * The decoded values of a parameter.
	 * @param query the raw query string
	 * @param name the parameter name
	 * @return its values, in order; empty when absent
	 * @throws IllegalArgumentException when a matching pair is not correctly encoded
	 */
	public static List<String> values(String query, String name) {
		List<String> values = new ArrayList<>(1);
		for (String pair : StringUtils.delimitedListToStringArray(query, "&")) {
			int eq = pair.indexOf('=');
			if (name.equals(decode((eq >= 0) ? pair.substring(0, eq) : pair))) {
				values.add((eq >= 0) ? decode(pair.substring(eq + 1)) : "");
			}
		}
		return values;
	}

	/**
	 * Whether the query carries the parameter; a name that cannot be decoded is compared
	 * as it is.
	 * @param query the raw query string
	 * @param name the parameter name
	 * @return whether it is present
	 */
	public static boolean contains(String query, String name) {
		for (String pair : StringUtils.delimitedListToStringArray(query, "&")) {
			int eq = pair.indexOf('=');
			if (name.equals(decodeLeniently((eq >= 0) ? pair.substring(0, eq) : pair))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The query with every value of the parameter replaced by {@link #REDACTED}.
	 * @param query the raw query string
	 * @param name the parameter name
	 * @return the redacted query
	 */
	public static String redact(String query, String name) {
		String[] pairs = StringUtils.delimitedListToStringArray(query, "&");
		for (int i = 0; i < pairs.length; i++) {
			int eq = pairs[i].indexOf('=');
			String rawName = (eq >= 0) ? pairs[i].substring(0, eq) : pairs[i];
			if (name.equals(decodeLeniently(rawName))) {
				pairs[i] = rawName + "=" + REDACTED;
			}
		}
		return String.join("&", pairs);
	}

	/**
	 * The query without the parameter.
	 * @param query the raw query string
	 * @param name the parameter name
	 * @return the other pairs, or {@code null} when none is left
	 */
	public static @Nullable String remove(String query, String name) {
		StringJoiner kept = new StringJoiner("&");
		for (String pair : StringUtils.delimitedListToStringArray(query, "&")) {
			int eq = pair.indexOf('=');
			if (!name.equals(decodeLeniently((eq >= 0) ? pair.substring(0, eq) : pair))) {
				kept.add(pair);
			}
		}
		return (kept.length() > 0) ? kept.toString() : null;
	}

	private static String decode(String value) {
		return UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8);
	}

	private static String decodeLeniently(String value) {
		try {
			return decode(value);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

}
