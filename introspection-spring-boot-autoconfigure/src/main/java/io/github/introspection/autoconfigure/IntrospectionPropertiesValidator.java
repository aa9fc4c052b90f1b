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

package io.github.introspection.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.introspection.autoconfigure.IntrospectionProperties.Auth;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Tls;
import io.github.introspection.autoconfigure.IntrospectionProperties.TokenSource;
import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.claims.ClaimPath;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Checks {@link IntrospectionProperties} at start-up, failing with an
 * {@link InvalidConfigurationPropertyValueException} that names the full key and what
 * would be valid. Secret values are never echoed.
 */
final class IntrospectionPropertiesValidator {

	private IntrospectionPropertiesValidator() {
	}

	static void validateTokenSource(TokenSource source) {
		if (!StringUtils.hasText(source.getHeader()) && !StringUtils.hasText(source.getQuery())
				&& !StringUtils.hasText(source.getCookie())) {
			throw new InvalidConfigurationPropertyValueException("introspection.token-source", "(all off)",
					"at least one token source must be on: set introspection.token-source.header, "
							+ "introspection.token-source.query or introspection.token-source.cookie");
		}
	}

	static URI validateClientConfig(ClientConfig config) {
		URI url = validateUrl(config.getUrl());
		validateAuth(config.getAuth());
		if (config.getTimeout() == null || config.getTimeout().isZero() || config.getTimeout().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.timeout",
					config.getTimeout(), "must be a positive duration, such as 5s");
		}
		if (config.getMaxRetries() < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-retries",
					config.getMaxRetries(), "must be 0 or more");
		}
		long maxResponseBytes = config.getMaxResponseSize().toBytes();
		if (maxResponseBytes <= 0 || maxResponseBytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-response-size",
					config.getMaxResponseSize(), "must be between 1B and 2GB, such as 256KB");
		}
		validateTls(config.getTls());
		IntrospectionProperties.CircuitBreaker circuitBreaker = config.getCircuitBreaker();
		if (circuitBreaker.getFailureThreshold() < 0) {
			throw new InvalidConfigurationPropertyValueException(
					"introspection.client-config.circuit-breaker.failure-threshold",
					circuitBreaker.getFailureThreshold(), "must be 0 (off) or more");
		}
		if (circuitBreaker.getOpenDuration() == null || circuitBreaker.getOpenDuration().isNegative()) {
			throw new InvalidConfigurationPropertyValueException(
					"introspection.client-config.circuit-breaker.open-duration", circuitBreaker.getOpenDuration(),
					"must be a duration of 0 or more, such as 1s");
		}
		return url;
	}

	static void validateCache(IntrospectionProperties.Cache cache) {
		requireNotNegative("introspection.cache.ttl", cache.getTtl());
		requireNotNegative("introspection.cache.inactive-ttl", cache.getInactiveTtl());
		requireNotNegative("introspection.cache.stale-if-error", cache.getStaleIfError());
		if (cache.getMaxSize() < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.max-size", cache.getMaxSize(),
					"must be 0 or more");
		}
	}

	private static void requireNotNegative(String key, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"must be a duration of 0 or more, such as 60s");
		}
	}

	static void validateValidation(IntrospectionProperties.Validation validation) {
		if (validation.getClockSkew() == null || validation.getClockSkew().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("introspection.validation.clock-skew",
					validation.getClockSkew(), "must be a duration of 0 or more, such as 30s");
		}
	}

	static void validateClaimSettings(IntrospectionProperties properties) {
		if (!StringUtils.hasText(properties.getUsernameClaim())) {
			throw new InvalidConfigurationPropertyValueException("introspection.username-claim",
					properties.getUsernameClaim(), "must name a claim, such as sub or preferred_username");
		}
		if (StringUtils.hasText(properties.getClaims())) {
			ClaimsAuthorizationManager.ofProperty("introspection.claims", properties.getClaims());
		}
		List<IntrospectionProperties.AuthorityMapping> authorities = properties.getAuthorities();
		for (int i = 0; i < authorities.size(); i++) {
			String claim = authorities.get(i).getClaim();
			try {
				ClaimPath.parse(claim);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("introspection.authorities[" + i + "].claim",
						claim, "must be a claim path such as scope or realm_access.roles: " + ex.getMessage());
			}
		}
	}

	static @Nullable URI validateResource(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String key = "introspection.resource";
		String expected = "must be the absolute http or https URL that identifies this resource (RFC 9728), "
				+ "without query or fragment, such as https://api.example.com";
		try {
			URI resource = new URI(value.trim());
			String scheme = resource.getScheme();
			if (resource.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
					|| resource.getRawUserInfo() != null || resource.getRawQuery() != null
					|| resource.getRawFragment() != null) {
				throw new InvalidConfigurationPropertyValueException(key, value, expected);
			}
			return resource;
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(key, value, expected);
		}
	}

	private static URI validateUrl(@Nullable String value) {
		String key = "introspection.client-config.url";
		String expected = "must be the absolute http or https URL of the RFC 7662 introspection endpoint, such as "
				+ "https://idp.example.com/realms/demo/protocol/openid-connect/token/introspect";
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(key, value, "is required: it " + expected);
		}
		try {
			URI url = new URI(value.trim());
			String scheme = url.getScheme();
			if (url.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
					|| url.getUserInfo() != null) {
				throw new InvalidConfigurationPropertyValueException(key, value, expected);
			}
			return url;
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(key, value, expected);
		}
	}

	private static void validateAuth(Auth auth) {
		String method = auth.getMethod().name().toLowerCase(Locale.ROOT).replace('_', '-');
		switch (auth.getMethod()) {
			case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
				require(auth.getClientId(), "introspection.client-config.auth.client-id", method);
				require(auth.getClientSecret(), "introspection.client-config.auth.client-secret", method);
			}
			case BEARER -> require(auth.getToken(), "introspection.client-config.auth.token", method);
			case NONE -> {
			}
		}
	}

	private static void require(@Nullable String value, String key, String method) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(key, null,
					"is required when introspection.client-config.auth.method is " + method);
		}
	}

	private static void validateTls(Tls tls) {
		if (StringUtils.hasText(tls.getBundle())
				&& (tls.getCa() != null || tls.getCert() != null || tls.getKey() != null)) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.tls.bundle",
					tls.getBundle(), "cannot be combined with tls.ca, tls.cert or tls.key: use one or the other");
		}
		if ((tls.getCert() == null) != (tls.getKey() == null)) {
			String missing = (tls.getCert() == null) ? "cert" : "key";
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.tls." + missing, null,
					"is required: tls.cert and tls.key must be set together for mutual TLS");
		}
	}

}
