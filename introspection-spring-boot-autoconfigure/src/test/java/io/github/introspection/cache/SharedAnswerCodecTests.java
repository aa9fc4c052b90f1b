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

package io.github.introspection.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedAnswerCodec}.
 */
class SharedAnswerCodecTests {

	@Test
	void anActiveAnswerComesBackWithItsClaimsTimesAndAuthorities() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "alice");
		claims.put("exp", Instant.ofEpochSecond(1_900_000_000L));
		claims.put("iat", Instant.ofEpochSecond(1_800_000_000L, 250_000_000));
		claims.put("scope", List.of("orders:read", "orders:write"));
		claims.put("realm_access", Map.of("roles", List.of("reader")));
		claims.put("active", true);
		claims.put("count", 3);
		OAuth2AuthenticatedPrincipal principal = new OAuth2IntrospectionAuthenticatedPrincipal("alice", claims,
				AuthorityUtils.createAuthorityList("SCOPE_orders:read", "ROLE_reader"));

		SharedAnswerCodec.SharedAnswer answer = SharedAnswerCodec.read(SharedAnswerCodec.active(principal, 1_234_567L));

		assertThat(answer).isNotNull();
		assertThat(answer.untilMillis()).isEqualTo(1_234_567L);
		OAuth2AuthenticatedPrincipal read = answer.principal();
		assertThat(read).isNotNull();
		assertThat(read.getName()).isEqualTo("alice");
		assertThat(read.getAttributes()).isEqualTo(claims);
		assertThat(read.getAttributes().get("iat")).isInstanceOf(Instant.class);
		assertThat(read.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("SCOPE_orders:read", "ROLE_reader");
	}

	@Test
	void anInactiveAnswerIsItsLifetimeAlone() {
		SharedAnswerCodec.SharedAnswer answer = SharedAnswerCodec.read(SharedAnswerCodec.inactive(42L));

		assertThat(answer).isNotNull();
		assertThat(answer.principal()).isNull();
		assertThat(answer.untilMillis()).isEqualTo(42L);
	}

	@Test
	void bytesOfAnotherFormAreNoAnswer() {
		for (String other : List.of("", "[]", "{}", "not json", "{\"u\":\"soon\"}",
				"{\"u\":1,\"n\":\"a\",\"c\":{\"exp\":\"2030-01-01T00:00:00Z\"},\"t\":[\"exp\"],\"g\":[]}",
				"{\"u\":1,\"n\":\"a\",\"c\":{\"exp\":[1]},\"t\":[\"exp\"],\"g\":[]}",
				"{\"u\":1,\"n\":\"a\",\"c\":{},\"t\":[\"exp\"],\"g\":[]}")) {
			assertThat(SharedAnswerCodec.read(other.getBytes(StandardCharsets.UTF_8))).as(other).isNull();
		}
	}

}
