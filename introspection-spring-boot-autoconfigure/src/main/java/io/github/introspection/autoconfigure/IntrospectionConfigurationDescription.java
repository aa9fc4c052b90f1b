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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.introspection.actuate.IntrospectionEndpoint;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.Tls;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.IntrospectionClient;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The effective configuration that the {@link IntrospectionEndpoint} shows, without a
 * secret: no client secret, bearer token, header value, key or probe string, and the
 * endpoint without its query or user information. Keys are those of the properties.
 */
final class IntrospectionConfigurationDescription {

	private IntrospectionConfigurationDescription() {
	}

	static Map<String, Object> of(IntrospectionProperties properties, IntrospectionClient client) {
		Map<String, Object> description = new LinkedHashMap<>();
		IntrospectionProperties.TokenSource tokenSource = properties.getTokenSource();
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("header", tokenSource.getHeader());
		source.put("header-auth-scheme", tokenSource.getHeaderAuthScheme());
		putIfSet(source, "query", tokenSource.getQuery());
		putIfSet(source, "cookie", tokenSource.getCookie());
		source.put("cookie-csrf-protection", tokenSource.isCookieCsrfProtection());
		description.put("token-source", source);
		description.put("client-config", clientConfig(properties.getClientConfig(), client));
		description.put("cache", cache(properties.getCache()));
		IntrospectionProperties.Validation validation = properties.getValidation();
		Map<String, Object> checks = new LinkedHashMap<>();
		checks.put("issuers", List.copyOf(validation.getIssuers()));
		checks.put("audiences", List.copyOf(validation.getAudiences()));
		checks.put("required-scopes", List.copyOf(validation.getRequiredScopes()));
		checks.put("clock-skew", text(validation.getClockSkew()));
		description.put("validation", checks);
		putIfSet(description, "claims", properties.getClaims());
		List<Map<String, Object>> authorities = new ArrayList<>();
		for (IntrospectionProperties.AuthorityMapping mapping : properties.getAuthorities()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("claim", mapping.getClaim());
			entry.put("prefix", mapping.getPrefix());
			putIfSet(entry, "separator", mapping.getSeparator());
			authorities.add(entry);
		}
		description.put("authorities", authorities);
		putIfSet(description, "issuer-uri", properties.getIssuerUri());
		description.put("username-claim", properties.getUsernameClaim());
		description.put("forward-headers", Map.copyOf(properties.getForwardHeaders()));
		description.put("forward-authorization", properties.isForwardAuthorization());
		description.put("public-paths", List.copyOf(properties.getPublicPaths()));
		IntrospectionProperties.Health health = properties.getHealth();
		Map<String, Object> probe = new LinkedHashMap<>();
		probe.put("enabled", health.getProbe().isEnabled());
		probe.put("interval", text(health.getProbe().getInterval()));
		Map<String, Object> healthDescription = new LinkedHashMap<>();
		healthDescription.put("readiness", health.isReadiness());
		healthDescription.put("probe", probe);
		description.put("health", healthDescription);
		return description;
	}

	private static Map<String, Object> clientConfig(ClientConfig config, IntrospectionClient client) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("url", client.getEndpoint());
		Map<String, Object> auth = new LinkedHashMap<>();
		auth.put("method", IntrospectionPropertiesValidator.effectiveMethod(config.getAuth()).toString());
		putIfSet(auth, "client-id", config.getAuth().getClientId());
		description.put("auth", auth);
		putIfSet(description, "token-url", config.getTokenUrl());
		putIfSet(description, "jwk-set-uri", config.getJwkSetUri());
		description.put("response-format", config.getResponseFormat().toString());
		// the names only: a header may carry a credential
		description.put("headers", List.copyOf(config.getHeaders().keySet()));
		putIfSet(description, "token-type-hint", config.getTokenTypeHint());
		description.put("timeout", text(config.getTimeout()));
		description.put("deadline", text((config.getDeadline() != null) ? config.getDeadline()
				: IntrospectionClient.defaultDeadline(config.getTimeout())));
		description.put("max-retries", config.getMaxRetries());
		description.put("retry-budget", config.getRetryBudget());
		description.put("max-concurrent-calls", config.getMaxConcurrentCalls());
		description.put("acquire-timeout", text(config.getAcquireTimeout()));
		description.put("max-waiting-calls", config.getMaxWaitingCalls());
		description.put("max-response-size", text(config.getMaxResponseSize()));
		Tls tls = config.getTls();
		Map<String, Object> tlsDescription = new LinkedHashMap<>();
		putIfSet(tlsDescription, "bundle", tls.getBundle());
		// whether set, never where: a key's location is nobody's business
		tlsDescription.put("ca", tls.getCa() != null);
		tlsDescription.put("client-certificate", tls.getCert() != null);
		tlsDescription.put("insecure-skip-verify", tls.isInsecureSkipVerify());
		description.put("tls", tlsDescription);
		IntrospectionProperties.CircuitBreaker breaker = config.getCircuitBreaker();
		Map<String, Object> circuit = new LinkedHashMap<>();
		circuit.put("enabled", breaker.isEnabled());
		circuit.put("failure-rate", breaker.getFailureRate());
		circuit.put("minimum-calls", breaker.getMinimumCalls());
		circuit.put("window", text(breaker.getWindow()));
		circuit.put("open-duration", text(breaker.getOpenDuration()));
		circuit.put("half-open-probes", breaker.getHalfOpenProbes());
		description.put("circuit-breaker", circuit);
		return description;
	}

	private static Map<String, Object> cache(IntrospectionProperties.Cache cache) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("enabled", cache.isEnabled());
		description.put("ttl", text(cache.getTtl()));
		description.put("max-size", cache.getMaxSize());
		DataSize maxMemory = cache.getMaxMemory();
		description.put("max-memory", text((maxMemory != null) ? maxMemory
				: DataSize.ofBytes(CachingOpaqueTokenIntrospector.Builder.defaultMaxMemory())));
		description.put("inactive-ttl", text(cache.getInactiveTtl()));
		description.put("stale-if-error", text(cache.getStaleIfError()));
		IntrospectionProperties.Shared shared = cache.getShared();
		Map<String, Object> sharedDescription = new LinkedHashMap<>();
		sharedDescription.put("enabled", shared.isEnabled());
		if (shared.isEnabled()) {
			// whether the secrets are set, never their values
			sharedDescription.put("key-set", shared.getKey() != null);
			sharedDescription.put("previous-key-set", shared.getPreviousKey() != null);
			sharedDescription.put("local-ttl", text(shared.getLocalTtl()));
			sharedDescription.put("timeout", text(shared.getTimeout()));
			sharedDescription.put("coalesce-wait", text(shared.getCoalesceWait()));
			sharedDescription.put("prefix", shared.getPrefix());
		}
		description.put("shared", sharedDescription);
		return description;
	}

	private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static String text(Duration duration) {
		return duration.toString();
	}

	private static String text(DataSize size) {
		return size.toString();
	}

}
