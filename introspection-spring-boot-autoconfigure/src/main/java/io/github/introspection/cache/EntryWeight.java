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

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * An upper estimate of the heap bytes a cache entry holds, for the cache's weight bound.
 * It counts every claim as if nothing were shared between answers (claim names and
 * repeated values are in fact shared) and every string as two bytes a character, so that
 * the bound holds whatever the answers look like.
 */
final class EntryWeight {

	/**
	 * The cache node, key, future, entry, principal, ready authentication and authority
	 * list of one answer, beyond its claims (about 1 KB measured with
	 * {@code benchmarks/}'s {@code HeapPerEntry}, rounded up).
	 */
	static final long ENTRY_OVERHEAD = 1024;

	/**
	 * What an inactive answer holds: the cache node, key, future and entry.
	 */
	static final long INACTIVE = 256;

	private static final long REFERENCE = 8;

	private static final long OBJECT = 16;

	private EntryWeight() {
	}

	static long of(OAuth2AuthenticatedPrincipal principal) {
		long bytes = ENTRY_OVERHEAD + value(principal.getAttributes());
		for (GrantedAuthority authority : principal.getAuthorities()) {
			bytes += REFERENCE + OBJECT + value(authority.getAuthority());
		}
		return bytes;
	}

	private static long value(@Nullable Object value) {
		if (value instanceof String string) {
			// header, array header, two bytes a character at most
			return 24 + 16 + 2L * string.length();
		}
		if (value instanceof Map<?, ?> map) {
			long bytes = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				bytes += 32 + value(entry.getKey()) + value(entry.getValue());
			}
			return bytes;
		}
		if (value instanceof Collection<?> collection) {
			long bytes = 32;
			for (Object element : collection) {
				bytes += REFERENCE + value(element);
			}
			return bytes;
		}
		// a number, a boolean, an instant, a JSON null
		return (value != null) ? 32 : 0;
	}

}
