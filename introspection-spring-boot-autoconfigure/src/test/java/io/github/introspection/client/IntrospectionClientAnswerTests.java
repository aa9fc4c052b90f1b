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

package io.github.introspection.client;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static io.github.introspection.client.IdpClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how {@link IntrospectionClient} turns the identity provider's answers into a
 * principal, an inactive token or an unavailable identity provider (RFC 7662 §2.2).
 */
class IntrospectionClientAnswerTests {

	private static final String TOKEN = "opaque-T0ken+/=";

	private MockWebServer idp;

	@BeforeEach
	void startIdp() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
	}

	@AfterEach
	void stopIdp() {
		this.idp.close();
	}

	@Test
	void introspectWhenActiveThenPrincipalIsNamedBySub() {
		OAuth2AuthenticatedPrincipal principal = introspect(
				"{\"active\":true,\"sub\":\"alice\",\"client_id\":\"app\",\"username\":\"Alice\"}");
		assertThat(principal.getName()).isEqualTo("alice");
	}

	@Test
	void introspectWhenUsernameClaimConfiguredThenPrincipalIsNamedByIt() {
		OAuth2AuthenticatedPrincipal principal = introspect(
				"{\"active\":true,\"sub\":\"f81d4fae\",\"preferred_username\":\"alice\"}",
				new IntrospectionPrincipalFactory("preferred_username", List.of()));
		assertThat(principal.getName()).isEqualTo("alice");
	}

	@Test
	void introspectWhenUsernameClaimMissingThenPrincipalIsNamedBySub() {
		OAuth2AuthenticatedPrincipal principal = introspect("{\"active\":true,\"sub\":\"f81d4fae\"}",
				new IntrospectionPrincipalFactory("preferred_username", List.of()));
		assertThat(principal.getName()).isEqualTo("f81d4fae");
	}

	@Test
	void introspectWhenNoSubThenPrincipalIsNamedByClientId() {
		OAuth2AuthenticatedPrincipal principal = introspect("{\"active\":true,\"client_id\":\"batch-job\"}");
		assertThat(principal.getName()).isEqualTo("batch-job");
	}

	@Test
	void introspectWhenActiveThenKeepsEveryClaimIncludingNestedObjects() {
		OAuth2AuthenticatedPrincipal principal = introspect("""
				{"active":true,"sub":"alice","tenant":"acme","level":3,"ratio":0.5,"admin":false,"nothing":null,
				 "realm_access":{"roles":["reader","writer"],"meta":{"since":2020}},"groups":["a","b"]}""");
		Map<String, Object> attributes = principal.getAttributes();
		assertThat(attributes).containsEntry("active", true)
			.containsEntry("sub", "alice")
			.containsEntry("tenant", "acme")
			.containsEntry("level", 3)
			.containsEntry("ratio", 0.5)
			.containsEntry("admin", false)
			.containsEntry("groups", List.of("a", "b"))
			.containsKey("nothing");
		assertThat(attributes.get("nothing")).isNull();
		assertThat(attributes.get("realm_access"))
			.isEqualTo(Map.of("roles", List.of("reader", "writer"), "meta", Map.of("since", 2020)));
	}

	@Test
	void introspectWhenTimeClaimsThenTheyAreInstants() {
		OAuth2AuthenticatedPrincipal principal = introspect(
				"{\"active\":true,\"sub\":\"alice\",\"exp\":1900000000,\"iat\":1700000000,\"nbf\":1700000001}");
		assertThat(principal.getAttributes()).containsEntry("exp", Instant.ofEpochSecond(1900000000L))
			.containsEntry("iat", Instant.ofEpochSecond(1700000000L))
			.containsEntry("nbf", Instant.ofEpochSecond(1700000001L));
		assertThat((Instant) principal.getAttribute("exp")).isEqualTo(Instant.parse("2030-03-17T17:46:40Z"));
	}

	@Test
	void introspectWhenAudIsAStringThenItIsAList() {
		OAuth2AuthenticatedPrincipal principal = introspect("{\"active\":true,\"sub\":\"alice\",\"aud\":\"orders\"}");
		assertThat(principal.getAttributes()).containsEntry("aud", List.of("orders"));
	}

	@Test
	void introspectWhenAudIsAnArrayThenItIsAList() {
		OAuth2AuthenticatedPrincipal principal = introspect(
				"{\"active\":true,\"sub\":\"alice\",\"aud\":[\"orders\",\"billing\"]}");
		assertThat(principal.getAttributes()).containsEntry("aud", List.of("orders", "billing"));
	}

	@Test
	void introspectWhenScopeThenScopeAuthorities() {
		OAuth2AuthenticatedPrincipal principal = introspect(
				"{\"active\":true,\"sub\":\"alice\",\"scope\":\"orders:read  orders:write\"}");
		assertThat(authorities(principal)).containsExactly("SCOPE_orders:read", "SCOPE_orders:write");
		assertThat(principal.getAttributes()).containsEntry("scope", "orders:read  orders:write");
	}

	@Test
	void introspectWhenNestedRolesAndSeparatedClaimMappedThenPrefixedAuthorities() {
		IntrospectionPrincipalFactory factory = new IntrospectionPrincipalFactory("sub",
				List.of(ClaimAuthorityMapping.of("realm_access.roles", "ROLE_", null),
						ClaimAuthorityMapping.of("groups", "GROUP_", ","),
						ClaimAuthorityMapping.of("scope", "SCOPE_", null)));
		OAuth2AuthenticatedPrincipal principal = introspect("""
				{"active":true,"sub":"alice","scope":"orders:read","groups":"ops, dev,,sre",
				 "realm_access":{"roles":["orders-reader","admin"]}}""", factory);
		assertThat(authorities(principal)).containsExactly("ROLE_orders-reader", "ROLE_admin", "GROUP_ops", "GROUP_dev",
				"GROUP_sre", "SCOPE_orders:read");
	}

	@Test
	void introspectWhenMappedClaimMissingThenNoAuthorities() {
		IntrospectionPrincipalFactory factory = new IntrospectionPrincipalFactory("sub",
				List.of(ClaimAuthorityMapping.of("realm_access.roles", "ROLE_", null)));
		OAuth2AuthenticatedPrincipal principal = introspect("{\"active\":true,\"sub\":\"alice\"}", factory);
		assertThat(principal.getAuthorities()).isEmpty();
	}

	@Test
	void introspectWhenInactiveThenBadOpaqueToken() {
		assertInactive("{\"active\":false,\"sub\":\"alice\"}");
	}

	@Test
	void introspectWhenActiveIsMissingThenBadOpaqueToken() {
		assertInactive("{\"sub\":\"alice\"}");
	}

	@Test
	void introspectWhenActiveIsTheStringFalseThenBadOpaqueToken() {
		assertInactive("{\"active\":\"false\"}");
	}

	@Test
	void introspectWhenActiveIsTheStringTrueThenActive() {
		OAuth2AuthenticatedPrincipal principal = introspect("{\"active\":\"true\",\"sub\":\"alice\"}");
		assertThat(principal.getName()).isEqualTo("alice");
		assertThat(principal.getAttributes()).containsEntry("active", true);
	}

	@Test
	void introspectWhenActiveIsANumberThenUnavailable() {
		assertUnavailable("{\"active\":1,\"sub\":\"alice\"}");
	}

	@Test
	void introspectWhenActiveIsAnObjectThenUnavailable() {
		assertUnavailable("{\"active\":{\"value\":true},\"sub\":\"alice\"}");
	}

	@Test
	void introspectWhenActiveIsAnotherStringThenUnavailable() {
		assertUnavailable("{\"active\":\"yes\",\"sub\":\"alice\"}");
	}

	private OAuth2AuthenticatedPrincipal introspect(String answer) {
		return introspect(answer, IntrospectionPrincipalFactory.withDefaults());
	}

	private OAuth2AuthenticatedPrincipal introspect(String answer, IntrospectionPrincipalFactory factory) {
		this.idp.enqueue(json(answer));
		return IdpClients.builder(this.idp).principalFactory(factory).build().introspect(TOKEN);
	}

	private void assertInactive(String answer) {
		this.idp.enqueue(json(answer));
		IntrospectionClient client = IdpClients.builder(this.idp).build();
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> client.introspect(TOKEN))
			.withMessageNotContaining(TOKEN);
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	private void assertUnavailable(String answer) {
		this.idp.enqueue(json(answer));
		IntrospectionClient client = IdpClients.builder(this.idp).build();
		assertThatExceptionOfType(IntrospectionUnavailableException.class).isThrownBy(() -> client.introspect(TOKEN))
			.withMessageContaining("'active'")
			.withMessageNotContaining(TOKEN)
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("temporarily_unavailable"));
		assertThat(this.idp.getRequestCount()).isEqualTo(1);
	}

	private static List<String> authorities(OAuth2AuthenticatedPrincipal principal) {
		return principal.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

}
