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

package io.github.introspection.client.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.introspection.client.ClientAuthentication;

import org.springframework.util.Assert;

/**
 * {@code private_key_jwt} and {@code client_secret_jwt} client authentication (OpenID
 * Connect Core §9, RFC 7523 §2.2): a signed assertion per call, sent as the
 * {@code client_assertion_type}, {@code client_assertion} and {@code client_id} form
 * parameters.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.2">RFC 7523 §2.2</a>
 */
public final class JwtClientAuthentication extends ClientAuthentication.PerCall {

	/**
	 * The {@code client_assertion_type} of a JWT assertion.
	 */
	public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final String clientId;

	private final ClientAssertions assertions;

	private final String name;

	/**
	 * Creates the authentication.
	 * @param clientId the client id, sent as {@code client_id}
	 * @param assertions makes the assertions
	 * @param name how {@code toString()} names the method
	 */
	public JwtClientAuthentication(String clientId, ClientAssertions assertions, String name) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.notNull(assertions, "assertions cannot be null");
		this.clientId = clientId;
		this.assertions = assertions;
		this.name = name;
	}

	@Override
	public Credentials credentials() {
		Map<String, String> form = new LinkedHashMap<>(4);
		form.put("client_assertion_type", ASSERTION_TYPE);
		form.put("client_assertion", this.assertions.next());
		form.put("client_id", this.clientId);
		return Credentials.form(form);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
