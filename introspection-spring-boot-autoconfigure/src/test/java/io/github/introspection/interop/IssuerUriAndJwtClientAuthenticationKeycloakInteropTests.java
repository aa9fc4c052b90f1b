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

package io.github.introspection.interop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.introspection.interop.ClientAuthenticationKeycloakInteropTests.assertSignedIn;

/**
 * The introspection endpoint found by discovery from Keycloak's issuer, and the
 * application authenticating to it with a signed client assertion:
 * {@code private-key-jwt} with each algorithm, {@code client-secret-jwt}.
 */
@ExtendWith(KeycloakExtension.class)
class IssuerUriAndJwtClientAuthenticationKeycloakInteropTests {

	private static Keycloak keycloak;

	private static String token;

	@BeforeAll
	static void token(Keycloak server) {
		keycloak = server;
		token = InteropRealm.accessToken(keycloak, InteropRealm.USER_CLIENT);
	}

	@Test
	void issuerUriFindsTheIntrospectionEndpoint() {
		try (InteropApp app = InteropApp.start("introspection.issuer-uri=" + keycloak.issuer(),
				"introspection.client-config.auth.client-id=" + InteropRealm.API_CLIENT,
				"introspection.client-config.auth.client-secret=" + InteropRealm.API_SECRET)) {
			assertSignedIn(app.me(token));
		}
	}

	@ParameterizedTest
	@CsvSource({ "interop-rsa.key, interop-rsa, RS256", "interop-rsa.key, interop-rsa, PS256",
			"interop-ec.key, interop-ec, ES256" })
	void privateKeyJwt(String key, String keyId, String algorithm) {
		try (InteropApp app = InteropApp.start("introspection.client-config.url=" + keycloak.introspectionEndpoint(),
				"introspection.client-config.auth.method=private-key-jwt",
				"introspection.client-config.auth.client-id=" + InteropRealm.PRIVATE_KEY_JWT_CLIENT,
				"introspection.client-config.auth.private-key=classpath:keycloak/" + key,
				"introspection.client-config.auth.key-id=" + keyId,
				"introspection.client-config.auth.algorithm=" + algorithm)) {
			assertSignedIn(app.me(token));
		}
	}

	@Test
	void clientSecretJwt() {
		try (InteropApp app = InteropApp.start("introspection.client-config.url=" + keycloak.introspectionEndpoint(),
				"introspection.client-config.auth.method=client-secret-jwt",
				"introspection.client-config.auth.client-id=" + InteropRealm.CLIENT_SECRET_JWT_CLIENT,
				"introspection.client-config.auth.client-secret=" + InteropRealm.CLIENT_SECRET_JWT_SECRET)) {
			assertSignedIn(app.me(token));
		}
	}

}
