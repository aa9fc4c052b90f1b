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
import java.util.BitSet;
import java.util.HexFormat;
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

	// What a '%' not followed by two hex digits may stand for (see couldDecodeTo).
	private static final String[] BAD_ESCAPE_READINGS = { "%", "", "\uFFFD" };

	private QueryParameters() {
	}

	/**
	 * The decoded values of a parameter. A pair whose name is not correctly encoded is
	 * skipped, unless some reading of its name gives {@code name}.
	 * @param query the raw query string
	 * @param name the parameter name
	 * @return its values, in order; empty when absent
	 * @throws IllegalArgumentException when a matching pair, or a pair whose badly
	 * encoded name could be {@code name}, is not correctly encoded
	 */
	public static List<String> values(String query, String name) {
		List<String> values = new ArrayList<>(1);
		for (String pair : StringUtils.delimitedListToStringArray(query, "&")) {
			int eq = pair.indexOf('=');
			String rawName = (eq >= 0) ? pair.substring(0, eq) : pair;
			String decodedName;
			try {
				decodedName = decode(rawName);
			}
			catch (IllegalArgumentException ex) {
				// A badly encoded name has no single meaning (see couldDecodeTo). If
				// one reading of it is the token parameter, skipping it could hide a
				// second token from the "one token" rule of RFC 6750, or one we never
				// checked from whoever reads the query after us: the request fails. A
				// name no reading turns into the token parameter's is not ours to
				// judge; it stays in the query for the application.
				if (couldDecodeTo(rawName, name)) {
					throw new IllegalArgumentException("A parameter name is not correctly encoded");
				}
				continue;
			}
			if (name.equals(decodedName)) {
				values.add((eq >= 0) ? decode(pair.substring(eq + 1)) : "");
			}
		}
		return values;
	}

	/**
	 * Whether the query carries the parameter; a name that is not correctly encoded
	 * counts when some reading of it gives {@code name}.
	 * @param query the raw query string
	 * @param name the parameter name
	 * @return whether it is present
	 */
	public static boolean contains(String query, String name) {
		for (String pair : StringUtils.delimitedListToStringArray(query, "&")) {
			int eq = pair.indexOf('=');
			if (matches((eq >= 0) ? pair.substring(0, eq) : pair, name)) {
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
			if (matches(rawName, name)) {
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
			if (!matches((eq >= 0) ? pair.substring(0, eq) : pair, name)) {
				kept.add(pair);
			}
		}
		return (kept.length() > 0) ? kept.toString() : null;
	}

	private static String decode(String value) {
		return UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8);
	}

	// Whether a raw name is the parameter, or, badly encoded, could be read as it.
	private static boolean matches(String rawName, String name) {
		try {
			return name.equals(decode(rawName));
		}
		catch (IllegalArgumentException ex) {
			return couldDecodeTo(rawName, name);
		}
	}

	/**
	 * Whether some decoder could read a raw name that is not correctly percent-encoded as
	 * the given name. A {@code %} not followed by two hex digits is read differently by
	 * different decoders: kept as it is (the WHATWG URL standard, which browsers, PHP and
	 * Python follow), dropped alone or with one or two characters after it, or replaced
	 * by U+FFFD; Tomcat and Spring refuse it. Every one of these readings is tried; the
	 * rest of the name is decoded as usual ({@code +} as a space, {@code %XX} as UTF-8).
	 * @param raw the raw name
	 * @param name the decoded name looked for
	 * @return whether one reading of {@code raw} is {@code name}
	 */
	static boolean couldDecodeTo(String raw, String name) {
		int length = raw.length();
		int width = name.length() + 1;
		// Bit i * width + j: raw[0, i) can read as name[0, j). Every step moves forward
		// in raw, so one pass in order of i visits every reachable state once.
		BitSet reached = new BitSet((length + 1) * width);
		reached.set(0);
		for (int i = 0; i < length; i++) {
			for (int state = reached.nextSetBit(i * width); state >= 0
					&& state < (i + 1) * width; state = reached.nextSetBit(state + 1)) {
				int j = state - i * width;
				char c = raw.charAt(i);
				if (c != '%') {
					if (j < name.length() && name.charAt(j) == ((c == '+') ? ' ' : c)) {
						reached.set((i + 1) * width + j + 1);
					}
				}
				else if (isHexPair(raw, i + 1)) {
					int end = i + 3;
					while (end < length && raw.charAt(end) == '%' && isHexPair(raw, end + 1)) {
						end += 3;
					}
					String decoded = decode(raw.substring(i, end));
					if (name.startsWith(decoded, j)) {
						reached.set(end * width + j + decoded.length());
					}
				}
				else {
					for (String reading : BAD_ESCAPE_READINGS) {
						if (name.startsWith(reading, j)) {
							for (int next = i + 1; next <= Math.min(i + 3, length); next++) {
								reached.set(next * width + j + reading.length());
							}
						}
					}
				}
			}
		}
		return reached.get(length * width + name.length());
	}

	private static boolean isHexPair(String raw, int start) {
		return start + 1 < raw.length() && HexFormat.isHexDigit(raw.charAt(start))
				&& HexFormat.isHexDigit(raw.charAt(start + 1));
	}

}
