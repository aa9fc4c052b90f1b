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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Keycloak access token in each token source: the header, the query parameter and the
 * cookie; and a string Keycloak never issued.
 */
@ExtendWith(KeycloakExtension.class)
class TokenSourcesKeycloakInteropTests {

	private static InteropApp app;

	private static String token;

	@BeforeAll
	static void start(Keycloak keycloak) {
		app = InteropApp.start(InteropApp.clientSecret(keycloak, "client-secret-basic", InteropRealm.API_SECRET));
		token = InteropRealm.accessToken(keycloak, InteropRealm.USER_CLIENT);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void tokenInTheAuthorizationHeaderIsIntrospectedByKeycloak() {
		Answer answer = app.get("/api/me", "Authorization", "Bearer " + token);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("name").asString()).isEqualTo(InteropRealm.USER);
		assertThat(answer.json().get("authorities").toString()).contains("\"ROLE_" + InteropRealm.USER_ROLE + "\"",
				"\"SCOPE_profile\"");
	}

	@Test
	void tokenInTheQueryIsIntrospectedByKeycloakAndTheAnswerIsNotStored() {
		Answer answer = app.get("/api/me?access_token=" + token);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("name").asString()).isEqualTo(InteropRealm.USER);
		assertThat(answer.header("Cache-Control")).contains("no-store");
	}

	@Test
	void tokenInTheCookieIsIntrospectedByKeycloak() {
		Answer answer = app.get("/api/me", "Cookie", "access_token=" + token);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("name").asString()).isEqualTo(InteropRealm.USER);
	}

	@Test
	void tokenKeycloakNeverIssuedIsInvalid() {
		Answer answer = app.get("/api/me", "Authorization", "Bearer not-a-keycloak-token");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

}
