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

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The shared tier's secret: strength, MAC, sealing.
 */
class CacheSecretTests {

	private static final String SECRET = "k7Hq2ZpX9vLr4NwC8sTy1BmF6gJd3QeU5aKo0iVx";

	private final CacheSecret secret = CacheSecret.of(SECRET);

	@Test
	void isStrongWhenLongAndRandomOnly() {
		assertThat(CacheSecret.isStrong(SECRET)).isTrue();
		assertThat(CacheSecret.isStrong("q0t5r0cXcS2pd3uW0yGZ7Xn1m6V4pQ9bK2YdL8fJ3hA=")).isTrue();
		assertThat(CacheSecret.isStrong(null)).isFalse();
		assertThat(CacheSecret.isStrong("Short-but-random-9x!Q")).isFalse();
		assertThat(CacheSecret.isStrong("a".repeat(64))).isFalse();
		assertThat(CacheSecret.isStrong("passwordpasswordpasswordpassword")).isFalse();
		assertThat(CacheSecret.isStrong("abcdefgh".repeat(4))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> CacheSecret.of("a".repeat(64)));
	}

	@Test
	void macDependsOnTheSecretAndOnHowThePartsAreSplit() {
		assertThat(this.secret.mac("ab", "c")).isEqualTo(CacheSecret.of(SECRET).mac("ab", "c"))
			.isNotEqualTo(this.secret.mac("a", "bc"))
			.isNotEqualTo(CacheSecret.of(new StringBuilder(SECRET).reverse().toString()).mac("ab", "c"))
			.hasSize(32);
	}

	@Test
	void aSealedValueOpensOnlyUnderItsSecretAndContextUnaltered() {
		byte[] plain = "{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
		byte[] context = "key-1".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = this.secret.seal(plain, context);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("alice");
		assertThat(this.secret.seal(plain, context)).isNotEqualTo(sealed);
		assertThat(this.secret.open(sealed, context)).isEqualTo(plain);
		assertThat(this.secret.open(sealed, "key-2".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(CacheSecret.of(new StringBuilder(SECRET).reverse().toString()).open(sealed, context)).isNull();
		for (int i = 0; i < sealed.length; i++) {
			byte[] altered = sealed.clone();
			altered[i] ^= 0x10;
			assertThat(this.secret.open(altered, context)).as("byte %d altered", i).isNull();
		}
		assertThat(this.secret.open(new byte[3], context)).isNull();
	}

	@Test
	void toStringShowsNoSecret() {
		assertThat(this.secret.toString()).doesNotContain(SECRET);
	}

}
