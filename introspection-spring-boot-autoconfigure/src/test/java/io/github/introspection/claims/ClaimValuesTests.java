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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClaimValues}.
 */
class ClaimValuesTests {

	@Test
	void toTextWhenStringThenReturnsItUnquoted() {
		assertThat(ClaimValues.toText("a \"b\"")).isEqualTo("a \"b\"");
		assertThat(ClaimValues.toText(new StringBuilder("sb"))).isEqualTo("sb");
	}

	@Test
	void toTextWhenBooleanThenReturnsJsonLiteral() {
		assertThat(ClaimValues.toText(true)).isEqualTo("true");
		assertThat(ClaimValues.toText(Boolean.FALSE)).isEqualTo("false");
	}

	@Test
	void toTextWhenIntegralNumberThenHasNoFraction() {
		assertThat(ClaimValues.toText(42)).isEqualTo("42");
		assertThat(ClaimValues.toText(-7L)).isEqualTo("-7");
		assertThat(ClaimValues.toText(new BigInteger("123456789012345678901234567890")))
			.isEqualTo("123456789012345678901234567890");
		assertThat(ClaimValues.toText(42.0)).isEqualTo("42");
		assertThat(ClaimValues.toText(-0.0)).isEqualTo("0");
		assertThat(ClaimValues.toText(3.0f)).isEqualTo("3");
		assertThat(ClaimValues.toText(1e15)).isEqualTo("1000000000000000");
		assertThat(ClaimValues.toText(new BigDecimal("42.000"))).isEqualTo("42");
		assertThat(ClaimValues.toText(new BigDecimal("1E+3"))).isEqualTo("1000");
	}

	@Test
	void toTextWhenFractionalNumberThenKeepsFraction() {
		assertThat(ClaimValues.toText(0.5)).isEqualTo("0.5");
		assertThat(ClaimValues.toText(0.1f)).isEqualTo("0.1");
		assertThat(ClaimValues.toText(new BigDecimal("19.90"))).isEqualTo("19.9");
		assertThat(ClaimValues.toText(1e20)).isEqualTo("1.0E20");
		assertThat(ClaimValues.toText(Double.NaN)).isEqualTo("NaN");
		assertThat(ClaimValues.toText(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
		assertThat(ClaimValues.toText(new BigDecimal("1E+1000"))).isEqualTo("1E+1000");
	}

	@Test
	void toTextWhenInstantThenReturnsEpochSeconds() {
		assertThat(ClaimValues.toText(Instant.ofEpochSecond(1700000000))).isEqualTo("1700000000");
		assertThat(ClaimValues.toText(Instant.ofEpochSecond(1700000000, 500_000_000))).isEqualTo("1700000000.5");
		assertThat(ClaimValues.toText(Instant.ofEpochSecond(-1, 500_000_000))).isEqualTo("-0.5");
	}

	@Test
	void toTextWhenUriThenReturnsItsText() {
		assertThat(ClaimValues.toText(URI.create("https://issuer.example"))).isEqualTo("https://issuer.example");
	}

	@Test
	void toScalarTextWhenNotScalarThenReturnsNull() {
		assertThat(ClaimValues.toScalarText(null)).isNull();
		assertThat(ClaimValues.toScalarText(List.of("a"))).isNull();
		assertThat(ClaimValues.toScalarText(Map.of("a", "b"))).isNull();
		assertThat(ClaimValues.toScalarText(new Object())).isNull();
		assertThat(ClaimValues.toScalarText(12)).isEqualTo("12");
	}

	@Test
	void isScalarWhenJsonScalarThenTrue() {
		assertThat(ClaimValues.isScalar("a")).isTrue();
		assertThat(ClaimValues.isScalar(1.5)).isTrue();
		assertThat(ClaimValues.isScalar(false)).isTrue();
		assertThat(ClaimValues.isScalar(Instant.EPOCH)).isTrue();
		assertThat(ClaimValues.isScalar(null)).isFalse();
		assertThat(ClaimValues.isScalar(List.of())).isFalse();
	}

	@Test
	void toTextWhenNotScalarThenFallsBackToToString() {
		assertThat(ClaimValues.toText(List.of("a", "b"))).isEqualTo("[a, b]");
	}

}
