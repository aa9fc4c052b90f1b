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

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A claims rule function: {@code Equals}, {@code Prefix}, {@code Contains},
 * {@code SplitContains} or {@code OneOf}.
 * <p>
 * The claim is looked up by its {@link ClaimPath}. A missing or {@code null} claim never
 * matches, nor does a map (JSON object) claim. A scalar claim is compared through its
 * {@linkplain ClaimValues#toScalarText(Object) text form}. An array claim (a
 * {@link Collection} or Java array) matches when at least one of its scalar elements
 * matches; {@code null}, nested array and object elements are skipped.
 */
abstract class ClaimFunction implements ClaimsExpression {

	private final String name;

	private final ClaimPath path;

	ClaimFunction(String name, ClaimPath path) {
		this.name = name;
		this.path = path;
	}

	@Override
	public final boolean matches(Map<String, ?> claims) {
		Object value = this.path.resolve(claims);
		if (value == null || value instanceof Map) {
			return false;
		}
		if (value instanceof List<?> list && value instanceof RandomAccess) {
			for (int i = 0; i < list.size(); i++) {
				if (matchesElement(list.get(i))) {
					return true;
				}
			}
			return false;
		}
		if (value instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (matchesElement(element)) {
					return true;
				}
			}
			return false;
		}
		if (value.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				if (matchesElement(Array.get(value, i))) {
					return true;
				}
			}
			return false;
		}
		String text = ClaimValues.toScalarText(value);
		return text != null && matchesScalar(text);
	}

	private boolean matchesElement(@Nullable Object element) {
		String text = ClaimValues.toScalarText(element);
		return text != null && matchesElement(text);
	}

	/**
	 * Return whether the text form of a scalar claim matches.
	 * @param text the claim text
	 * @return whether it matches
	 */
	abstract boolean matchesScalar(String text);

	/**
	 * Return whether the text form of an array claim element matches. Defaults to
	 * {@link #matchesScalar(String)}.
	 * @param text the element text
	 * @return whether it matches
	 */
	boolean matchesElement(String text) {
		return matchesScalar(text);
	}

	abstract Stream<String> arguments();

	@Override
	public String toString() {
		return this.name + "("
				+ Stream.concat(Stream.of(this.path.toString()), arguments())
					.map((argument) -> "`" + argument + "`")
					.collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * {@code Equals(key, value)}: the claim (or any element of an array claim) equals the
	 * value.
	 */
	static final class EqualsFunction extends ClaimFunction {

		private final String value;

		EqualsFunction(ClaimPath path, String value) {
			super("Equals", path);
			this.value = value;
		}

		@Override
		boolean matchesScalar(String text) {
			return text.equals(this.value);
		}

		@Override
		Stream<String> arguments() {
			return Stream.of(this.value);
		}

	}

	/**
	 * {@code Prefix(key, value)}: the claim (or any element of an array claim) starts
	 * with the value.
	 */
	static final class PrefixFunction extends ClaimFunction {

		private final String prefix;

		PrefixFunction(ClaimPath path, String prefix) {
			super("Prefix", path);
			this.prefix = prefix;
		}

		@Override
		boolean matchesScalar(String text) {
			return text.startsWith(this.prefix);
		}

		@Override
		Stream<String> arguments() {
			return Stream.of(this.prefix);
		}

	}

	/**
	 * {@code Contains(key, value)}: a scalar claim contains the value as a substring; an
	 * array claim has an element equal to the value.
	 */
	static final class ContainsFunction extends ClaimFunction {

		private final String value;

		ContainsFunction(ClaimPath path, String value) {
			super("Contains", path);
			this.value = value;
		}

		@Override
		boolean matchesScalar(String text) {
			return text.contains(this.value);
		}

		@Override
		boolean matchesElement(String text) {
			return text.equals(this.value);
		}

		@Override
		Stream<String> arguments() {
			return Stream.of(this.value);
		}

	}

	/**
	 * {@code SplitContains(key, separator, value)}: the claim split on the separator has
	 * a part equal to the value. For an array claim, any element is split likewise. Scans
	 * the claim in place without allocating the parts.
	 */
	static final class SplitContainsFunction extends ClaimFunction {

		private final String separator;

		private final String value;

		SplitContainsFunction(ClaimPath path, String separator, String value) {
			super("SplitContains", path);
			this.separator = separator;
			this.value = value;
		}

		@Override
		boolean matchesScalar(String text) {
			int start = 0;
			while (true) {
				int end = text.indexOf(this.separator, start);
				int partEnd = (end < 0) ? text.length() : end;
				if (partEnd - start == this.value.length()
						&& text.regionMatches(start, this.value, 0, this.value.length())) {
					return true;
				}
				if (end < 0) {
					return false;
				}
				start = end + this.separator.length();
			}
		}

		@Override
		Stream<String> arguments() {
			return Stream.of(this.separator, this.value);
		}

	}

	/**
	 * {@code OneOf(key, value...)}: the claim (or any element of an array claim) equals
	 * one of the values.
	 */
	static final class OneOfFunction extends ClaimFunction {

		private final List<String> values;

		private final Set<String> valueSet;

		OneOfFunction(ClaimPath path, List<String> values) {
			super("OneOf", path);
			this.values = List.copyOf(values);
			this.valueSet = Set.copyOf(values);
		}

		@Override
		boolean matchesScalar(String text) {
			return this.valueSet.contains(text);
		}

		@Override
		Stream<String> arguments() {
			return this.values.stream();
		}

	}

}
