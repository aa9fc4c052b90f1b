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

import java.util.List;
import java.util.Map;

/**
 * Hands back an equal value seen recently in place of a new one, so that the answers held
 * in the cache share what most tokens repeat (claim names, issuers, scopes, roles, nested
 * role objects) instead of each holding its own copy.
 * <p>
 * A fixed table indexed by hash, where the newest value takes its slot: it never holds
 * more than {@value #SLOTS} values, a value seen once costs no memory beyond its slot,
 * and a value that repeats across answers keeps finding its slot. Only immutable values
 * go in (strings, and the {@code List.copyOf}/{@code Map.copyOf} collections of the
 * parser), so a racy read of a slot always sees a complete value. Strings longer than
 * {@value #MAX_STRING_LENGTH} characters and collections holding more than
 * {@value #MAX_COLLECTION_WEIGHT} values in all (nested ones included) are not shared,
 * nor are the names of an answer with more than {@value #MAX_CLAIM_NAMES} claims, which
 * bounds what the table keeps alive.
 */
final class SharedValues {

	static final int MAX_STRING_LENGTH = 64;

	static final int MAX_COLLECTION_WEIGHT = 32;

	static final int MAX_CLAIM_NAMES = 128;

	private static final int SLOTS = 1024;

	private final Object[] slots = new Object[SLOTS];

	String share(String value) {
		return (value.length() <= MAX_STRING_LENGTH) ? shareValue(value) : value;
	}

	/**
	 * Shares an immutable list whose elements are already shared.
	 * @param value a {@code List.copyOf} list
	 * @return an equal list
	 */
	<T> List<T> share(List<T> value) {
		return (weight(value, 0) <= MAX_COLLECTION_WEIGHT) ? shareValue(value) : value;
	}

	/**
	 * Shares an immutable map whose values are already shared.
	 * @param value a {@code Map.copyOf} map
	 * @return an equal map
	 */
	<V> Map<String, V> share(Map<String, V> value) {
		return (weight(value, 0) <= MAX_COLLECTION_WEIGHT) ? shareValue(value) : value;
	}

	// The number of values in a claim, nested ones included, counted up to just past the
	// limit.
	private static int weight(Object value, int counted) {
		int weight = counted + 1;
		if (value instanceof Map<?, ?> map) {
			value = map.values();
		}
		if (value instanceof Iterable<?> values) {
			for (Object element : values) {
				if (weight > MAX_COLLECTION_WEIGHT) {
					break;
				}
				weight = (element != null) ? weight(element, weight) : weight + 1;
			}
		}
		return weight;
	}

	/**
	 * Shares the claim names of an answer.
	 * @param value the names
	 * @return equal names
	 */
	ClaimsMap.Names share(ClaimsMap.Names value) {
		return (value.size() <= MAX_CLAIM_NAMES) ? shareValue(value) : value;
	}

	@SuppressWarnings("unchecked")
	private <T> T shareValue(T value) {
		int hash = value.hashCode();
		int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
		Object seen = this.slots[slot];
		if (seen != null && seen.getClass() == value.getClass() && seen.equals(value)) {
			return (T) seen;
		}
		this.slots[slot] = value;
		return value;
	}

}
