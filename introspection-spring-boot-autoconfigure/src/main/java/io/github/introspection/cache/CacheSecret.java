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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A secret shared by every replica, from which the shared tier derives (HKDF-SHA-256, RFC
 * 5869, with distinct labels) two keys: one for the HMAC-SHA-256 of tokens and claim
 * values that name Redis keys, one for the AES-256-GCM sealing of values. A reader of
 * Redis without the secret learns no token and no claim, and cannot forge or alter a
 * value unnoticed.
 */
public final class CacheSecret {

	/**
	 * The fewest bytes a secret may have.
	 */
	public static final int MIN_BYTES = 32;

	private static final String HMAC = "HmacSHA256";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	// The format of a sealed value: its first byte, so that a later format can be told
	// apart.
	private static final byte VERSION = 1;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Mac keyMac;

	private final SecretKeySpec valueKey;

	private CacheSecret(byte[] secret) {
		byte[] prk = hmac(new SecretKeySpec("introspection-cache-v1".getBytes(StandardCharsets.US_ASCII), HMAC),
				secret);
		SecretKeySpec extracted = new SecretKeySpec(prk, HMAC);
		this.keyMac = mac(new SecretKeySpec(expand(extracted, "key-mac"), HMAC));
		this.valueKey = new SecretKeySpec(expand(extracted, "value-encryption"), "AES");
	}

	/**
	 * The keys of a secret.
	 * @param secret the secret: at least {@value #MIN_BYTES} bytes (in UTF-8) of high
	 * entropy
	 * @return the keys
	 * @throws IllegalArgumentException if the secret is weak (see {@link #isStrong})
	 */
	public static CacheSecret of(String secret) {
		Assert.isTrue(isStrong(secret), "secret must have at least 32 bytes of high entropy");
		return new CacheSecret(secret.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Whether a secret is strong enough: at least {@value #MIN_BYTES} bytes in UTF-8, at
	 * least 12 distinct characters and an estimated entropy (Shannon, over its
	 * characters) of at least 128 bits. A random secret of 32 bytes or more, in Base64 or
	 * hexadecimal, passes; a repeated word does not.
	 * @param secret the secret
	 * @return whether it is strong enough
	 */
	public static boolean isStrong(@Nullable String secret) {
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
			return false;
		}
		Map<Integer, Integer> counts = new HashMap<>();
		secret.codePoints().forEach((c) -> counts.merge(c, 1, Integer::sum));
		if (counts.size() < 12) {
			return false;
		}
		double length = secret.codePointCount(0, secret.length());
		double bitsPerChar = 0;
		for (int count : counts.values()) {
			double p = count / length;
			bitsPerChar -= p * (Math.log(p) / Math.log(2));
		}
		return bitsPerChar * length >= 128;
	}

	/**
	 * The HMAC-SHA-256 of some parts, each preceded by its length (so that no two lists
	 * of parts give the same input).
	 * @param parts the parts
	 * @return the 32-byte MAC
	 */
	public byte[] mac(String... parts) {
		Mac mac = copy(this.keyMac);
		for (String part : parts) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
			mac.update(bytes);
		}
		return mac.doFinal();
	}

	/**
	 * Seals a value with AES-GCM and a random nonce, bound to {@code context} (its
	 * associated data, typically the Redis key).
	 * @param plaintext the value
	 * @param context the associated data
	 * @return version, nonce, ciphertext and tag
	 */
	public byte[] seal(byte[] plaintext, byte[] context) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.valueKey, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context);
			byte[] sealed = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
			sealed[0] = VERSION;
			System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
			cipher.doFinal(plaintext, 0, plaintext.length, sealed, 1 + NONCE_BYTES);
			return sealed;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Opens a sealed value.
	 * @param sealed what {@link #seal} returned
	 * @param context the associated data it was sealed with
	 * @return the value, or {@code null} when it was not sealed under this secret for
	 * this context, or was altered
	 */
	public byte @Nullable [] open(byte[] sealed, byte[] context) {
		if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
			return null;
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.valueKey,
					new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
			cipher.updateAAD(context);
			return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "CacheSecret [hidden]";
	}

	// HKDF-Expand for one block (RFC 5869, section 2.3).
	private static byte[] expand(SecretKeySpec prk, String label) {
		byte[] info = (label + "\u0001").getBytes(StandardCharsets.US_ASCII);
		return hmac(prk, info);
	}

	private static byte[] hmac(SecretKeySpec key, byte[] input) {
		return mac(key).doFinal(input);
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static Mac copy(Mac prototype) {
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HmacSHA256 cannot be cloned", ex);
		}
	}

}
