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

package io.github.introspection.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A path to a (possibly nested) claim, such as {@code realm_access.roles}. Segments are
 * separated by {@code .}; inside a segment {@code \.} stands for a literal dot and
 * {@code \\} for a backslash (for example {@code https://example\.com/roles} is a single
 * segment). No other escapes are allowed and segments must not be empty.
 * <p>
 * Instances are immutable and thread-safe. The path is split once at parse time, so
 * {@link #resolve(Map)} does not allocate.
 */
public final class ClaimPath {

	private final String path;

	private final String[] segments;

	private ClaimPath(String path, String[] segments) {
		this.path = path;
		this.segments = segments;
	}

	/**
	 * Parse a dotted claim path.
	 * @param path the path text, for example {@code user.name} or {@code a\.b}
	 * @return the parsed path
	 * @throws IllegalArgumentException if the path is {@code null}, empty, has an empty
	 * segment or contains an escape other than {@code \.} and {@code \\}
	 */
	public static ClaimPath parse(String path) {
		Assert.notNull(path, "Claim path must not be null");
		return new ClaimPath(path, split(path));
	}

	private static String[] split(String path) {
		if (path.isEmpty()) {
			throw new InvalidClaimPathException(path, 0, "expected a claim name but the path is empty");
		}
		List<String> segments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '\\') {
				if (i + 1 == path.length()) {
					throw new InvalidClaimPathException(path, i,
							"expected '\\.' or '\\\\' but found '\\' at the end of the path");
				}
				char next = path.charAt(i + 1);
				if (next != '.' && next != '\\') {
					throw new InvalidClaimPathException(path, i,
							"expected '\\.' or '\\\\' but found invalid escape '\\" + next + "'");
				}
				current.append(next);
				i++;
			}
			else if (c == '.') {
				if (current.length() == 0) {
					throw new InvalidClaimPathException(path, i,
							"expected a claim name before '.' but found empty segment");
				}
				segments.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		if (current.length() == 0) {
			throw new InvalidClaimPathException(path, path.length() - 1,
					"expected a claim name after '.' but found end of path");
		}
		segments.add(current.toString());
		return segments.toArray(new String[0]);
	}

	/**
	 * Return the value at this path, walking nested maps.
	 * @param claims the claims to read
	 * @return the value, or {@code null} if a segment is missing, a value on the way is
	 * not a map, or the value itself is {@code null}
	 */
	public @Nullable Object resolve(Map<String, ?> claims) {
		Object current = claims;
		for (String segment : this.segments) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			try {
				current = map.get(segment);
			}
			catch (ClassCastException | NullPointerException ex) {
				// A map with a key type that cannot hold this segment
				return null;
			}
		}
		return current;
	}

	/**
	 * Return the unescaped segments of this path.
	 * @return an unmodifiable list of segments, never empty
	 */
	public List<String> getSegments() {
		return List.of(this.segments);
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (this == obj) || (obj instanceof ClaimPath other && Arrays.equals(this.segments, other.segments));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.segments);
	}

	/**
	 * Return the original path text, escapes included.
	 * @return the path text
	 */
	@Override
	public String toString() {
		return this.path;
	}

}
