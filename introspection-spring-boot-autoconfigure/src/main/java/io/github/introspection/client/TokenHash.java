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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a token, the only form in which a token may appear in a log line, a cache
 * key or an exception message.
 */
public final class TokenHash {

	// Cloning a ready digest is cheaper than a provider look-up on every request.
	private static final MessageDigest SHA_256 = newDigest();

	private TokenHash() {
	}

	/**
	 * The SHA-256 digest of the token's UTF-8 bytes.
	 * @param token the token
	 * @return the 32-byte digest
	 */
	public static byte[] sha256(String token) {
		MessageDigest digest;
		try {
			digest = (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			digest = newDigest();
		}
		return digest.digest(token.getBytes(StandardCharsets.UTF_8));
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A short hexadecimal fingerprint of the token (the first 8 bytes of its SHA-256),
	 * enough to correlate log lines.
	 * @param token the token
	 * @return 16 hexadecimal characters
	 */
	public static String fingerprint(String token) {
		return HexFormat.of().formatHex(sha256(token), 0, 8);
	}

}
