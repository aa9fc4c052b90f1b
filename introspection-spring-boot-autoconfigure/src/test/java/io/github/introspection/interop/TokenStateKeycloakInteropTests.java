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

import java.time.Duration;
import java.time.Instant;

import io.github.introspection.interop.InteropApp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Keycloak says of a token's state reaches the caller: the claims of a lightweight
 * access token come from introspection alone; a revoked and an expired token are 401.
 */
@ExtendWith(KeycloakExtension.class)
class TokenStateKeycloakInteropTests {

	private static Keycloak keycloak;

	private static InteropApp app;

	@BeforeAll
	static void start(Keycloak server) {
		keycloak = server;
		app = InteropApp.start(InteropApp.clientSecret(keycloak, "client-secret-basic", InteropRealm.API_SECRET));
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void lightweightAccessTokenGetsItsClaimsFromIntrospection() {
		String token = InteropRealm.accessToken(keycloak, InteropRealm.LIGHTWEIGHT_CLIENT);
		JsonNode payload = InteropRealm.payload(token);
		assertThat(payload.has("preferred_username")).isFalse();
		assertThat(payload.has("realm_access")).isFalse();
		assertThat(payload.has("email")).isFalse();
		Answer answer = app.me(token);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("name").asString()).isEqualTo(InteropRealm.USER);
		assertThat(answer.json().get("email").asString()).isEqualTo("alice@example.com");
		assertThat(answer.json().get("authorities").toString()).contains("\"ROLE_" + InteropRealm.USER_ROLE + "\"");
	}

	@Test
	void revokedTokenIsInvalid() {
		String token = InteropRealm.accessToken(keycloak, InteropRealm.USER_CLIENT);
		assertThat(app.me(token).status()).isEqualTo(200);
		InteropRealm.revoke(keycloak, InteropRealm.USER_CLIENT, token);
		Answer answer = app.me(token);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	@Test
	void expiredTokenIsInvalid() throws InterruptedException {
		String token = InteropRealm.accessToken(keycloak, InteropRealm.SHORT_LIVED_CLIENT);
		Instant exp = Instant.ofEpochSecond(InteropRealm.payload(token).get("exp").asLong());
		assertThat(Duration.between(Instant.now(), exp))
			.isLessThanOrEqualTo(Duration.ofSeconds(InteropRealm.SHORT_LIFESPAN_SECONDS));
		assertThat(app.me(token).status()).isEqualTo(200);
		// Keycloak calls a token active up to and including its exp second.
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), exp.plusSeconds(1)).toMillis() + 100));
		Answer answer = app.me(token);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

}
