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
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for OAuth 2.0 Token Introspection (RFC 7662), bound to the
 * {@code introspection} prefix and validated at start-up by
 * {@link IntrospectionPropertiesValidator}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>
 */
@ConfigurationProperties("introspection")
public class IntrospectionProperties {

	/**
	 * Whether to protect the application with token introspection.
	 */
	private boolean enabled = true;

	private final TokenSource tokenSource = new TokenSource();

	private final ClientConfig clientConfig = new ClientConfig();

	private final Cache cache = new Cache();

	private final Validation validation = new Validation();

	private final Health health = new Health();

	private final BackchannelLogout backchannelLogout = new BackchannelLogout();

	/**
	 * Claims rule that every authenticated request of the default security filter chain
	 * (and of chains built with IntrospectionConfigurer) must pass, such as
	 * Equals(`group`, `dev`); a failing request gets 403.
	 */
	private @Nullable String claims;

	/**
	 * Request headers set from token claims for the application: header name to claim
	 * path, such as X-Auth-Subject: sub; headers of these names sent by the caller are
	 * removed.
	 */
	private Map<String, String> forwardHeaders = new LinkedHashMap<>();

	/**
	 * Whether the application still sees the credential (token header, query parameter or
	 * cookie) after authentication.
	 */
	private boolean forwardAuthorization = true;

	/**
	 * Claims mapped to granted authorities; each entry reads a claim (a dotted path)
	 * holding a space-separated string or an array, and prefixes every value.
	 */
	private List<AuthorityMapping> authorities = new ArrayList<>(List.of(new AuthorityMapping("scope", "SCOPE_")));

	/**
	 * Claim used as Authentication#getName(); falls back to 'sub', then 'client_id'.
	 */
	private String usernameClaim = "sub";

	/**
	 * Path patterns served without a token by the default security filter chain and by
	 * chains built with IntrospectionConfigurer; a token sent to them is ignored (neither
	 * introspected nor rejected).
	 */
	private List<String> publicPaths = new ArrayList<>();

	/**
	 * Identifier of this protected resource (RFC 9728 'resource'), an absolute http or
	 * https URL such as 'https://api.example.com', from which the metadata document and
	 * the 'resource_metadata' of every challenge are built; unset derives it from each
	 * request's Host.
	 */
	private @Nullable String resource;

	/**
	 * Issuer identifier of the identity provider, such as
	 * 'https://idp.example.com/realms/demo'; its metadata (OpenID Connect Discovery, then
	 * RFC 8414) gives the introspection endpoint, the token endpoint and the JWK set,
	 * read on first use. Also the default of 'validation.issuers'.
	 */
	private @Nullable String issuerUri;

	/**
	 * Further identity providers by name, each with its own client configuration,
	 * validation, authorities and username claim, and the requests it serves ('match');
	 * the top-level settings are the default provider, which serves every other request.
	 */
	private Map<String, Provider> providers = new LinkedHashMap<>();

	public Map<String, Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, Provider> providers) {
		this.providers = providers;
	}

	public @Nullable String getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(@Nullable String issuerUri) {
		this.issuerUri = issuerUri;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public TokenSource getTokenSource() {
		return this.tokenSource;
	}

	public ClientConfig getClientConfig() {
		return this.clientConfig;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Validation getValidation() {
		return this.validation;
	}

	public Health getHealth() {
		return this.health;
	}

	public BackchannelLogout getBackchannelLogout() {
		return this.backchannelLogout;
	}

	public @Nullable String getClaims() {
		return this.claims;
	}

	public void setClaims(@Nullable String claims) {
		this.claims = claims;
	}

	public Map<String, String> getForwardHeaders() {
		return this.forwardHeaders;
	}

	public void setForwardHeaders(Map<String, String> forwardHeaders) {
		this.forwardHeaders = forwardHeaders;
	}

	public boolean isForwardAuthorization() {
		return this.forwardAuthorization;
	}

	public void setForwardAuthorization(boolean forwardAuthorization) {
		this.forwardAuthorization = forwardAuthorization;
	}

	public List<AuthorityMapping> getAuthorities() {
		return this.authorities;
	}

	public void setAuthorities(List<AuthorityMapping> authorities) {
		this.authorities = authorities;
	}

	public String getUsernameClaim() {
		return this.usernameClaim;
	}

	public void setUsernameClaim(String usernameClaim) {
		this.usernameClaim = usernameClaim;
	}

	public List<String> getPublicPaths() {
		return this.publicPaths;
	}

	public void setPublicPaths(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	public @Nullable String getResource() {
		return this.resource;
	}

	public void setResource(@Nullable String resource) {
		this.resource = resource;
	}

	/**
	 * Where the access token is read from. Several sources may be on at once; a request
	 * that carries a token in more than one is rejected.
	 */
	public static class TokenSource {

		/**
		 * Request header that carries the token; empty turns the header source off.
		 */
		private String header = "Authorization";

		/**
		 * Authentication scheme in front of the token in the header (case-insensitive);
		 * empty means the raw header value is the token.
		 */
		private String headerAuthScheme = "Bearer";

		/**
		 * Query parameter that carries the token, such as 'access_token'; unset is off.
		 */
		private @Nullable String query;

		/**
		 * Cookie that carries the token, such as 'access_token'; unset is off.
		 */
		private @Nullable String cookie;

		/**
		 * Whether a token sent in the cookie authenticates unsafe methods (POST, PUT,
		 * PATCH, DELETE) only for same-origin requests (Sec-Fetch-Site or Origin) or
		 * requests that repeat the XSRF-TOKEN cookie in the X-XSRF-TOKEN header.
		 */
		private boolean cookieCsrfProtection = true;

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public String getHeaderAuthScheme() {
			return this.headerAuthScheme;
		}

		public void setHeaderAuthScheme(String headerAuthScheme) {
			this.headerAuthScheme = headerAuthScheme;
		}

		public @Nullable String getQuery() {
			return this.query;
		}

		public void setQuery(@Nullable String query) {
			this.query = query;
		}

		public @Nullable String getCookie() {
			return this.cookie;
		}

		public void setCookie(@Nullable String cookie) {
			this.cookie = cookie;
		}

		public boolean isCookieCsrfProtection() {
			return this.cookieCsrfProtection;
		}

		public void setCookieCsrfProtection(boolean cookieCsrfProtection) {
			this.cookieCsrfProtection = cookieCsrfProtection;
		}

	}

	/**
	 * How the introspection endpoint is called.
	 */
	public static class ClientConfig {

		/**
		 * URL of the RFC 7662 introspection endpoint, such as
		 * 'https://idp.example.com/realms/demo/protocol/openid-connect/token/introspect';
		 * overrides the discovered one; required without 'introspection.issuer-uri'.
		 */
		private @Nullable String url;

		/**
		 * URL of the token endpoint, for auth method 'client-credentials'; overrides the
		 * discovered one.
		 */
		private @Nullable String tokenUrl;

		/**
		 * URL of the identity provider's JWK set, for 'response-format' jwt; overrides
		 * the discovered one.
		 */
		private @Nullable String jwkSetUri;

		/**
		 * Format of the introspection answers: 'json' (RFC 7662), or 'jwt' (RFC 9701:
		 * signed by the identity provider; anything else is refused).
		 */
		private ResponseFormat responseFormat = ResponseFormat.JSON;

		private final Auth auth = new Auth();

		/**
		 * Extra headers sent with every introspection call.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Value sent as 'token_type_hint', such as 'access_token'; unset sends none.
		 */
		private @Nullable String tokenTypeHint;

		/**
		 * Time limit of one introspection attempt, from connecting to reading the whole
		 * answer.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Whole time one request may spend on the identity provider (waiting for a
		 * bulkhead slot, attempts and backoff); a retry starts only when a whole attempt
		 * still fits. Unset is a quarter more than 'timeout', so that a request never
		 * waits much longer than one timeout.
		 */
		private @Nullable Duration deadline;

		/**
		 * Retries after a transport error, a 5xx or a 429 answer, with exponential
		 * backoff, within the deadline and the retry budget.
		 */
		private int maxRetries = 3;

		/**
		 * Share of first attempts that retries may add over a sliding window of 10
		 * seconds (at least 5 retries per window are always allowed), so that retries
		 * never multiply the load on a failing identity provider.
		 */
		private double retryBudget = 0.2;

		/**
		 * Most introspection calls in flight at once (a bulkhead); requests for one token
		 * share one call. 20 answers 1,000 misses a second from an identity provider
		 * taking 20 ms, yet a hung one holds at most a tenth of Tomcat's 200 threads.
		 */
		private int maxConcurrentCalls = 20;

		/**
		 * How long a request waits for a bulkhead slot before it gets 503 with
		 * Retry-After; part of the deadline.
		 */
		private Duration acquireTimeout = Duration.ofMillis(100);

		/**
		 * Most requests that wait for a bulkhead slot at once; beyond them a request that
		 * finds every slot taken gets 503 with Retry-After at once. Each waiting request
		 * holds a server thread: with the defaults, calls in flight and waiting requests
		 * hold at most 40 of Tomcat's 200 threads, whatever the burst.
		 */
		private int maxWaitingCalls = 20;

		/**
		 * Largest introspection answer read; a larger one counts as the identity provider
		 * being unavailable.
		 */
		private DataSize maxResponseSize = DataSize.ofKilobytes(256);

		private final Tls tls = new Tls();

		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public Auth getAuth() {
			return this.auth;
		}

		public @Nullable String getTokenUrl() {
			return this.tokenUrl;
		}

		public void setTokenUrl(@Nullable String tokenUrl) {
			this.tokenUrl = tokenUrl;
		}

		public @Nullable String getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(@Nullable String jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public ResponseFormat getResponseFormat() {
			return this.responseFormat;
		}

		public void setResponseFormat(ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public @Nullable String getTokenTypeHint() {
			return this.tokenTypeHint;
		}

		public void setTokenTypeHint(@Nullable String tokenTypeHint) {
			this.tokenTypeHint = tokenTypeHint;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(@Nullable Duration deadline) {
			this.deadline = deadline;
		}

		public double getRetryBudget() {
			return this.retryBudget;
		}

		public void setRetryBudget(double retryBudget) {
			this.retryBudget = retryBudget;
		}

		public int getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(int maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

		public int getMaxWaitingCalls() {
			return this.maxWaitingCalls;
		}

		public void setMaxWaitingCalls(int maxWaitingCalls) {
			this.maxWaitingCalls = maxWaitingCalls;
		}

		public Duration getAcquireTimeout() {
			return this.acquireTimeout;
		}

		public void setAcquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

		public Tls getTls() {
			return this.tls;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

	}

	/**
	 * How this application authenticates itself to the introspection endpoint.
	 */
	public static class Auth {

		/**
		 * Client authentication method; unset is 'private-key-jwt' when a private key or
		 * key bundle is set, 'bearer' when a token is set, else 'client-secret-basic'
		 * ('client-secret-post' when the discovered metadata lists only that).
		 */
		private @Nullable ClientAuthenticationMethod method;

		/**
		 * Client identifier.
		 */
		private @Nullable String clientId;

		/**
		 * Client secret, for 'client-secret-basic', 'client-secret-post' and
		 * 'client-secret-jwt' (at least 32 bytes).
		 */
		private @Nullable String clientSecret;

		/**
		 * PEM (PKCS#8) private key, RSA or EC P-256, that signs the client assertions of
		 * 'private-key-jwt', such as 'file:/etc/app/client-key.pem'; a certificate in the
		 * same file gives the public key for the default 'key-id'.
		 */
		private @Nullable Resource privateKey;

		/**
		 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) whose key store holds
		 * the 'private-key-jwt' signing key; instead of 'private-key'.
		 */
		private @Nullable String keyBundle;

		/**
		 * Alias of the signing key in the key bundle's key store; unset takes its only
		 * key.
		 */
		private @Nullable String keyAlias;

		/**
		 * 'kid' of the client assertions' header; unset is the RFC 7638 thumbprint of the
		 * public key.
		 */
		private @Nullable String keyId;

		/**
		 * JWS algorithm of the 'private-key-jwt' assertions: RS256, PS256 or ES256; unset
		 * is RS256 for an RSA key, ES256 for an EC P-256 key.
		 */
		private @Nullable SigningAlgorithm algorithm;

		/**
		 * Time from 'iat' to 'exp' of a client assertion.
		 */
		private Duration assertionLifetime = Duration.ofSeconds(60);

		/**
		 * How long one client assertion may be sent again (never past its 'exp' less 5
		 * seconds); 0 signs a new one, with a new 'jti', for every call.
		 */
		private Duration assertionReuse = Duration.ZERO;

		/**
		 * How the client authenticates at the token endpoint, for method
		 * 'client-credentials'.
		 */
		private TokenEndpointAuthMethod tokenEndpointAuthMethod = TokenEndpointAuthMethod.CLIENT_SECRET_BASIC;

		/**
		 * Scope asked for at the token endpoint, for method 'client-credentials'; unset
		 * asks for the client's default scope.
		 */
		private @Nullable String scope;

		/**
		 * Bearer token sent in the Authorization header, for method 'bearer'.
		 */
		private @Nullable String token;

		public @Nullable ClientAuthenticationMethod getMethod() {
			return this.method;
		}

		public void setMethod(@Nullable ClientAuthenticationMethod method) {
			this.method = method;
		}

		public @Nullable Resource getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable Resource privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getKeyBundle() {
			return this.keyBundle;
		}

		public void setKeyBundle(@Nullable String keyBundle) {
			this.keyBundle = keyBundle;
		}

		public @Nullable String getKeyAlias() {
			return this.keyAlias;
		}

		public void setKeyAlias(@Nullable String keyAlias) {
			this.keyAlias = keyAlias;
		}

		public @Nullable String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(@Nullable String keyId) {
			this.keyId = keyId;
		}

		public @Nullable SigningAlgorithm getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(@Nullable SigningAlgorithm algorithm) {
			this.algorithm = algorithm;
		}

		public Duration getAssertionLifetime() {
			return this.assertionLifetime;
		}

		public void setAssertionLifetime(Duration assertionLifetime) {
			this.assertionLifetime = assertionLifetime;
		}

		public Duration getAssertionReuse() {
			return this.assertionReuse;
		}

		public void setAssertionReuse(Duration assertionReuse) {
			this.assertionReuse = assertionReuse;
		}

		public TokenEndpointAuthMethod getTokenEndpointAuthMethod() {
			return this.tokenEndpointAuthMethod;
		}

		public void setTokenEndpointAuthMethod(TokenEndpointAuthMethod tokenEndpointAuthMethod) {
			this.tokenEndpointAuthMethod = tokenEndpointAuthMethod;
		}

		public @Nullable String getScope() {
			return this.scope;
		}

		public void setScope(@Nullable String scope) {
			this.scope = scope;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

	}

	/**
	 * Client authentication methods for the introspection call.
	 */
	public enum ClientAuthenticationMethod {

		/**
		 * HTTP Basic with the form-urlencoded client id and secret (RFC 6749 §2.3.1).
		 */
		CLIENT_SECRET_BASIC,

		/**
		 * Client id and secret as 'client_id' and 'client_secret' form parameters.
		 */
		CLIENT_SECRET_POST,

		/**
		 * A fixed bearer token in the Authorization header.
		 */
		BEARER,

		/**
		 * No client authentication.
		 */
		NONE,

		/**
		 * A client assertion signed with the client's private key (RFC 7523 §2.2, OpenID
		 * Connect Core §9).
		 */
		PRIVATE_KEY_JWT,

		/**
		 * A client assertion signed with the client secret (HS256).
		 */
		CLIENT_SECRET_JWT,

		/**
		 * Mutual TLS with the certificate of 'tls' (RFC 8705 §2); 'client_id' in the
		 * form.
		 */
		TLS_CLIENT_AUTH,

		/**
		 * An access token of the client's own from the token endpoint (client credentials
		 * grant), sent as a bearer token.
		 */
		CLIENT_CREDENTIALS;

		/**
		 * The value as written in configuration, such as {@code client-secret-basic};
		 * also what Spring Boot lists as the valid values when binding fails.
		 * @return the kebab-case name
		 */
		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * How the client authenticates at the token endpoint, for auth method
	 * 'client-credentials'.
	 */
	public enum TokenEndpointAuthMethod {

		/**
		 * HTTP Basic with the client id and secret.
		 */
		CLIENT_SECRET_BASIC,

		/**
		 * Client id and secret as form parameters.
		 */
		CLIENT_SECRET_POST,

		/**
		 * A client assertion signed with the client's private key.
		 */
		PRIVATE_KEY_JWT,

		/**
		 * A client assertion signed with the client secret.
		 */
		CLIENT_SECRET_JWT,

		/**
		 * Mutual TLS with the certificate of 'tls'.
		 */
		TLS_CLIENT_AUTH;

		/**
		 * The matching introspection auth method.
		 * @return the method
		 */
		public ClientAuthenticationMethod toMethod() {
			return ClientAuthenticationMethod.valueOf(name());
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * JWS algorithms of 'private-key-jwt' client assertions.
	 */
	public enum SigningAlgorithm {

		/**
		 * RSASSA-PKCS1-v1_5 with SHA-256, an RSA key.
		 */
		RS256,

		/**
		 * RSASSA-PSS with SHA-256, an RSA key.
		 */
		PS256,

		/**
		 * ECDSA with P-256 and SHA-256, an EC P-256 key.
		 */
		ES256

	}

	/**
	 * Formats of introspection answers.
	 */
	public enum ResponseFormat {

		/**
		 * Plain JSON (RFC 7662).
		 */
		JSON,

		/**
		 * A JWT signed by the identity provider (RFC 9701).
		 */
		JWT;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * TLS settings for the connection to the identity provider.
	 */
	public static class Tls {

		/**
		 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) used for the connection;
		 * replaces ca, cert and key.
		 */
		private @Nullable String bundle;

		/**
		 * PEM certificate(s) trusted for the identity provider, such as
		 * 'classpath:idp-ca.pem'.
		 */
		private @Nullable Resource ca;

		/**
		 * PEM client certificate, for mutual TLS to the identity provider.
		 */
		private @Nullable Resource cert;

		/**
		 * PEM private key of the client certificate.
		 */
		private @Nullable Resource key;

		/**
		 * Whether to skip verifying the identity provider's certificate and host name;
		 * never in production.
		 */
		private boolean insecureSkipVerify;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable Resource getCa() {
			return this.ca;
		}

		public void setCa(@Nullable Resource ca) {
			this.ca = ca;
		}

		public @Nullable Resource getCert() {
			return this.cert;
		}

		public void setCert(@Nullable Resource cert) {
			this.cert = cert;
		}

		public @Nullable Resource getKey() {
			return this.key;
		}

		public void setKey(@Nullable Resource key) {
			this.key = key;
		}

		public boolean isInsecureSkipVerify() {
			return this.insecureSkipVerify;
		}

		public void setInsecureSkipVerify(boolean insecureSkipVerify) {
			this.insecureSkipVerify = insecureSkipVerify;
		}

	}

	/**
	 * Circuit breaker in front of the identity provider (Resilience4j): opens on the
	 * ratio of failed calls over a sliding time window.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether the circuit breaker is on.
		 */
		private boolean enabled = true;

		/**
		 * Percentage of failed calls in the window that opens the circuit; only the
		 * identity provider's own failures count (timeouts, connection errors, 5xx and
		 * 429 answers, our credentials refused).
		 */
		private float failureRate = 50;

		/**
		 * Calls the window must hold before the failure rate is computed.
		 */
		private int minimumCalls = 5;

		/**
		 * Sliding window over which the failure rate is computed, in whole seconds.
		 */
		private Duration window = Duration.ofSeconds(10);

		/**
		 * How long an open circuit answers 503 without calling the identity provider
		 * before probe calls are let through.
		 */
		private Duration openDuration = Duration.ofSeconds(1);

		/**
		 * Probe calls let through while half-open; other requests get 503 until the
		 * probes decide whether the circuit closes.
		 */
		private int halfOpenProbes = 3;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public float getFailureRate() {
			return this.failureRate;
		}

		public void setFailureRate(float failureRate) {
			this.failureRate = failureRate;
		}

		public int getMinimumCalls() {
			return this.minimumCalls;
		}

		public void setMinimumCalls(int minimumCalls) {
			this.minimumCalls = minimumCalls;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public Duration getOpenDuration() {
			return this.openDuration;
		}

		public void setOpenDuration(Duration openDuration) {
			this.openDuration = openDuration;
		}

		public int getHalfOpenProbes() {
			return this.halfOpenProbes;
		}

		public void setHalfOpenProbes(int halfOpenProbes) {
			this.halfOpenProbes = halfOpenProbes;
		}

	}

	/**
	 * Caching of introspection answers.
	 */
	public static class Cache {

		/**
		 * Whether introspection answers are cached.
		 */
		private boolean enabled = true;

		/**
		 * Longest time an active answer is cached; an entry never outlives the token's
		 * 'exp'.
		 */
		private Duration ttl = Duration.ofSeconds(60);

		/**
		 * Maximum number of cached answers.
		 */
		private long maxSize = 100_000;

		/**
		 * Most heap the cached answers may hold, by an upper estimate of each answer's
		 * size (least recently used answers are evicted first); unset is a tenth of the
		 * maximum heap (-Xmx).
		 */
		private @Nullable DataSize maxMemory;

		/**
		 * How long an inactive answer is cached; 0 never caches one.
		 */
		private Duration inactiveTtl = Duration.ZERO;

		/**
		 * How long after its lifetime an active answer is still accepted while the
		 * identity provider is unavailable, never past the token's 'exp'; 0 turns it off.
		 */
		private Duration staleIfError = Duration.ZERO;

		private final Shared shared = new Shared();

		public Shared getShared() {
			return this.shared;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(long maxSize) {
			this.maxSize = maxSize;
		}

		public @Nullable DataSize getMaxMemory() {
			return this.maxMemory;
		}

		public void setMaxMemory(@Nullable DataSize maxMemory) {
			this.maxMemory = maxMemory;
		}

		public Duration getInactiveTtl() {
			return this.inactiveTtl;
		}

		public void setInactiveTtl(Duration inactiveTtl) {
			this.inactiveTtl = inactiveTtl;
		}

		public Duration getStaleIfError() {
			return this.staleIfError;
		}

		public void setStaleIfError(Duration staleIfError) {
			this.staleIfError = staleIfError;
		}

	}

	/**
	 * The shared cache tier on Redis (Spring Data Redis with Lettuce, connected by
	 * 'spring.data.redis.*'), behind the local tier of each replica.
	 */
	public static class Shared {

		/**
		 * Whether answers are shared through Redis by every replica: one identity
		 * provider call per token across the fleet, and evictions that reach every
		 * replica.
		 */
		private boolean enabled = false;

		/**
		 * Secret shared by every replica (at least 32 random bytes): Redis keys are its
		 * HMAC-SHA-256 of the token, values are sealed with AES-GCM under a key derived
		 * from it. Required when the shared tier is enabled.
		 */
		private @Nullable String key;

		/**
		 * Former secret during a rotation: answers sealed under it are still read, never
		 * written.
		 */
		private @Nullable String previousKey;

		/**
		 * Longest time a replica keeps an answer in its local tier in front of Redis; it
		 * bounds how long a replica that missed an eviction message serves a revoked
		 * token.
		 */
		private Duration localTtl = Duration.ofSeconds(5);

		/**
		 * Longest wait for one Redis call; a slower call counts as a miss (or a failed
		 * eviction) and towards the shared tier's circuit breaker.
		 */
		private Duration timeout = Duration.ofMillis(100);

		/**
		 * Longest time a replica waits for another replica's identity provider call for
		 * the same token before it calls the identity provider itself.
		 */
		private Duration coalesceWait = Duration.ofSeconds(1);

		/**
		 * Prefix of every Redis key and of the eviction channel, to keep apart the
		 * applications that share one Redis.
		 */
		private String prefix = "introspection";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getPreviousKey() {
			return this.previousKey;
		}

		public void setPreviousKey(@Nullable String previousKey) {
			this.previousKey = previousKey;
		}

		public Duration getLocalTtl() {
			return this.localTtl;
		}

		public void setLocalTtl(Duration localTtl) {
			this.localTtl = localTtl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCoalesceWait() {
			return this.coalesceWait;
		}

		public void setCoalesceWait(Duration coalesceWait) {
			this.coalesceWait = coalesceWait;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

	}

	/**
	 * The 'introspection' health contributor (with Spring Boot Actuator).
	 */
	public static class Health {

		/**
		 * Whether an unavailable identity provider (open circuit, failed probe) takes the
		 * application out of the readiness group; needs 'probe.enabled', since an
		 * application that gets no traffic has no other way to see the identity provider
		 * come back.
		 */
		private boolean readiness = false;

		private final Probe probe = new Probe();

		public boolean isReadiness() {
			return this.readiness;
		}

		public void setReadiness(boolean readiness) {
			this.readiness = readiness;
		}

		public Probe getProbe() {
			return this.probe;
		}

	}

	/**
	 * An active health probe: a fixed string that is no token, introspected at most once
	 * per interval.
	 */
	public static class Probe {

		/**
		 * Whether to introspect 'token' at start-up and then once per 'interval', proving
		 * that the identity provider is reachable and accepts this application's
		 * credentials (an 'active': false answer is expected).
		 */
		private boolean enabled = false;

		/**
		 * Time between the end of one probe and the start of the next.
		 */
		private Duration interval = Duration.ofSeconds(30);

		/**
		 * String the probe introspects; never a real token.
		 */
		private String token = "introspection-health-probe";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public String getToken() {
			return this.token;
		}

		public void setToken(String token) {
			this.token = token;
		}

	}

	/**
	 * OpenID Connect Back-Channel Logout 1.0: an endpoint that takes the identity
	 * provider's logout token and evicts the cached answers of that session or user.
	 */
	public static class BackchannelLogout {

		/**
		 * Whether the back-channel logout endpoint is on.
		 */
		private boolean enabled = false;

		/**
		 * Path of the endpoint, to be registered at the identity provider as the client's
		 * back-channel logout URL; only POST is answered.
		 */
		private String path = "/logout/backchannel";

		/**
		 * Issuer the logout token's 'iss' claim must equal, such as
		 * 'https://idp.example.com/realms/demo'; default 'introspection.issuer-uri', one
		 * of them required when enabled.
		 */
		private @Nullable String issuer;

		/**
		 * URL of the identity provider's JSON Web Key Set that signs logout tokens, such
		 * as 'https://idp.example.com/realms/demo/protocol/openid-connect/certs'; default
		 * 'introspection.client-config.jwk-set-uri', one of them required when enabled.
		 */
		private @Nullable String jwkSetUri;

		/**
		 * Accepted audiences: the logout token's 'aud' must contain one of them (the
		 * client the identity provider logs out, for Keycloak the front-end client of the
		 * user's session); unset is introspection.client-config.auth.client-id.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * JWS algorithms accepted for the logout token's signature (RS256, RS384, RS512,
		 * PS256, PS384, PS512, ES256, ES384, ES512).
		 */
		private List<String> algorithms = new ArrayList<>(List.of("RS256", "ES256", "PS256"));

		/**
		 * Oldest logout token accepted, by its 'iat' (plus the validation clock skew);
		 * also how long its 'jti' is remembered to refuse a replay.
		 */
		private Duration maxAge = Duration.ofMinutes(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public @Nullable String getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(@Nullable String jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * Checks of the claims of every active token, cached answers included.
	 */
	public static class Validation {

		/**
		 * Accepted issuers; when set, the 'iss' claim must be one of them.
		 */
		private List<String> issuers = new ArrayList<>();

		/**
		 * Accepted audiences; when set, the 'aud' claim must contain at least one of
		 * them.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Scopes every token must have; a token without them gets 403 insufficient_scope.
		 */
		private List<String> requiredScopes = new ArrayList<>();

		/**
		 * Leeway for the 'exp', 'nbf' and 'iat' checks.
		 */
		private Duration clockSkew = Duration.ofSeconds(30);

		/**
		 * Whether a token bound to a client certificate (RFC 8705 'cnf' with 'x5t#S256')
		 * is accepted only over a TLS connection that presented that certificate; off
		 * accepts it as a plain bearer token.
		 */
		private boolean certificateBoundTokens = true;

		public List<String> getIssuers() {
			return this.issuers;
		}

		public void setIssuers(List<String> issuers) {
			this.issuers = issuers;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public List<String> getRequiredScopes() {
			return this.requiredScopes;
		}

		public void setRequiredScopes(List<String> requiredScopes) {
			this.requiredScopes = requiredScopes;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public boolean isCertificateBoundTokens() {
			return this.certificateBoundTokens;
		}

		public void setCertificateBoundTokens(boolean certificateBoundTokens) {
			this.certificateBoundTokens = certificateBoundTokens;
		}

	}

	/**
	 * One claim mapped to granted authorities.
	 */
	public static class AuthorityMapping {

		/**
		 * Claim path, such as 'scope' or 'realm_access.roles' ('\.' is a literal dot).
		 */
		private String claim = "";

		/**
		 * Prefix added to every value, such as 'SCOPE_' or 'ROLE_'.
		 */
		private String prefix = "";

		/**
		 * Separator that splits a string claim; unset splits on spaces.
		 */
		private @Nullable String separator;

		public AuthorityMapping() {
		}

		public AuthorityMapping(String claim, String prefix) {
			this.claim = claim;
			this.prefix = prefix;
		}

		public String getClaim() {
			return this.claim;
		}

		public void setClaim(String claim) {
			this.claim = claim;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public @Nullable String getSeparator() {
			return this.separator;
		}

		public void setSeparator(@Nullable String separator) {
			this.separator = separator;
		}

	}

	/**
	 * One more identity provider: the settings of the top-level default provider that
	 * differ between providers, and the requests it serves.
	 */
	public static class Provider {

		/**
		 * Issuer identifier of this identity provider, from whose metadata the endpoints
		 * are discovered; also the default of 'validation.issuers' and of
		 * 'match.issuers'.
		 */
		private @Nullable String issuerUri;

		private final ClientConfig clientConfig = new ClientConfig();

		private final Validation validation = new Validation();

		private final Match match = new Match();

		/**
		 * Claims mapped to granted authorities for this provider's tokens.
		 */
		private List<AuthorityMapping> authorities = new ArrayList<>(List.of(new AuthorityMapping("scope", "SCOPE_")));

		/**
		 * Claim used as Authentication#getName() for this provider's tokens; falls back
		 * to 'sub', then 'client_id'.
		 */
		private String usernameClaim = "sub";

		public @Nullable String getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(@Nullable String issuerUri) {
			this.issuerUri = issuerUri;
		}

		public ClientConfig getClientConfig() {
			return this.clientConfig;
		}

		public Validation getValidation() {
			return this.validation;
		}

		public Match getMatch() {
			return this.match;
		}

		public List<AuthorityMapping> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<AuthorityMapping> authorities) {
			this.authorities = authorities;
		}

		public String getUsernameClaim() {
			return this.usernameClaim;
		}

		public void setUsernameClaim(String usernameClaim) {
			this.usernameClaim = usernameClaim;
		}

	}

	/**
	 * The requests one provider serves, checked in this order: the path, then the header,
	 * then the unverified 'iss' of a JWT-shaped token.
	 */
	public static class Match {

		/**
		 * Path patterns whose requests this provider serves, such as /partners/**.
		 */
		private List<String> paths = new ArrayList<>();

		private final HeaderMatch header = new HeaderMatch();

		/**
		 * Values of the 'iss' claim of a JWT-shaped token (read without verifying it)
		 * whose requests this provider serves; the answer's 'iss' must then be the same.
		 * Unset is the provider's issuer-uri, when set.
		 */
		private List<String> issuers = new ArrayList<>();

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public HeaderMatch getHeader() {
			return this.header;
		}

		public List<String> getIssuers() {
			return this.issuers;
		}

		public void setIssuers(List<String> issuers) {
			this.issuers = issuers;
		}

	}

	/**
	 * A request header that selects a provider.
	 */
	public static class HeaderMatch {

		/**
		 * Name of the request header, such as X-Tenant.
		 */
		private @Nullable String name;

		/**
		 * Value of the header that selects this provider, compared exactly.
		 */
		private @Nullable String value;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getValue() {
			return this.value;
		}

		public void setValue(@Nullable String value) {
			this.value = value;
		}

	}

}
