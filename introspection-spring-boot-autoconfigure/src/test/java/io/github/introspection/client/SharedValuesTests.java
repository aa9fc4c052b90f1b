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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedValues}.
 */
class SharedValuesTests {

	private final SharedValues shared = new SharedValues();

	@Test
	void shareWhenEqualStringSeenBeforeThenThatInstance() {
		String first = this.shared.share(new String("https://idp.example/realms/r"));
		String second = this.shared.share(new String("https://idp.example/realms/r"));
		assertThat(second).isSameAs(first);
	}

	@Test
	void shareWhenStringIsLongThenNotKept() {
		String longValue = "x".repeat(SharedValues.MAX_STRING_LENGTH + 1);
		String first = this.shared.share(new String(longValue));
		assertThat(this.shared.share(new String(longValue))).isNotSameAs(first).isEqualTo(first);
	}

	@Test
	void shareWhenEqualCollectionsSeenBeforeThenThatInstance() {
		List<String> roles = this.shared.share(List.of("reader", "writer"));
		assertThat(this.shared.share(List.copyOf(new ArrayList<>(roles)))).isSameAs(roles);
		Map<String, List<String>> access = this.shared.share(Map.of("roles", roles));
		assertThat(this.shared.share(Map.of("roles", List.of("reader", "writer")))).isSameAs(access);
	}

	@Test
	void shareWhenCollectionHoldsTooManyValuesThenNotKept() {
		List<Integer> flat = numbers(SharedValues.MAX_COLLECTION_WEIGHT);
		assertThat(this.shared.share(List.copyOf(flat))).isNotSameAs(this.shared.share(List.copyOf(flat)));
		// few elements, but many values nested in them
		List<List<Integer>> nested = this.shared.share(List.of(numbers(20), numbers(20)));
		assertThat(this.shared.share(List.of(numbers(20), numbers(20)))).isNotSameAs(nested).isEqualTo(nested);
	}

	@Test
	void shareWhenDifferentValuesMeetInOneSlotThenEachStaysItself() {
		// whatever slot they land in, unequal values are never swapped for each other
		for (int i = 0; i < 5_000; i++) {
			assertThat(this.shared.share("value-" + i)).isEqualTo("value-" + i);
		}
		assertThat(this.shared.share(List.of(1))).isEqualTo(List.of(1));
		assertThat(this.shared.share(List.of("1"))).isEqualTo(List.of("1"));
	}

	@Test
	void shareWhenEqualClaimNamesThenThatInstance() {
		ClaimsMap.Names names = this.shared.share(new ClaimsMap.Names(new String[] { "active", "sub" }));
		assertThat(this.shared.share(new ClaimsMap.Names(new String[] { "active", "sub" }))).isSameAs(names);
		assertThat(this.shared.share(new ClaimsMap.Names(new String[] { "sub", "active" }))).isNotSameAs(names);
	}

	@Test
	void shareWhenManyClaimNamesThenNotKept() {
		String[] many = new String[SharedValues.MAX_CLAIM_NAMES + 1];
		for (int i = 0; i < many.length; i++) {
			many[i] = "claim" + i;
		}
		ClaimsMap.Names first = this.shared.share(new ClaimsMap.Names(many));
		assertThat(this.shared.share(new ClaimsMap.Names(many.clone()))).isNotSameAs(first).isEqualTo(first);
	}

	private static List<Integer> numbers(int count) {
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			numbers.add(i);
		}
		return numbers;
	}

}
