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

package io.github.introspection.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QueryParameters}.
 */
class QueryParametersTests {

	@Test
	void valuesWhenAnotherNameIsBadlyEncodedThenItIsSkipped() {
		assertThat(QueryParameters.values("bad%zz=1", "access_token")).isEmpty();
		assertThat(QueryParameters.values("bad%zz=1&access_token=abc&%=2&x%2=3", "access_token"))
			.containsExactly("abc");
	}

	@Test
	void valuesWhenAnotherNameIsBadlyEncodedThenItsValueIsNotRead() {
		assertThat(QueryParameters.values("bad%zz=%zz&access_token=abc", "access_token")).containsExactly("abc");
	}

	@Test
	void valuesWhenABadlyEncodedNameCouldBeTheParameterThenIllegalArgumentException() {
		for (String query : new String[] { "access_token=abc&access_token%zz=other", "access_token%=other",
				"access%_token=other", "%zzaccess_token=other", "access_token%2", "access_%zztoken",
				"access%5Ftoken%=other" }) {
			assertThatIllegalArgumentException().as(query)
				.isThrownBy(() -> QueryParameters.values(query, "access_token"))
				.withMessageNotContaining("other")
				.withMessageNotContaining("abc");
		}
	}

	@Test
	void valuesWhenTheParameterIsBadlyEncodedThenIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueryParameters.values("access_token=a%zz", "access_token"));
	}

	@Test
	void couldDecodeToTriesEveryReadingOfABadEscape() {
		// kept as it is
		assertThat(QueryParameters.couldDecodeTo("a%zzb", "a%zzb")).isTrue();
		// dropped alone, with one or with two characters after it
		assertThat(QueryParameters.couldDecodeTo("a%zzb", "azzb")).isTrue();
		assertThat(QueryParameters.couldDecodeTo("a%zzb", "azb")).isTrue();
		assertThat(QueryParameters.couldDecodeTo("a%zzb", "ab")).isTrue();
		// replaced by U+FFFD
		assertThat(QueryParameters.couldDecodeTo("a%zzb", "a\uFFFDzzb")).isTrue();
		assertThat(QueryParameters.couldDecodeTo("a%zzb", "a\uFFFDb")).isTrue();
		// the rest decoded as usual
		assertThat(QueryParameters.couldDecodeTo("access%5Ftoken%", "access_token")).isTrue();
		assertThat(QueryParameters.couldDecodeTo("a+b%", "a b")).isTrue();
		assertThat(QueryParameters.couldDecodeTo("%C3%A9t%C3%A9%z", "\u00e9t\u00e9")).isTrue();
	}

	@Test
	void couldDecodeToIsFalseWhenNoReadingGivesTheName() {
		assertThat(QueryParameters.couldDecodeTo("bad%zz", "access_token")).isFalse();
		assertThat(QueryParameters.couldDecodeTo("%zz", "access_token")).isFalse();
		assertThat(QueryParameters.couldDecodeTo("%", "access_token")).isFalse();
		assertThat(QueryParameters.couldDecodeTo("access_token%zz", "access_toke")).isFalse();
		assertThat(QueryParameters.couldDecodeTo("xaccess_token%", "access_token")).isFalse();
		assertThat(QueryParameters.couldDecodeTo("access%zzzztoken", "access_token")).isFalse();
		assertThat(QueryParameters.couldDecodeTo("ACCESS_TOKEN%", "access_token")).isFalse();
	}

	@Test
	void couldDecodeToStaysFastOnManyBadEscapes() {
		String raw = "%".repeat(64 * 1024) + "access_token";
		assertThat(QueryParameters.couldDecodeTo(raw, "access_token")).isTrue();
		assertThat(QueryParameters.couldDecodeTo(raw + "x", "access_token")).isFalse();
	}

	@Test
	void containsAndRedactWhenABadlyEncodedNameCouldBeTheParameterThenItCounts() {
		assertThat(QueryParameters.contains("page=1&access_token%zz=s3cr3t", "access_token")).isTrue();
		assertThat(QueryParameters.redact("page=1&access_token%zz=s3cr3t", "access_token"))
			.isEqualTo("page=1&access_token%zz=redacted");
		assertThat(QueryParameters.remove("page=1&access_token%zz=s3cr3t", "access_token")).isEqualTo("page=1");
	}

	@Test
	void containsAndRedactWhenABadlyEncodedNameCannotBeTheParameterThenItIsLeftAlone() {
		assertThat(QueryParameters.contains("page=1&bad%zz=1", "access_token")).isFalse();
		assertThat(QueryParameters.redact("bad%zz=1&access_token=s3cr3t", "access_token"))
			.isEqualTo("bad%zz=1&access_token=redacted");
		assertThat(QueryParameters.remove("bad%zz=1&access_token=s3cr3t", "access_token")).isEqualTo("bad%zz=1");
	}

}
