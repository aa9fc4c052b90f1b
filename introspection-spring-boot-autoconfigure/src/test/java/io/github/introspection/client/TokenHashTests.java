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

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenHash}.
 */
class TokenHashTests {

	@Test
	void sha256ThenIsTheDigestOfTheUtf8Bytes() {
		assertThat(HexFormat.of().formatHex(TokenHash.sha256("abc")))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void fingerprintThenIsTheFirstEightBytesInHex() {
		assertThat(TokenHash.fingerprint("abc")).isEqualTo("ba7816bf8f01cfea");
		assertThat(TokenHash.fingerprint("abd")).hasSize(16).isNotEqualTo(TokenHash.fingerprint("abc"));
	}

}
