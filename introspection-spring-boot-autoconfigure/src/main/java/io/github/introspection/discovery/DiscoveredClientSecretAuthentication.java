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

package io.github.introspection.discovery;

import java.util.List;

import io.github.introspection.client.ClientAuthentication;

/**
 * The client secret sent the way the identity provider supports: HTTP Basic, unless its
 * metadata lists {@code client_secret_post} and not {@code client_secret_basic} for the
 * introspection endpoint. For an application that set a secret but no method.
 */
public final class DiscoveredClientSecretAuthentication extends ClientAuthentication.PerCall {

	private final IssuerMetadata metadata;

	private final ClientAuthentication basic;

	private final ClientAuthentication post;

	/**
	 * Creates the authentication.
	 * @param metadata the issuer's metadata, read by the time a call is made
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 */
	public DiscoveredClientSecretAuthentication(IssuerMetadata metadata, String clientId, String clientSecret) {
		this.metadata = metadata;
		this.basic = ClientAuthentication.clientSecretBasic(clientId, clientSecret);
		this.post = ClientAuthentication.clientSecretPost(clientId, clientSecret);
	}

	@Override
	public Credentials credentials() {
		return choose().credentials();
	}

	private ClientAuthentication choose() {
		List<String> supported = this.metadata.get().introspectionEndpointAuthMethods();
		return (supported != null && !supported.contains("client_secret_basic")
				&& supported.contains("client_secret_post")) ? this.post : this.basic;
	}

	@Override
	public String toString() {
		AuthorizationServerMetadata read = this.metadata.getIfRead();
		return (read == null) ? "ClientSecret (basic or post, as discovered)" : choose().toString();
	}

}
