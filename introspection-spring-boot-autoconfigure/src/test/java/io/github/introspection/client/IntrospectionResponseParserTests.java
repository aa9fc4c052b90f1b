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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IntrospectionResponseParser}.
 */
class IntrospectionResponseParserTests {

	private final IntrospectionResponseParser parser = new IntrospectionResponseParser();

	@Test
	void parseWhenAMemberIsDuplicatedThenMalformed() {
		assertMalformed("{\"active\":false,\"active\":true}", "not valid JSON");
		assertMalformed("{\"active\":true,\"sub\":\"a\",\"sub\":\"b\"}", "not valid JSON");
	}

	@Test
	void parseWhenActiveThenKeepsEveryClaim() {
		Map<String, Object> claims = parse("""
				{"active":true,"sub":"alice","iss":"https://idp","client_id":"app","username":"Alice",
				 "token_type":"Bearer","jti":"j1","scope":"a b","tenant":"acme","count":3,
				 "big":12345678901,"huge":123456789012345678901234567890,"ratio":0.25,"flag":true,"none":null,
				 "realm_access":{"roles":["r1","r2"]},"list":[1,"two",{"three":3},[4]]}""");
		assertThat(claims).containsEntry("active", true)
			.containsEntry("sub", "alice")
			.containsEntry("iss", "https://idp")
			.containsEntry("client_id", "app")
			.containsEntry("username", "Alice")
			.containsEntry("token_type", "Bearer")
			.containsEntry("jti", "j1")
			.containsEntry("scope", "a b")
			.containsEntry("tenant", "acme")
			.containsEntry("count", 3)
			.containsEntry("big", 12345678901L)
			.containsEntry("huge", new BigInteger("123456789012345678901234567890"))
			.containsEntry("ratio", 0.25)
			.containsEntry("flag", true)
			.containsEntry("realm_access", Map.of("roles", List.of("r1", "r2")))
			.containsEntry("list", List.of(1, "two", Map.of("three", 3), List.of(4)))
			.containsKey("none");
		assertThat(claims.get("none")).isNull();
	}

	@Test
	void parseThenClaimsAreUnmodifiable() {
		Map<String, Object> claims = parse("{\"active\":true,\"nested\":{\"a\":[1]}}");
		assertThat(claims).isUnmodifiable();
		@SuppressWarnings("unchecked")
		Map<String, Object> nested = (Map<String, Object>) claims.get("nested");
		assertThat(nested).isUnmodifiable();
		assertThat(nested.get("a")).asInstanceOf(InstanceOfAssertFactories.LIST).isUnmodifiable();
	}

	@Test
	void parseThenClaimsKeepTheAnswersOrder() {
		Map<String, Object> claims = parse("{\"sub\":\"a\",\"active\":true,\"zeta\":1,\"alpha\":2,\"none\":null}");
		assertThat(claims.keySet()).containsExactly("sub", "active", "zeta", "alpha", "none");
	}

	@Test
	void parseWhenAnswersRepeatValuesThenTheyShareThem() {
		String answer = """
				{"active":true,"iss":"https://idp/realms/r","sub":"%s","scope":"read write",
				 "realm_access":{"roles":["reader","writer"]},"aud":["api","account"]}""";
		Map<String, Object> first = parse(answer.formatted("alice"));
		Map<String, Object> second = parse(answer.formatted("bob"));
		for (String claim : List.of("iss", "scope", "realm_access", "aud")) {
			assertThat(second.get(claim)).as(claim).isSameAs(first.get(claim));
		}
		assertThat(second.get("sub")).isEqualTo("bob");
		assertThat(second.keySet().iterator().next()).isSameAs(first.keySet().iterator().next());
	}

	@Test
	void parseWhenTimeClaimsThenInstants() {
		Map<String, Object> claims = parse("{\"active\":true,\"exp\":1900000000,\"iat\":0,\"nbf\":1700000000}");
		assertThat(claims).containsEntry("exp", Instant.ofEpochSecond(1900000000L))
			.containsEntry("iat", Instant.EPOCH)
			.containsEntry("nbf", Instant.ofEpochSecond(1700000000L));
	}

	@Test
	void parseWhenExpIsAFloatThenMalformed() {
		assertMalformed("{\"active\":true,\"exp\":1.7E9}", "'exp'");
		assertMalformed("{\"active\":true,\"exp\":1700000000.5}", "'exp'");
		assertMalformed("{\"active\":true,\"exp\":1700000000.9}", "'exp'");
	}

	@Test
	void parseWhenExpIsNegativeThenMalformed() {
		assertMalformed("{\"active\":true,\"exp\":-1}", "'exp'");
	}

	@Test
	void parseWhenTimeClaimIsOutOfRangeThenMalformed() {
		assertMalformed("{\"active\":true,\"exp\":1e300}", "'exp'");
		assertMalformed("{\"active\":true,\"iat\":253402300800}", "'iat'");
		assertMalformed("{\"active\":true,\"nbf\":99999999999999999999999}", "'nbf'");
	}

	@Test
	void parseWhenTimeClaimOverflowsADoubleThenMalformed() {
		assertMalformed("{\"active\":true,\"exp\":1e400}", "'exp'");
		assertMalformed("{\"active\":true,\"iat\":-1e400}", "'iat'");
	}

	@Test
	void parseWhenTimeClaimIsNotANumberThenMalformed() {
		assertMalformed("{\"active\":true,\"exp\":\"1900000000\"}", "'exp'");
		assertMalformed("{\"active\":true,\"iat\":true}", "'iat'");
		assertMalformed("{\"active\":true,\"nbf\":null}", "'nbf'");
	}

	@Test
	void parseWhenTimeClaimIsTheLargestSupportedThenAccepted() {
		assertThat(parse("{\"active\":true,\"exp\":253402300799}")).containsEntry("exp",
				Instant.parse("9999-12-31T23:59:59Z"));
	}

	@Test
	void parseWhenAudIsAStringThenList() {
		assertThat(parse("{\"active\":true,\"aud\":\"orders\"}")).containsEntry("aud", List.of("orders"));
	}

	@Test
	void parseWhenAudIsAnArrayThenList() {
		assertThat(parse("{\"active\":true,\"aud\":[\"a\",\"b\"]}")).containsEntry("aud", List.of("a", "b"));
	}

	@Test
	void parseWhenAudIsNotStringsThenMalformed() {
		assertMalformed("{\"active\":true,\"aud\":{\"a\":1}}", "'aud'");
		assertMalformed("{\"active\":true,\"aud\":[\"a\",1]}", "'aud'");
		assertMalformed("{\"active\":true,\"aud\":42}", "'aud'");
	}

	@Test
	void parseWhenStringClaimIsNotAStringThenMalformed() {
		assertMalformed("{\"active\":true,\"scope\":[\"a\",\"b\"]}", "'scope'");
		assertMalformed("{\"active\":true,\"sub\":42}", "'sub'");
		assertMalformed("{\"active\":true,\"client_id\":{\"id\":\"x\"}}", "'client_id'");
		assertMalformed("{\"active\":true,\"iss\":null}", "'iss'");
	}

	@Test
	void parseWhenInactiveThenBadOpaqueToken() {
		assertInactive("{\"active\":false,\"sub\":\"alice\"}");
		assertInactive("{\"active\":\"false\"}");
	}

	@Test
	void parseWhenActiveIsMissingOrNullThenBadOpaqueToken() {
		assertInactive("{\"sub\":\"alice\"}");
		assertInactive("{}");
		assertInactive("{\"active\":null}");
	}

	@Test
	void parseWhenActiveIsTheStringTrueThenActive() {
		assertThat(parse("{\"active\":\"true\",\"sub\":\"alice\"}")).containsEntry("active", true)
			.containsEntry("sub", "alice");
	}

	@Test
	void parseWhenActiveIsNeitherBooleanNorBooleanStringThenMalformed() {
		assertMalformed("{\"active\":1}", "'active'");
		assertMalformed("{\"active\":{}}", "'active'");
		assertMalformed("{\"active\":[true]}", "'active'");
		assertMalformed("{\"active\":\"TRUE\"}", "'active'");
		assertMalformed("{\"active\":\"yes\"}", "'active'");
	}

	@Test
	void parseWhenInactiveThenOtherClaimsAreNotChecked() {
		assertInactive("{\"active\":false,\"exp\":\"never\",\"scope\":[1]}");
	}

	@Test
	void parseWhenBodyIsEmptyThenMalformed() {
		assertMalformed(new byte[0], "empty");
	}

	@Test
	void parseWhenBodyIsOnlyWhitespaceThenMalformed() {
		assertMalformed(" \n ".getBytes(StandardCharsets.UTF_8), "");
	}

	@Test
	void parseWhenBodyIsNotJsonThenMalformed() {
		assertMalformed("<html><body>Login</body></html>", "not valid JSON");
	}

	@Test
	void parseWhenBodyIsTruncatedThenMalformed() {
		assertMalformed("{\"active\":true,\"sub\":\"al", "not valid JSON");
	}

	@Test
	void parseWhenBodyIsNotAnObjectThenMalformed() {
		assertMalformed("[{\"active\":true}]", "not a JSON object");
		assertMalformed("\"active\"", "not a JSON object");
		assertMalformed("true", "not a JSON object");
		assertMalformed("null", "not a JSON object");
	}

	@Test
	void parseWhenBodyIsNotUtf8ThenMalformed() {
		byte[] start = "{\"active\":true,\"sub\":\"a".getBytes(StandardCharsets.US_ASCII);
		byte[] end = "b\"}".getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[start.length + 2 + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		body[start.length] = (byte) 0xC3;
		body[start.length + 1] = (byte) 0x28;
		System.arraycopy(end, 0, body, start.length + 2, end.length);
		assertMalformed(body, "not valid JSON");
	}

	@Test
	void parseWhenBodyIsUtf8ThenDecodesIt() {
		assertThat(parse("{\"active\":true,\"name\":\"Zoë 東京\"}")).containsEntry("name", "Zoë 東京");
	}

	@Test
	void parseWhenMalformedThenMessageDoesNotEchoTheBody() {
		assertThatExceptionOfType(MalformedIntrospectionResponseException.class)
			.isThrownBy(() -> parse("{\"active\":true,\"secret-claim-value\":"))
			.withMessageNotContaining("secret-claim-value");
	}

	private Map<String, Object> parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

	private void assertInactive(String body) {
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> parse(body));
	}

	private void assertMalformed(String body, String message) {
		assertMalformed(body.getBytes(StandardCharsets.UTF_8), message);
	}

	private void assertMalformed(byte[] body, String message) {
		assertThatExceptionOfType(MalformedIntrospectionResponseException.class)
			.isThrownBy(() -> this.parser.parse(body))
			.withMessageContaining(message);
	}

}
