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
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientAuthenticationMethod;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Tls;
import io.github.introspection.autoconfigure.IntrospectionProperties.TokenSource;
import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.cache.CacheSecret;
import io.github.introspection.claims.ClaimPath;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;
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

	/**
	 * The endpoints as configured: the issuer, and the endpoints that override the
	 * discovered ones.
	 *
	 * @param issuer {@code introspection.issuer-uri}, or {@code null}
	 * @param url {@code client-config.url}, or {@code null} when discovered
	 * @param tokenUrl {@code client-config.token-url}, or {@code null}
	 * @param jwkSetUri {@code client-config.jwk-set-uri}, or {@code null}
	 */
	record Endpoints(@Nullable URI issuer, @Nullable URI url, @Nullable URI tokenUrl, @Nullable URI jwkSetUri) {

		/**
		 * The URL that names the identity provider in logs, observations and cache keys.
		 * @return the introspection endpoint when configured, else the issuer
		 */
		URI name() {
			URI name = (this.url != null) ? this.url : this.issuer;
			Assert.state(name != null, "no endpoint");
			return name;
		}

	}

	static Endpoints validateClientConfig(IntrospectionProperties properties) {
		return validateClientConfig(properties.getIssuerUri(), properties.getClientConfig());
	}

	static Endpoints validateClientConfig(@Nullable String issuerUri, ClientConfig config) {
		URI issuer = validateHttpUrl("introspection.issuer-uri", issuerUri,
				"the issuer identifier of the identity provider, such as https://idp.example.com/realms/demo");
		URI url = (issuer != null && !StringUtils.hasText(config.getUrl())) ? null : validateUrl(config.getUrl());
		URI tokenUrl = validateHttpUrl("introspection.client-config.token-url", config.getTokenUrl(),
				"the token endpoint, such as https://idp.example.com/oauth2/token");
		URI jwkSetUri = validateHttpUrl("introspection.client-config.jwk-set-uri", config.getJwkSetUri(),
				"the identity provider's JWK set, such as https://idp.example.com/oauth2/jwks");
		Endpoints endpoints = new Endpoints(issuer, url, tokenUrl, jwkSetUri);
		validateAuth(config, endpoints);
		validateResponseFormat(config, endpoints);
		if (config.getMaxRetries() < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-retries",
					config.getMaxRetries(), "must be 0 or more");
		}
		long maxResponseBytes = config.getMaxResponseSize().toBytes();
		if (maxResponseBytes <= 0 || maxResponseBytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-response-size",
					config.getMaxResponseSize(), "must be between 1B and 2GB, such as 256KB");
		}
		validateTls(config.getTls(), endpoints.name(),
				(endpoints.url() != null) ? "introspection.client-config.url" : "introspection.issuer-uri");
		validateLoadSettings(config);
		validateCircuitBreaker(config.getCircuitBreaker());
		return endpoints;
	}

	private static void validateResponseFormat(ClientConfig config, Endpoints endpoints) {
		if (config.getResponseFormat() != IntrospectionProperties.ResponseFormat.JWT) {
			return;
		}
		String key = "introspection.client-config.response-format";
		if (endpoints.issuer() == null) {
			throw new InvalidConfigurationPropertyValueException(key, "jwt",
					"needs introspection.issuer-uri: signed answers (RFC 9701) must be issued by it");
		}
		if (!StringUtils.hasText(config.getAuth().getClientId())) {
			throw new InvalidConfigurationPropertyValueException(key, "jwt",
					"needs introspection.client-config.auth.client-id: signed answers (RFC 9701) are addressed to it");
		}
	}

	private static @Nullable URI validateHttpUrl(String key, @Nullable String value, String what) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String expected = "must be the absolute http or https URL of " + what + ", without query or fragment";
		try {
			URI uri = new URI(value.trim());
			String scheme = uri.getScheme();
			if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
					|| uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new InvalidConfigurationPropertyValueException(key, value, expected);
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(key, value, expected);
		}
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
		if (config.getMaxWaitingCalls() < 0) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.max-waiting-calls",
					config.getMaxWaitingCalls(), "must be 0 or more, such as 20");
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

	static void validateShared(IntrospectionProperties.Shared shared) {
		if (!StringUtils.hasText(shared.getKey())) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.shared.key", null,
					"must be set when introspection.cache.shared.enabled is true: a secret of at least 32 random "
							+ "bytes shared by every replica (for example: openssl rand -base64 48)");
		}
		requireStrong("introspection.cache.shared.key", shared.getKey());
		if (shared.getPreviousKey() != null) {
			requireStrong("introspection.cache.shared.previous-key", shared.getPreviousKey());
		}
		requireNotNegative("introspection.cache.shared.local-ttl", shared.getLocalTtl());
		requirePositive("introspection.cache.shared.timeout", shared.getTimeout());
		requirePositive("introspection.cache.shared.coalesce-wait", shared.getCoalesceWait());
		if (!StringUtils.hasText(shared.getPrefix())) {
			throw new InvalidConfigurationPropertyValueException("introspection.cache.shared.prefix",
					shared.getPrefix(), "must not be empty");
		}
	}

	// The value of a secret is never part of the message.
	private static void requireStrong(String key, @Nullable String secret) {
		if (!CacheSecret.isStrong(secret)) {
			throw new InvalidConfigurationPropertyValueException(key, "(hidden)",
					"is too weak: it needs at least 32 bytes of high entropy, such as 32 random bytes in Base64 "
							+ "(for example: openssl rand -base64 48)");
		}
	}

	private static void requirePositive(String key, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(key, value, "must be a positive duration");
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
		validatePrincipalSettings(properties.getUsernameClaim(), properties.getAuthorities());
		if (StringUtils.hasText(properties.getClaims())) {
			ClaimsAuthorizationManager.ofProperty("introspection.claims", properties.getClaims());
		}
	}

	static void validatePrincipalSettings(String usernameClaim,
			List<IntrospectionProperties.AuthorityMapping> authorities) {
		if (!StringUtils.hasText(usernameClaim)) {
			throw new InvalidConfigurationPropertyValueException("introspection.username-claim", usernameClaim,
					"must name a claim, such as sub or preferred_username");
		}
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
		// default: the issuer the introspection endpoint is discovered from, and its
		// configured key set
		String issuer = StringUtils.hasText(logout.getIssuer()) ? logout.getIssuer() : properties.getIssuerUri();
		if (!StringUtils.hasText(issuer)) {
			throw new InvalidConfigurationPropertyValueException(prefix + "issuer", issuer,
					"is required when introspection.backchannel-logout.enabled is true and introspection.issuer-uri "
							+ "is not set: it is the identity provider's issuer identifier, such as "
							+ "https://idp.example.com/realms/demo");
		}
		String configuredJwkSetUri = StringUtils.hasText(logout.getJwkSetUri()) ? logout.getJwkSetUri()
				: properties.getClientConfig().getJwkSetUri();
		URI jwkSetUri = validateJwkSetUri(prefix + "jwk-set-uri", configuredJwkSetUri);
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
			throw new InvalidConfigurationPropertyValueException(key, value,
					"is required (or set introspection.issuer-uri to discover it): it " + expected);
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

	/**
	 * The client authentication method: as configured, or inferred from the credentials
	 * that are set.
	 * @param auth the settings
	 * @return the method
	 */
	static ClientAuthenticationMethod effectiveMethod(Auth auth) {
		if (auth.getMethod() != null) {
			return auth.getMethod();
		}
		if (auth.getPrivateKey() != null || StringUtils.hasText(auth.getKeyBundle())) {
			return ClientAuthenticationMethod.PRIVATE_KEY_JWT;
		}
		if (StringUtils.hasText(auth.getToken()) && !StringUtils.hasText(auth.getClientSecret())) {
			return ClientAuthenticationMethod.BEARER;
		}
		return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
	}

	private static final String AUTH = "introspection.client-config.auth.";

	private static final String SECRET_USERS = "client-secret-basic, client-secret-post and client-secret-jwt";

	private static final String KEY_USERS = "private-key-jwt";

	private static void validateAuth(ClientConfig config, Endpoints endpoints) {
		Auth auth = config.getAuth();
		ClientAuthenticationMethod method = effectiveMethod(auth);
		String name = method.toString();
		if (method != ClientAuthenticationMethod.BEARER && method != ClientAuthenticationMethod.NONE) {
			require(auth.getClientId(), AUTH + "client-id", name);
		}
		switch (method) {
			case BEARER -> {
				require(auth.getToken(), AUTH + "token", name);
				forbid(auth.getClientSecret(), AUTH + "client-secret", name, SECRET_USERS);
				forbidKey(auth, name);
			}
			case NONE -> {
				forbid(auth.getClientId(), AUTH + "client-id", name, "the methods that authenticate a client");
				forbid(auth.getClientSecret(), AUTH + "client-secret", name, SECRET_USERS);
				forbidKey(auth, name);
			}
			case CLIENT_CREDENTIALS -> {
				if (endpoints.tokenUrl() == null && endpoints.issuer() == null) {
					throw new InvalidConfigurationPropertyValueException(AUTH + "method", name,
							"needs the token endpoint: set introspection.client-config.token-url or "
									+ "introspection.issuer-uri");
				}
				validateCredentials(auth, auth.getTokenEndpointAuthMethod().toMethod(),
						"client-credentials with token-endpoint-auth-method " + auth.getTokenEndpointAuthMethod(),
						config);
			}
			default -> validateCredentials(auth, method, name, config);
		}
		if (method != ClientAuthenticationMethod.BEARER) {
			forbid(auth.getToken(), AUTH + "token", name, "bearer");
		}
	}

	// What the client's own credentials need, for a method that is not bearer, none or
	// client-credentials.
	private static void validateCredentials(Auth auth, ClientAuthenticationMethod method, String name,
			ClientConfig config) {
		switch (method) {
			case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
				require(auth.getClientSecret(), AUTH + "client-secret", name);
				forbidKey(auth, name);
			}
			case CLIENT_SECRET_JWT -> {
				require(auth.getClientSecret(), AUTH + "client-secret", name);
				if (auth.getClientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
					// the value is a secret: never echoed
					throw new InvalidConfigurationPropertyValueException(AUTH + "client-secret", null,
							"must be at least 32 bytes for client-secret-jwt (HS256 needs a 256-bit key)");
				}
				forbidKey(auth, name);
			}
			case PRIVATE_KEY_JWT -> {
				boolean pem = auth.getPrivateKey() != null;
				boolean bundle = StringUtils.hasText(auth.getKeyBundle());
				if (pem == bundle) {
					throw new InvalidConfigurationPropertyValueException(AUTH + "private-key", null,
							pem ? "cannot be combined with " + AUTH + "key-bundle: use one or the other"
									: "is required when introspection.client-config.auth.method is " + name
											+ " (or set " + AUTH + "key-bundle)");
				}
				forbid(auth.getClientSecret(), AUTH + "client-secret", name, SECRET_USERS);
				validateAssertionTimes(auth);
			}
			case TLS_CLIENT_AUTH -> {
				Tls tls = config.getTls();
				if (!StringUtils.hasText(tls.getBundle()) && tls.getCert() == null) {
					throw new InvalidConfigurationPropertyValueException("introspection.client-config.tls.cert", null,
							"is required when introspection.client-config.auth.method is " + name
									+ ": the client certificate authenticates the client (or set "
									+ "introspection.client-config.tls.bundle)");
				}
				forbid(auth.getClientSecret(), AUTH + "client-secret", name, SECRET_USERS);
				forbidKey(auth, name);
			}
			default -> throw new IllegalStateException("Not a credentials method: " + method);
		}
		if (method == ClientAuthenticationMethod.CLIENT_SECRET_JWT) {
			validateAssertionTimes(auth);
		}
	}

	private static void validateAssertionTimes(Auth auth) {
		Duration lifetime = auth.getAssertionLifetime();
		if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(10)) < 0
				|| lifetime.compareTo(Duration.ofHours(1)) > 0) {
			throw new InvalidConfigurationPropertyValueException(AUTH + "assertion-lifetime", lifetime,
					"must be a duration from 10s to 1h, such as 60s");
		}
		Duration reuse = auth.getAssertionReuse();
		if (reuse == null || reuse.isNegative() || reuse.compareTo(lifetime) >= 0) {
			throw new InvalidConfigurationPropertyValueException(AUTH + "assertion-reuse", reuse,
					"must be a duration of 0 or more below the assertion lifetime (" + lifetime
							+ "), such as 0s (a new assertion per call) or 10s");
		}
	}

	private static void forbidKey(Auth auth, String method) {
		forbid((auth.getPrivateKey() != null) ? auth.getPrivateKey().getDescription() : null, AUTH + "private-key",
				method, KEY_USERS);
		forbid(auth.getKeyBundle(), AUTH + "key-bundle", method, KEY_USERS);
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

	private static void validateTls(Tls tls, URI url, String urlKey) {
		if (!"https".equalsIgnoreCase(url.getScheme())) {
			requireHttps("bundle", StringUtils.hasText(tls.getBundle()) ? tls.getBundle() : null, url, urlKey);
			requireHttps("ca", (tls.getCa() != null) ? tls.getCa().getDescription() : null, url, urlKey);
			requireHttps("cert", (tls.getCert() != null) ? tls.getCert().getDescription() : null, url, urlKey);
			requireHttps("key", (tls.getKey() != null) ? tls.getKey().getDescription() : null, url, urlKey);
			requireHttps("insecure-skip-verify", tls.isInsecureSkipVerify() ? "true" : null, url, urlKey);
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
	private static void requireHttps(String key, @Nullable String value, URI url, String urlKey) {
		if (value != null) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.tls." + key, value,
					"has no effect, as " + urlKey + " (" + url
							+ ") is not an https URL: use an https URL, or remove the tls settings");
		}
	}

}
