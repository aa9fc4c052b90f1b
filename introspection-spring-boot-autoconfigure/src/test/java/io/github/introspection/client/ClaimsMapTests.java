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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClaimsMap}.
 */
class ClaimsMapTests {

	private static final ClaimsMap.Names NAMES = new ClaimsMap.Names(new String[] { "sub", "none", "scope" });

	private final ClaimsMap claims = new ClaimsMap(NAMES, new Object[] { "alice", null, "read" });

	@Test
	void getWhenNamedThenItsValue() {
		assertThat(this.claims.get("sub")).isEqualTo("alice");
		assertThat(this.claims.get("scope")).isEqualTo("read");
		assertThat(this.claims.get("missing")).isNull();
		assertThat(this.claims.get(42)).isNull();
	}

	@Test
	void containsKeyWhenNullValueThenTrue() {
		assertThat(this.claims.containsKey("none")).isTrue();
		assertThat(this.claims.get("none")).isNull();
		assertThat(this.claims.containsKey("missing")).isFalse();
		assertThat(this.claims.containsValue(null)).isTrue();
	}

	@Test
	void iterationKeepsTheAnswersOrder() {
		assertThat(this.claims.keySet()).containsExactly("sub", "none", "scope");
		assertThat(this.claims.values()).containsExactly("alice", null, "read");
		assertThat(this.claims).hasSize(3);
	}

	@Test
	void equalsAndHashCodeAreThoseOfAMap() {
		Map<String, Object> same = new LinkedHashMap<>();
		same.put("scope", "read");
		same.put("sub", "alice");
		same.put("none", null);
		assertThat(this.claims).isEqualTo(same);
		assertThat(same).isEqualTo(this.claims);
		assertThat(this.claims).hasSameHashCodeAs(same);
		assertThat(this.claims).isNotEqualTo(Map.of("sub", "alice"));
	}

	@Test
	void entriesCannotBeChanged() {
		Map.Entry<String, Object> first = this.claims.entrySet().iterator().next();
		assertThat(first.getKey()).isEqualTo("sub");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> first.setValue("mallory"));
	}

	@Test
	void createWhenNamesAndValuesDisagreeThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClaimsMap(NAMES, new Object[] { "alice" }));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClaimsMap.Names(new String[] { "sub", "sub" }));
	}

	@Test
	void answersWithTheSameNamesShareThem() {
		ClaimsMap other = new ClaimsMap(NAMES, new Object[] { "bob", 1, "write" });
		assertThat(other.get("sub")).isEqualTo("bob");
		assertThat(Arrays.asList(other.get("none"), this.claims.get("none"))).containsExactly(1, null);
	}

}
