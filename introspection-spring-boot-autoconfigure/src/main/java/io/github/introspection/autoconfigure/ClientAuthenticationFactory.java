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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import io.github.introspection.autoconfigure.ClientAssertionKeys.SigningKey;
import io.github.introspection.autoconfigure.IntrospectionProperties.Auth;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientAuthenticationMethod;
import io.github.introspection.autoconfigure.IntrospectionPropertiesValidator.Endpoints;
import io.github.introspection.client.ClientAuthentication;
import io.github.introspection.client.auth.ClientAssertions;
import io.github.introspection.client.auth.ClientCredentialsAuthentication;
import io.github.introspection.client.auth.JwtClientAuthentication;
import io.github.introspection.discovery.DiscoveredClientSecretAuthentication;
import io.github.introspection.discovery.IssuerMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Turns {@code introspection.client-config.auth.*} (validated) into the
 * {@link ClientAuthentication} of the introspection calls.
 */
final class ClientAuthenticationFactory {

	private final String prefix;

	private final Auth auth;

	private final Endpoints endpoints;

	private final @Nullable IssuerMetadata metadata;

	private final RestClient restClient;

	private final @Nullable SslBundles sslBundles;

	private final Clock clock;

	// prefix: the provider's keys (introspection. or introspection.providers.<name>.),
	// named when discovery misses an endpoint
	ClientAuthenticationFactory(Auth auth, Endpoints endpoints, @Nullable IssuerMetadata metadata,
			RestClient restClient, @Nullable SslBundles sslBundles, Clock clock, String prefix) {
		this.prefix = prefix;
		this.auth = auth;
		this.endpoints = endpoints;
		this.metadata = metadata;
		this.restClient = restClient;
		this.sslBundles = sslBundles;
		this.clock = clock;
	}

	ClientAuthentication introspection() {
		ClientAuthenticationMethod method = IntrospectionPropertiesValidator.effectiveMethod(this.auth);
		if (method == ClientAuthenticationMethod.CLIENT_SECRET_BASIC && this.auth.getMethod() == null
				&& this.metadata != null) {
			return new DiscoveredClientSecretAuthentication(this.metadata, clientId(), secret());
		}
		return switch (method) {
			case BEARER -> ClientAuthentication.bearer(notNull(this.auth.getToken()));
			case NONE -> ClientAuthentication.none();
			case CLIENT_CREDENTIALS -> new ClientCredentialsAuthentication(this.restClient, tokenEndpoint(),
					credentials(this.auth.getTokenEndpointAuthMethod().toMethod(), audience(tokenEndpoint())),
					this.auth.getScope(), this.clock);
			default -> credentials(method, audience(introspectionEndpoint()));
		};
	}

	// The client's own credentials, for the introspection or the token endpoint
	private ClientAuthentication credentials(ClientAuthenticationMethod method, Supplier<String> audience) {
		return switch (method) {
			case CLIENT_SECRET_BASIC -> ClientAuthentication.clientSecretBasic(clientId(), secret());
			case CLIENT_SECRET_POST -> ClientAuthentication.clientSecretPost(clientId(), secret());
			case TLS_CLIENT_AUTH -> ClientAuthentication.tlsClientAuth(clientId());
			case CLIENT_SECRET_JWT -> new JwtClientAuthentication(clientId(),
					assertions(audience, secretSigner(), JWSAlgorithm.HS256, null), "ClientSecretJwt");
			case PRIVATE_KEY_JWT -> {
				SigningKey key = ClientAssertionKeys.load(this.auth, this.sslBundles);
				yield new JwtClientAuthentication(clientId(),
						assertions(audience, key.signer(), key.algorithm(), key.keyId()), "PrivateKeyJwt");
			}
			default -> throw new IllegalStateException("Not a credentials method: " + method);
		};
	}

	private ClientAssertions assertions(Supplier<String> audience, com.nimbusds.jose.JWSSigner signer,
			JWSAlgorithm algorithm, @Nullable String keyId) {
		return new ClientAssertions(clientId(), audience.get(), signer, algorithm, keyId,
				this.auth.getAssertionLifetime(), this.auth.getAssertionReuse(), this.clock);
	}

	private MACSigner secretSigner() {
		try {
			return new MACSigner(secret().getBytes(StandardCharsets.UTF_8));
		}
		catch (JOSEException ex) {
			throw new InvalidConfigurationPropertyValueException("introspection.client-config.auth.client-secret", null,
					"must be at least 32 bytes for client-secret-jwt (HS256 needs a 256-bit key)");
		}
	}

	// RFC 7523 §3: the audience identifies the authorization server: its issuer when
	// known, else the endpoint the assertion is sent to
	private Supplier<String> audience(Supplier<URI> endpoint) {
		URI issuer = this.endpoints.issuer();
		return (issuer != null) ? issuer::toString : () -> endpoint.get().toString();
	}

	Supplier<URI> introspectionEndpoint() {
		URI url = this.endpoints.url();
		if (url != null) {
			return () -> url;
		}
		IssuerMetadata metadata = requireMetadata();
		return () -> metadata.require("introspection_endpoint", metadata.get().introspectionEndpoint(),
				this.prefix + "client-config.url");
	}

	Supplier<URI> tokenEndpoint() {
		URI url = this.endpoints.tokenUrl();
		if (url != null) {
			return () -> url;
		}
		IssuerMetadata metadata = requireMetadata();
		return () -> metadata.require("token_endpoint", metadata.get().tokenEndpoint(),
				this.prefix + "client-config.token-url");
	}

	Supplier<URI> jwkSetUri() {
		URI url = this.endpoints.jwkSetUri();
		if (url != null) {
			return () -> url;
		}
		IssuerMetadata metadata = requireMetadata();
		return () -> metadata.require("jwks_uri", metadata.get().jwksUri(), this.prefix + "client-config.jwk-set-uri");
	}

	private IssuerMetadata requireMetadata() {
		Assert.state(this.metadata != null, "no issuer-uri");
		return this.metadata;
	}

	private String clientId() {
		return notNull(this.auth.getClientId());
	}

	private String secret() {
		return notNull(this.auth.getClientSecret());
	}

	private static String notNull(@Nullable String value) {
		Assert.state(value != null, "validated");
		return value;
	}

}
