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

import java.util.Arrays;
import java.util.HexFormat;

import io.github.introspection.client.TokenHash;
import org.jspecify.annotations.Nullable;

/**
 * The key of a cached introspection answer: the SHA-256 of the token (its HMAC under the
 * shared secret when the shared tier is on) and the identity of the introspection
 * endpoint. The raw token is never kept.
 */
final class CacheKey {

	private final String endpoint;

	private final byte[] tokenHash;

	private final int hashCode;

	private CacheKey(String endpoint, byte[] tokenHash) {
		this.endpoint = endpoint;
		this.tokenHash = tokenHash;
		// The digest is uniformly distributed: its first four bytes are a good hash.
		this.hashCode = 31 * endpoint.hashCode() + ((tokenHash[0] & 0xFF) << 24 | (tokenHash[1] & 0xFF) << 16
				| (tokenHash[2] & 0xFF) << 8 | (tokenHash[3] & 0xFF));
	}

	static CacheKey of(String endpoint, String token) {
		return new CacheKey(endpoint, TokenHash.sha256(token));
	}

	static CacheKey of(String endpoint, byte[] digest) {
		return new CacheKey(endpoint, digest.clone());
	}

	byte[] tokenHash() {
		return this.tokenHash.clone();
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		return (obj instanceof CacheKey other) && this.hashCode == other.hashCode
				&& Arrays.equals(this.tokenHash, other.tokenHash) && this.endpoint.equals(other.endpoint);
	}

	@Override
	public int hashCode() {
		return this.hashCode;
	}

	@Override
	public String toString() {
		return "CacheKey [endpoint=" + this.endpoint + ", sha256=" + HexFormat.of().formatHex(this.tokenHash, 0, 8)
				+ "...]";
	}

}
