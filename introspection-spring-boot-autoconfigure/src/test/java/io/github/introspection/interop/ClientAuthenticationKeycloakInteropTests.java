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

import io.github.introspection.interop.InteropApp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application authenticates to Keycloak's introspection endpoint with each method
 * Keycloak accepts; a secret Keycloak refuses is an outage of the identity provider
 * (503), not the caller's fault (401).
 */
@ExtendWith(KeycloakExtension.class)
class ClientAuthenticationKeycloakInteropTests {

	private static Keycloak keycloak;

	private static String token;

	@BeforeAll
	static void token(Keycloak server) {
		keycloak = server;
		token = InteropRealm.accessToken(keycloak, InteropRealm.USER_CLIENT);
	}

	@Test
	void clientSecretBasic() {
		try (InteropApp app = InteropApp
			.start(InteropApp.clientSecret(keycloak, "client-secret-basic", InteropRealm.API_SECRET))) {
			assertSignedIn(app.me(token));
		}
	}

	@Test
	void clientSecretPost() {
		try (InteropApp app = InteropApp
			.start(InteropApp.clientSecret(keycloak, "client-secret-post", InteropRealm.API_SECRET))) {
			assertSignedIn(app.me(token));
		}
	}

	@Test
	void wrongClientSecretIsAnOutageNotAnInvalidToken() {
		try (InteropApp app = InteropApp
			.start(InteropApp.clientSecret(keycloak, "client-secret-basic", "wrong-secret"))) {
			Answer answer = app.me(token);
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.header("Retry-After")).isNotEmpty();
			assertThat(answer.header("WWW-Authenticate")).isEmpty();
		}
	}

	static void assertSignedIn(Answer answer) {
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("name").asString()).isEqualTo(InteropRealm.USER);
	}

}
