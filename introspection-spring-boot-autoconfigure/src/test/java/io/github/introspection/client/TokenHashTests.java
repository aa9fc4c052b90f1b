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
