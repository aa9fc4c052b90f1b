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
import java.net.URI;
import java.net.URL;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Text form of claim values, as used by claims rules and when claims are written to HTTP
 * headers.
 * <p>
 * Scalar values are rendered in their JSON text form:
 * <ul>
 * <li>strings (any {@link CharSequence}) as they are, without quotes;</li>
 * <li>booleans as {@code true} or {@code false};</li>
 * <li>integral numbers without a fraction, also when held by a {@link Double},
 * {@link Float} or {@link BigDecimal} ({@code 42.0} becomes {@code 42}); other numbers as
 * Java prints them ({@code 0.5}, {@code 1.0E20});</li>
 * <li>{@link Instant}s (such as {@code exp}, {@code iat} and {@code nbf}) as epoch
 * seconds ({@code 1700000000}), with a decimal fraction only when the instant has
 * sub-second precision;</li>
 * <li>{@link URI} and {@link URL} (for example an {@code iss} claim) via
 * {@code toString()}.</li>
 * </ul>
 * Collections, arrays, maps, {@code null} and any other objects are not scalars.
 */
public final class ClaimValues {

	private static final double TWO_POW_63 = 0x1p63;

	private static final int MAX_PLAIN_SCALE = 100;

	private ClaimValues() {
	}

	/**
	 * Return whether the given value is a scalar claim value that has a text form.
	 * @param value the claim value
	 * @return {@code true} for strings, booleans, numbers, instants, URIs and URLs
	 */
	public static boolean isScalar(@Nullable Object value) {
		return value instanceof CharSequence || value instanceof Boolean || value instanceof Number
				|| value instanceof Instant || value instanceof Character || value instanceof URI
				|| value instanceof URL;
	}

	/**
	 * Return the JSON text form of a scalar claim value, or {@code null} if the value is
	 * {@code null} or not a scalar (see {@link #isScalar(Object)}).
	 * @param value the claim value
	 * @return the text form or {@code null}
	 */
	public static @Nullable String toScalarText(@Nullable Object value) {
		if (value instanceof String string) {
			return string;
		}
		return isScalar(value) ? toText(value) : null;
	}

	/**
	 * Return the JSON text form of a scalar claim value. Values that are not scalars
	 * (collections, maps, other objects) fall back to {@link Object#toString()}.
	 * @param value the claim value
	 * @return the text form
	 */
	public static String toText(Object value) {
		if (value instanceof String string) {
			return string;
		}
		if (value instanceof Double number) {
			return doubleToText(number, false);
		}
		if (value instanceof Float number) {
			return doubleToText(number.doubleValue(), true);
		}
		if (value instanceof BigDecimal number) {
			return bigDecimalToText(number);
		}
		if (value instanceof Instant instant) {
			return instantToText(instant);
		}
		return value.toString();
	}

	private static String doubleToText(double number, boolean isFloat) {
		if (number == Math.rint(number) && number >= -TWO_POW_63 && number < TWO_POW_63) {
			return Long.toString((long) number);
		}
		return isFloat ? Float.toString((float) number) : Double.toString(number);
	}

	private static String bigDecimalToText(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		if (Math.abs(stripped.scale()) <= MAX_PLAIN_SCALE) {
			return stripped.toPlainString();
		}
		return stripped.toString();
	}

	private static String instantToText(Instant instant) {
		if (instant.getNano() == 0) {
			return Long.toString(instant.getEpochSecond());
		}
		return BigDecimal.valueOf(instant.getEpochSecond())
			.add(BigDecimal.valueOf(instant.getNano(), 9))
			.stripTrailingZeros()
			.toPlainString();
	}

}
