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

package io.github.introspection.web;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import io.github.introspection.authorization.AuthenticationClaims;
import io.github.introspection.claims.ClaimPath;
import io.github.introspection.claims.ClaimValues;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.util.Assert;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link Claim @Claim} controller method parameters from the claims of the
 * current token (the attributes of an {@link OAuth2AuthenticatedPrincipal}).
 * <p>
 * Conversion: {@code String} gets the JSON text form of a scalar claim (an array claim
 * joined with {@code ,}); a {@code Collection} or array parameter gets the elements of an
 * array claim (a scalar claim becomes one element); {@code Instant} accepts an instant,
 * epoch seconds as a number or as plain decimal text ({@code 1700000000},
 * {@code 1700000000.5}: at most 19 digits and 9 decimals, no exponent) or ISO-8601 text,
 * checked before any arithmetic so that a short {@code 1e10000000} costs no CPU;
 * {@code Map} and {@code Object} get the claim as it is; other types go through the
 * {@link ConversionService}. An {@code Optional} parameter is never required.
 * <p>
 * A required claim that is missing, or cannot be converted, throws an
 * {@link AccessDeniedException}, which Spring Security's
 * {@code ExceptionTranslationFilter} turns into 403; without any authentication it throws
 * an {@link AuthenticationCredentialsNotFoundException} instead (401), as
 * {@code @PreAuthorize} does. Use wrapper types for optional claims, not primitives.
 */
public final class ClaimArgumentResolver implements HandlerMethodArgumentResolver {

	private static final int MAX_INTEGER_DIGITS = 19;

	private static final int MAX_FRACTION_DIGITS = 9;

	private static final int MAX_ISO_LENGTH = 64;

	private static final int MAX_SCALE = 100;

	private static final int MAX_UNSCALED_BITS = 512;

	private final ConversionService conversionService;

	private final Map<MethodParameter, ClaimPath> paths = new ConcurrentHashMap<>();

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Creates a resolver that converts with the shared {@link DefaultConversionService}.
	 */
	public ClaimArgumentResolver() {
		this(DefaultConversionService.getSharedInstance());
	}

	/**
	 * Creates a resolver.
	 * @param conversionService converts claims to parameter types other than strings,
	 * collections and instants
	 */
	public ClaimArgumentResolver(ConversionService conversionService) {
		Assert.notNull(conversionService, "conversionService cannot be null");
		this.conversionService = conversionService;
	}

	/**
	 * Sets where the current authentication is read; the default is the
	 * {@link SecurityContextHolder}'s strategy.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy cannot be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(Claim.class);
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Claim claim = parameter.getParameterAnnotation(Claim.class);
		Assert.state(claim != null, "No @Claim on " + parameter);
		ClaimPath path = this.paths.computeIfAbsent(parameter, (key) -> ClaimPath.parse(claim.value()));
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		Map<String, Object> claims = AuthenticationClaims.of(authentication);
		Object raw = (claims != null) ? path.resolve(claims) : null;
		Object value = (raw != null) ? convert(raw, new TypeDescriptor(parameter.nestedIfOptional())) : null;
		if (parameter.isOptional()) {
			return Optional.ofNullable(value);
		}
		if (value == null && claim.required()) {
			if (authentication == null) {
				throw new AuthenticationCredentialsNotFoundException(
						"An Authentication object was not found in the SecurityContext");
			}
			throw new AccessDeniedException("Required claim '" + claim.value() + "' is missing");
		}
		return value;
	}

	private @Nullable Object convert(Object raw, TypeDescriptor target) {
		Class<?> type = target.getType();
		if (type == String.class) {
			return isArray(raw) ? joined(elements(raw)) : ClaimValues.toScalarText(raw);
		}
		if (type == Object.class || (Map.class.isAssignableFrom(type) && raw instanceof Map)) {
			return raw;
		}
		if (target.isCollection() || target.isArray()) {
			if (raw instanceof Map) {
				return null;
			}
			TypeDescriptor elementType = target.getElementTypeDescriptor();
			List<Object> elements = new ArrayList<>();
			for (Object element : isArray(raw) ? elements(raw) : List.of(raw)) {
				Object converted = (elementType != null) ? convert(element, elementType) : element;
				if (converted != null) {
					elements.add(converted);
				}
			}
			return convertWithService(elements, target);
		}
		if (isArray(raw) || raw instanceof Map) {
			return null;
		}
		if (type == Instant.class) {
			return instant(raw);
		}
		return type.isInstance(raw) ? raw : convertWithService(raw, target);
	}

	private @Nullable Object convertWithService(Object value, TypeDescriptor target) {
		try {
			TypeDescriptor source = TypeDescriptor.forObject(value);
			return this.conversionService.canConvert(source, target)
					? this.conversionService.convert(value, source, target) : null;
		}
		catch (ConversionException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Converts an instant claim with bounded work: the text or number is checked before
	 * any arithmetic, so that {@code 1e10000000} cannot cost seconds of CPU.
	 */
	private static @Nullable Instant instant(Object raw) {
		try {
			if (raw instanceof Instant instant) {
				return instant;
			}
			if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
				return Instant.ofEpochSecond(((Number) raw).longValue());
			}
			if (raw instanceof BigInteger number) {
				return (number.bitLength() < Long.SIZE) ? Instant.ofEpochSecond(number.longValue()) : null;
			}
			if (raw instanceof BigDecimal number) {
				return epochSeconds(number);
			}
			if (raw instanceof Double || raw instanceof Float) {
				// at most 17 significant digits and a three-digit exponent
				return epochSeconds(new BigDecimal(ClaimValues.toText(raw)));
			}
			if (raw instanceof Number || raw instanceof String) {
				String text = raw.toString();
				if (text.indexOf('T') >= 0) {
					return (text.length() <= MAX_ISO_LENGTH) ? Instant.parse(text) : null;
				}
				return isDecimalSeconds(text) ? epochSeconds(new BigDecimal(text)) : null;
			}
		}
		catch (ArithmeticException | DateTimeException | NumberFormatException ex) {
			// Not an instant; treated as missing
		}
		return null;
	}

	/**
	 * Whether text is plain decimal seconds: an optional {@code -}, 1 to 19 digits and an
	 * optional fraction of 1 to 9 digits (nanoseconds); no sign {@code +}, no exponent.
	 */
	private static boolean isDecimalSeconds(String text) {
		int i = (!text.isEmpty() && text.charAt(0) == '-') ? 1 : 0;
		int digits = countDigits(text, i);
		if (digits < 1 || digits > MAX_INTEGER_DIGITS) {
			return false;
		}
		i += digits;
		if (i == text.length()) {
			return true;
		}
		if (text.charAt(i) != '.') {
			return false;
		}
		int fraction = countDigits(text, i + 1);
		return fraction >= 1 && fraction <= MAX_FRACTION_DIGITS && i + 1 + fraction == text.length();
	}

	private static int countDigits(String text, int from) {
		int i = from;
		while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
		}
		return i - from;
	}

	/**
	 * Epoch seconds to an instant, truncated to nanoseconds. A number with more than 19
	 * integer digits, more than 100 decimals or more than 512 bits of digits is refused
	 * before {@code setScale}, whose cost grows with the exponent.
	 */
	private static @Nullable Instant epochSeconds(BigDecimal seconds) {
		if (seconds.signum() == 0) {
			return Instant.EPOCH;
		}
		if (seconds.unscaledValue().bitLength() > MAX_UNSCALED_BITS || seconds.scale() > MAX_SCALE
				|| (long) seconds.precision() - seconds.scale() > MAX_INTEGER_DIGITS) {
			return null;
		}
		BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
		long nanos = seconds.subtract(whole).movePointRight(9).longValue();
		return Instant.ofEpochSecond(whole.longValueExact(), nanos);
	}

	private static boolean isArray(Object value) {
		return value instanceof Collection || value.getClass().isArray();
	}

	private static List<Object> elements(Object array) {
		List<Object> elements = new ArrayList<>();
		if (array instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (element != null) {
					elements.add(element);
				}
			}
		}
		else {
			for (int i = 0; i < Array.getLength(array); i++) {
				Object element = Array.get(array, i);
				if (element != null) {
					elements.add(element);
				}
			}
		}
		return elements;
	}

	private static @Nullable String joined(List<Object> elements) {
		StringJoiner joiner = new StringJoiner(",");
		for (Object element : elements) {
			String text = ClaimValues.toScalarText(element);
			if (text != null) {
				joiner.add(text);
			}
		}
		return (joiner.length() > 0) ? joiner.toString() : null;
	}

}
