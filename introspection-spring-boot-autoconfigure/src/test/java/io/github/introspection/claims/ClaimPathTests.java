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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClaimPath}.
 */
class ClaimPathTests {

	private static final Map<String, Object> CLAIMS = Map.of("sub", "alice", "user",
			Map.of("name", "Alice", "address", Map.of("city", "Paris")), "https://example.com/roles", List.of("editor"),
			"dom\\user", "x", "a.b", Map.of("c", 1));

	@Test
	void parseWhenSingleSegmentThenHasOneSegment() {
		assertThat(ClaimPath.parse("sub").getSegments()).containsExactly("sub");
	}

	@Test
	void parseWhenDottedThenSplitsSegments() {
		assertThat(ClaimPath.parse("user.address.city").getSegments()).containsExactly("user", "address", "city");
	}

	@Test
	void parseWhenEscapedDotOrBackslashThenUnescapesInSegment() {
		assertThat(ClaimPath.parse("https://example\\.com/roles").getSegments())
			.containsExactly("https://example.com/roles");
		assertThat(ClaimPath.parse("dom\\\\user").getSegments()).containsExactly("dom\\user");
		assertThat(ClaimPath.parse("a\\\\.b").getSegments()).containsExactly("a\\", "b");
		assertThat(ClaimPath.parse("a\\..b").getSegments()).containsExactly("a.", "b");
		assertThat(ClaimPath.parse("\\.").getSegments()).containsExactly(".");
	}

	@Test
	void parseWhenSegmentHasSpacesOrSymbolsThenKeepsThem() {
		assertThat(ClaimPath.parse(" a b .c:d/e").getSegments()).containsExactly(" a b ", "c:d/e");
	}

	@Test
	void parseWhenPathIsInvalidThenThrowsIllegalArgumentExceptionNamingThePath() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse(null));
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse(""))
			.withMessage("Invalid claim path \"\" at index 0: expected a claim name but the path is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("a..b"))
			.withMessage("Invalid claim path \"a..b\" at index 2: "
					+ "expected a claim name before '.' but found empty segment");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse(".a"))
			.withMessageContaining("at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("a."))
			.withMessageContaining("at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("a\\b"))
			.withMessage("Invalid claim path \"a\\b\" at index 1: "
					+ "expected '\\.' or '\\\\' but found invalid escape '\\b'");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("a\\"))
			.withMessageContaining("at index 1");
	}

	@Test
	void resolveWhenClaimExistsThenReturnsValue() {
		assertThat(ClaimPath.parse("sub").resolve(CLAIMS)).isEqualTo("alice");
		assertThat(ClaimPath.parse("user.address.city").resolve(CLAIMS)).isEqualTo("Paris");
		assertThat(ClaimPath.parse("user.address").resolve(CLAIMS)).isEqualTo(Map.of("city", "Paris"));
		assertThat(ClaimPath.parse("https://example\\.com/roles").resolve(CLAIMS)).isEqualTo(List.of("editor"));
		assertThat(ClaimPath.parse("dom\\\\user").resolve(CLAIMS)).isEqualTo("x");
		assertThat(ClaimPath.parse("a\\.b.c").resolve(CLAIMS)).isEqualTo(1);
	}

	@Test
	void resolveWhenClaimIsMissingOrPathCrossesNonObjectThenReturnsNull() {
		assertThat(ClaimPath.parse("missing").resolve(CLAIMS)).isNull();
		assertThat(ClaimPath.parse("user.missing.city").resolve(CLAIMS)).isNull();
		assertThat(ClaimPath.parse("sub.length").resolve(CLAIMS)).isNull();
		assertThat(ClaimPath.parse("https://example\\.com/roles.0").resolve(CLAIMS)).isNull();
		assertThat(ClaimPath.parse("a.b.c").resolve(CLAIMS)).isNull();
	}

	@Test
	void toStringReturnsOriginalText() {
		assertThat(ClaimPath.parse("https://example\\.com/roles")).hasToString("https://example\\.com/roles");
	}

	@Test
	void equalsComparesSegments() {
		assertThat(ClaimPath.parse("a.b")).isEqualTo(ClaimPath.parse("a.b"))
			.hasSameHashCodeAs(ClaimPath.parse("a.b"))
			.isNotEqualTo(ClaimPath.parse("a\\.b"));
	}

}
