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

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The claims of one answer, in the answer's order, read-only (the parser hands it out
 * behind {@link java.util.Collections#unmodifiableMap}, which refuses every change): the
 * claim names (and the index to find them) are shared by every answer with the same
 * names, so each answer holds only an array of its values. A cached Keycloak-sized answer
 * then costs about a quarter of what a general map would for its structure. A JSON
 * {@code null} is kept as a {@code null} value, told apart from a missing claim by
 * {@link #containsKey}.
 */
final class ClaimsMap extends AbstractMap<String, @Nullable Object> {

	private final Names names;

	private final @Nullable Object[] values;

	ClaimsMap(Names names, @Nullable Object[] values) {
		if (names.names.length != values.length) {
			throw new IllegalArgumentException("One value is needed per name");
		}
		this.names = names;
		this.values = values;
	}

	@Override
	public int size() {
		return this.values.length;
	}

	@Override
	public boolean containsKey(Object key) {
		return this.names.indexOf(key) >= 0;
	}

	@Override
	public @Nullable Object get(Object key) {
		int index = this.names.indexOf(key);
		return (index >= 0) ? this.values[index] : null;
	}

	@Override
	public Set<Entry<String, @Nullable Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public int size() {
				return ClaimsMap.this.values.length;
			}

			@Override
			public Iterator<Entry<String, @Nullable Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < ClaimsMap.this.values.length;
					}

					@Override
					public Entry<String, @Nullable Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int index = this.next++;
						return new SimpleImmutableEntry<>(ClaimsMap.this.names.names[index],
								ClaimsMap.this.values[index]);
					}

				};
			}

		};
	}

	/**
	 * The names of an answer's claims, in order, with their index: one instance serves
	 * every answer that has these names.
	 */
	static final class Names {

		private final String[] names;

		private final Map<String, Integer> index;

		Names(String[] names) {
			this.names = names;
			this.index = new HashMap<>(names.length * 2);
			for (int i = 0; i < names.length; i++) {
				if (this.index.put(names[i], i) != null) {
					throw new IllegalArgumentException("Claim names must be distinct");
				}
			}
		}

		int size() {
			return this.names.length;
		}

		private int indexOf(Object name) {
			Integer index = this.index.get(name);
			return (index != null) ? index : -1;
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof Names that) && Arrays.equals(this.names, that.names);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.names);
		}

	}

}
