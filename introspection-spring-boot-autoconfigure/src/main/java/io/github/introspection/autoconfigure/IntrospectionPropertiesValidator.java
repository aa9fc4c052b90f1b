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

import io.github.introspection.autoconfigure.IntrospectionProperties.Auth;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Tls;
import io.github.introspection.autoconfigure.IntrospectionProperties.TokenSource;
import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.claims.ClaimPath;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Checks {@link IntrospectionProperties} at start-up, failing with an
 * {@link InvalidConfigurationPropertyValueException} that names the full key and what
 * would be valid. Secret values are never echoed.
 */
final class IntrospectionPropertiesValidator {

	// JWA (RFC 7518 §3.1) algorithms with a public key in a JWK Set.
	private static final List<String> LOGOUT_TOKEN_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384",
			"PS512", "ES256", "ES384", "ES512");

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
		if (config.getMaxRetries() < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-retries",
					config.getMaxRetries(), "must be 0 or more");
		}
		long maxResponseBytes = config.getMaxResponseSize().toBytes();
		if (maxResponseBytes <= 0 || maxResponseBytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-response-size",
					config.getMaxResponseSize(), "must be between 1B and 2GB, such as 256KB");
		}
		validateTls(config.getTls(), url);
		validateLoadSettings(config);
		validateCircuitBreaker(config.getCircuitBreaker());
		return url;
	}

	static void validateLoadSettings(ClientConfig config) {
		if (config.getTimeout() == null || config.getTimeout().isZero() || config.getTimeout().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.timeout",
					config.getTimeout(), "must be a positive duration, such as 5s");
		}
		Duration deadline = config.getDeadline();
		if (deadline != null && deadline.compareTo(config.getTimeout()) < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.deadline", deadline,
					"must be at least introspection.client-config.timeout (" + config.getTimeout()
							+ "), such as 6s; unset is a quarter more than the timeout");
		}
		if (config.getMaxConcurrentCalls() < 1) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-concurrent-calls",
					config.getMaxConcurrentCalls(), "must be 1 or more, such as 20");
		}
		Duration acquireTimeout = config.getAcquireTimeout();
		Duration effectiveDeadline = (deadline != null) ? deadline
				: config.getTimeout().plus(config.getTimeout().dividedBy(4));
		if (acquireTimeout == null || acquireTimeout.isNegative() || acquireTimeout.compareTo(effectiveDeadline) >= 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.acquire-timeout",
					acquireTimeout,
					"must be a duration of 0 or more below the deadline (" + effectiveDeadline + "), such as 100ms");
		}
		double retryBudget = config.getRetryBudget();
		if (!(retryBudget >= 0) || Double.isInfinite(retryBudget)) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.retry-budget",
					retryBudget, "must be a share of 0 or more, such as 0.2 (20 %)");
		}
	}

	static void validateCircuitBreaker(IntrospectionProperties.CircuitBreaker circuitBreaker) {
		String prefix = "introspection.client-config.circuit-breaker.";
		float failureRate = circuitBreaker.getFailureRate();
		if (!(failureRate > 0 && failureRate <= 100)) {
			throw new InvalidConfigurationPropertyValueException(prefix + "failure-rate", failureRate,
					"must be a percentage above 0 and at most 100, such as 50");
		}
		if (circuitBreaker.getMinimumCalls() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "minimum-calls",
					circuitBreaker.getMinimumCalls(), "must be 1 or more, such as 5");
		}
		Duration window = circuitBreaker.getWindow();
		if (window == null || window.getSeconds() < 1 || window.getNano() != 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "window", window,
					"must be a whole number of seconds, at least 1s, such as 10s");
		}
		Duration openDuration = circuitBreaker.getOpenDuration();
		if (openDuration == null || openDuration.toMillis() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "open-duration", openDuration,
					"must be a duration of 1ms or more, such as 1s");
		}
		if (circuitBreaker.getHalfOpenProbes() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "half-open-probes",
					circuitBreaker.getHalfOpenProbes(), "must be 1 or more, such as 3");
		}
	}

	static void validateCache(IntrospectionProperties.Cache cache) {
		requireNotNegative("introspection.cache.ttl", cache.getTtl());
		requireNotNegative("introspection.cache.inactive-ttl", cache.getInactiveTtl());
		requireNotNegative("introspection.cache.stale-if-error", cache.getStaleIfError());
		if (cache.getMaxSize() < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.max-size", cache.getMaxSize(),
					"must be 0 or more");
		}
		if (cache.getMaxMemory() != null && cache.getMaxMemory().toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.max-memory", cache.getMaxMemory(),
					"must be a size above 0, such as 64MB");
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

	static void validatePublicPaths(List<String> paths) {
		for (int i = 0; i < paths.size(); i++) {
			String path = paths.get(i);
			String key = "introspection.public-paths[" + i + "]";
			if (!path.startsWith("/")) {
				throw new InvalidConfigurationPropertyValueException(key, path,
						"'" + path + "' must start with '/', such as /public/** or /actuator/health");
			}
			try {
				PathPatternParser.defaultInstance.parse(path);
			}
			catch (PatternParseException ex) {
				throw new InvalidConfigurationPropertyValueException(key, path,
						"'" + path + "' is not a valid path pattern: " + ex.getMessage() + " (at position "
								+ ex.getPosition() + "), such as /public/** or /docs/*/index.html");
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

	static String validateBackchannelLogoutPath(@Nullable String path) {
		if (!StringUtils.hasText(path) || !path.startsWith("/") || path.contains("*") || path.contains("{")
				|| path.contains("?") || path.contains("#") || path.contains("//")) {
			throw new InvalidConfigurationPropertyValueException("introspection.backchannel-logout.path", path,
					"must be a literal path starting with '/', without wildcards or variables, "
							+ "such as /logout/backchannel");
		}
		return path;
	}

	static BackchannelLogoutSettings validateBackchannelLogout(IntrospectionProperties properties) {
		IntrospectionProperties.BackchannelLogout logout = properties.getBackchannelLogout();
		String prefix = "introspection.backchannel-logout.";
		String issuer = logout.getIssuer();
		if (!StringUtils.hasText(issuer)) {
			throw new InvalidConfigurationPropertyValueException(prefix + "issuer", issuer,
					"is required when introspection.backchannel-logout.enabled is true: it is the identity provider's "
							+ "issuer identifier, such as https://idp.example.com/realms/demo");
		}
		URI jwkSetUri = validateJwkSetUri(prefix + "jwk-set-uri", logout.getJwkSetUri());
		List<String> audiences = logout.getAudiences();
		for (int i = 0; i < audiences.size(); i++) {
			if (!StringUtils.hasText(audiences.get(i))) {
				throw new InvalidConfigurationPropertyValueException(prefix + "audiences[" + i + "]", audiences.get(i),
						"must be a client id, such as my-frontend");
			}
		}
		if (audiences.isEmpty()) {
			String clientId = properties.getClientConfig().getAuth().getClientId();
			if (!StringUtils.hasText(clientId)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "audiences", audiences,
						"is required when introspection.client-config.auth.client-id is not set: list the client "
								+ "ids the identity provider sends logout tokens to, such as my-frontend");
			}
			audiences = List.of(clientId);
		}
		List<String> algorithms = logout.getAlgorithms();
		if (algorithms.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "algorithms", algorithms,
					"must name at least one of " + LOGOUT_TOKEN_ALGORITHMS);
		}
		for (int i = 0; i < algorithms.size(); i++) {
			if (!LOGOUT_TOKEN_ALGORITHMS.contains(algorithms.get(i))) {
				throw new InvalidConfigurationPropertyValueException(prefix + "algorithms[" + i + "]",
						algorithms.get(i), "must be one of " + LOGOUT_TOKEN_ALGORITHMS
								+ " (an asymmetric JWS algorithm, whose keys the identity provider's key set holds)");
			}
		}
		Duration maxAge = logout.getMaxAge();
		if (maxAge == null || maxAge.toSeconds() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-age", maxAge,
					"must be a duration of 1s or more, such as 2m");
		}
		return new BackchannelLogoutSettings(issuer.trim(), jwkSetUri, List.copyOf(audiences), List.copyOf(algorithms),
				maxAge);
	}

	private static URI validateJwkSetUri(String key, @Nullable String value) {
		String expected = "must be the absolute http or https URL of the identity provider's JSON Web Key Set, "
				+ "such as https://idp.example.com/realms/demo/protocol/openid-connect/certs";
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"is required when introspection.backchannel-logout.enabled is true: it " + expected);
		}
		try {
			URI uri = new URI(value.trim());
			String scheme = uri.getScheme();
			if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
					|| uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
				throw new InvalidConfigurationPropertyValueException(key, value, expected);
			}
			return uri;
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
		String method = auth.getMethod().toString();
		String clientId = "introspection.client-config.auth.client-id";
		String clientSecret = "introspection.client-config.auth.client-secret";
		String token = "introspection.client-config.auth.token";
		String secretMethods = "client-secret-basic and client-secret-post";
		switch (auth.getMethod()) {
			case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
				require(auth.getClientId(), clientId, method);
				require(auth.getClientSecret(), clientSecret, method);
				forbid(auth.getToken(), token, method, "bearer");
			}
			case BEARER -> {
				require(auth.getToken(), token, method);
				forbid(auth.getClientSecret(), clientSecret, method, secretMethods);
			}
			case NONE -> {
				forbid(auth.getClientId(), clientId, method, secretMethods);
				forbid(auth.getClientSecret(), clientSecret, method, secretMethods);
				forbid(auth.getToken(), token, method, "bearer");
			}
		}
	}

	private static void require(@Nullable String value, String key, String method) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(key, null,
					"is required when introspection.client-config.auth.method is " + method);
		}
	}

	// A credential the method does not send: the method is left at its default or set to
	// the wrong value, or the credential is left over. Reported on the method's key, as
	// Spring Boot's failure report prints the value of the key named, and a secret's
	// value must never be printed.
	private static void forbid(@Nullable String value, String key, String method, String usedBy) {
		if (StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.auth.method", method,
					"does not use " + key + ", which is set: it is only used by " + usedBy
							+ "; remove it, or change the method");
		}
	}

	private static void validateTls(Tls tls, URI url) {
		if (!"https".equalsIgnoreCase(url.getScheme())) {
			requireHttps("bundle", StringUtils.hasText(tls.getBundle()) ? tls.getBundle() : null, url);
			requireHttps("ca", (tls.getCa() != null) ? tls.getCa().getDescription() : null, url);
			requireHttps("cert", (tls.getCert() != null) ? tls.getCert().getDescription() : null, url);
			requireHttps("key", (tls.getKey() != null) ? tls.getKey().getDescription() : null, url);
			requireHttps("insecure-skip-verify", tls.isInsecureSkipVerify() ? "true" : null, url);
		}
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

	// TLS settings with an http URL would be silently unused: the connection would not be
	// the one they were meant to secure.
	private static void requireHttps(String key, @Nullable String value, URI url) {
		if (value != null) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.tls." + key, value,
					"has no effect, as introspection.client-config.url (" + url
							+ ") is not an https URL: use an https URL, or remove the tls settings");
		}
	}

}
