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

import java.util.List;
import java.util.function.Consumer;

import io.github.introspection.autoconfigure.IntrospectionProperties.Auth;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientAuthenticationMethod;
import io.github.introspection.discovery.AuthorizationServerMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Once the issuer's metadata is read: one WARN when the configured client authentication
 * method is not among those the identity provider lists for the endpoint it is used at
 * ({@code introspection_endpoint_auth_methods_supported}, or
 * {@code token_endpoint_auth_methods_supported} for the token endpoint of
 * {@code client-credentials}). A WARN rather than a start-up failure: the metadata is
 * read after start-up, and some identity providers list less than they accept.
 */
final class SupportedAuthMethodsCheck implements Consumer<AuthorizationServerMetadata> {

	private static final Log logger = LogFactory.getLog(SupportedAuthMethodsCheck.class);

	private final Auth auth;

	private final boolean explicit;

	// introspection. or introspection.providers.<name>.
	private final String prefix;

	SupportedAuthMethodsCheck(Auth auth, String prefix) {
		this.auth = auth;
		this.explicit = auth.getMethod() != null;
		this.prefix = prefix;
	}

	@Override
	public void accept(AuthorizationServerMetadata metadata) {
		ClientAuthenticationMethod method = IntrospectionPropertiesValidator.effectiveMethod(this.auth);
		if (method == ClientAuthenticationMethod.CLIENT_CREDENTIALS) {
			check(this.auth.getTokenEndpointAuthMethod().toMethod(), metadata.tokenEndpointAuthMethods(),
					"token_endpoint_auth_methods_supported", "token-endpoint-auth-method");
			return;
		}
		if (!this.explicit && method == ClientAuthenticationMethod.CLIENT_SECRET_BASIC) {
			// chosen from the metadata by DiscoveredClientSecretAuthentication
			return;
		}
		check(method, metadata.introspectionEndpointAuthMethods(), "introspection_endpoint_auth_methods_supported",
				"method");
	}

	private void check(ClientAuthenticationMethod method, @Nullable List<String> supported, String member, String key) {
		String name = rfcName(method);
		if (supported == null || name == null || supported.contains(name)) {
			return;
		}
		logger.warn(this.prefix + "client-config.auth." + key + " is " + method + " (" + name
				+ "), which the identity provider's " + member + " does not list (it lists " + supported
				+ "); calls may be refused with 401");
	}

	// The names of the OAuth Token Endpoint Authentication Methods registry
	private static @Nullable String rfcName(ClientAuthenticationMethod method) {
		return switch (method) {
			case BEARER, CLIENT_CREDENTIALS -> null;
			default -> method.name().toLowerCase(java.util.Locale.ROOT);
		};
	}

}
