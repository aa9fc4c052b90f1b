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

package io.github.introspection.it;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.introspection.logout.JwksServer;
import io.github.introspection.logout.LogoutTokens;
import io.github.introspection.logout.RecordingCacheEviction;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The back-channel logout endpoint through the whole filter chain: the identity
 * provider's POST needs no bearer token and no CSRF token; a valid logout token evicts
 * its session (or user) once and gets 200; any bad one gets 400 and evicts nothing.
 */
class BackchannelLogoutChainTests {

	private static final RSAKey KEY = LogoutTokens.rsaKey("rsa-1");

	private static final String PATH = "/logout/backchannel";

	private MockWebServer idp;

	private JwksServer jwks;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
		this.jwks = new JwksServer(KEY.toPublicJWK());
	}

	@AfterEach
	void stop() {
		this.idp.close();
		this.jwks.close();
	}

	@Test
	void validTokenEvictsItsSessionOrElseItsUserOnceWithoutABearerOrCsrfToken() {
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			RecordingCacheEviction eviction = context.getBean(RecordingCacheEviction.class);
			String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).build());
			logout(mvc, token).andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(content().string(""));
			assertThat(eviction.calls()).as("sid and sub: the session only").containsExactly("session:session-1");
			String subOnly = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).claim("sid", null).build());
			logout(mvc, subOnly).andExpect(status().isOk());
			assertThat(eviction.calls()).containsExactly("session:session-1", "subject:alice");
			assertThat(this.idp.getRequestCount()).as("the logout token is never introspected").isZero();
		});
	}

	@Test
	void replayedJtiIsRejectedAndEvictsNothingMore() {
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).build());
			logout(mvc, token).andExpect(status().isOk());
			expectRejected(logout(mvc, token), "already used");
			String sameJti = LogoutTokens.sign(KEY,
					LogoutTokens.claims(Instant.now()).jwtID(JWTClaimsSet.parse(jwtPayload(token)).getJWTID()).build());
			expectRejected(logout(mvc, sameJti), "already used");
			assertThat(context.getBean(RecordingCacheEviction.class).calls()).containsExactly("session:session-1");
		});
	}

	@Test
	void everyBadLogoutTokenGets400AndEvictsNothing() {
		Instant now = Instant.now();
		Map<String, String> bad = new LinkedHashMap<>();
		bad.put("Invalid signature", LogoutTokens.sign(LogoutTokens.rsaKey("rsa-1"), LogoutTokens.claims(now).build()));
		bad.put("audience", LogoutTokens.sign(KEY, LogoutTokens.claims(now).audience("someone-else").build()));
		bad.put("iss", LogoutTokens.sign(KEY, LogoutTokens.claims(now).issuer("https://evil.example.com").build()));
		bad.put("events", LogoutTokens.sign(KEY, LogoutTokens.claims(now).claim("events", null).build()));
		bad.put("nonce", LogoutTokens.sign(KEY, LogoutTokens.claims(now).claim("nonce", "n").build()));
		bad.put("neither a sid nor a sub",
				LogoutTokens.sign(KEY, LogoutTokens.claims(now).subject(null).claim("sid", null).build()));
		bad.put("future", LogoutTokens.sign(KEY,
				LogoutTokens.claims(now.plusSeconds(600)).expirationTime(Date.from(now.plusSeconds(700))).build()));
		bad.put("older",
				LogoutTokens.sign(KEY, LogoutTokens.claims(now.minusSeconds(600)).expirationTime(null).build()));
		bad.put("Expired", LogoutTokens.sign(KEY,
				LogoutTokens.claims(now.minusSeconds(100)).expirationTime(Date.from(now.minusSeconds(60))).build()));
		bad.put("typ", LogoutTokens.sign(KEY, new JOSEObjectType("at+jwt"), LogoutTokens.claims(now).build()));
		bad.put("no matching key", LogoutTokens.sign(LogoutTokens.rsaKey("rsa-2"), LogoutTokens.claims(now).build()));
		bad.put("not a JWT", "not-a-jwt");
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (Map.Entry<String, String> token : bad.entrySet()) {
				expectRejected(logout(mvc, token.getValue()), token.getKey());
			}
			assertThat(context.getBean(RecordingCacheEviction.class).calls()).isEmpty();
		});
	}

	@Test
	void requestsOtherThanAPostOfOneLogoutTokenAreRefusedAndOtherPathsStillNeedAToken() {
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			expectRejected(mvc.perform(post(PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)),
					"one logout_token");
			String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).build());
			expectRejected(mvc.perform(
					post(PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("logout_token", token, token)),
					"one logout_token");
			assertThat(context.getBean(RecordingCacheEviction.class).calls()).isEmpty();
			mvc.perform(get(PATH)).andExpect(status().isMethodNotAllowed()).andExpect(header().string("Allow", "POST"));
			mvc.perform(
					post(PATH + "/more").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("logout_token", "x"))
				.andExpect(status().isUnauthorized());
			mvc.perform(get("/api/hello")).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void pathIsConfigurable() {
		runner("introspection.backchannel-logout.path=/oidc/logout").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).build());
			mvc.perform(post("/oidc/logout").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("logout_token", token)).andExpect(status().isOk());
			mvc.perform(post(PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("logout_token", token))
				.andExpect(status().isUnauthorized());
		});
	}

	@Test
	void failingEvictionIs400ServerErrorNeverA500() {
		runner().run((context) -> {
			context.getBean(RecordingCacheEviction.class).fail();
			String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).build());
			logout(TestApp.mvc(context), token).andExpect(status().isBadRequest())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.error").value("server_error"));
		});
	}

	@Test
	void applicationsOwnChainWithCsrfOnDoesNotStandInTheWay() {
		runner().withUserConfiguration(OwnChain.class).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(post("/api/orders")).andExpect(status().isForbidden());
			String token = LogoutTokens.sign(KEY, LogoutTokens.claims(Instant.now()).build());
			logout(mvc, token).andExpect(status().isOk());
			assertThat(context.getBean(RecordingCacheEviction.class).calls()).containsExactly("session:session-1");
		});
	}

	private WebApplicationContextRunner runner(String... properties) {
		return TestApp
			.runner(this.idp, "introspection.backchannel-logout.enabled=true",
					"introspection.backchannel-logout.issuer=" + LogoutTokens.ISSUER,
					"introspection.backchannel-logout.jwk-set-uri=" + this.jwks.url())
			.withPropertyValues(properties)
			.withBean(RecordingCacheEviction.class, RecordingCacheEviction::new, (bean) -> bean.setPrimary(true));
	}

	private static ResultActions logout(MockMvc mvc, String token) throws Exception {
		return mvc.perform(post(PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("logout_token", token));
	}

	private static void expectRejected(ResultActions result, String reason) throws Exception {
		result.andExpect(status().isBadRequest())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.error_description").value(org.hamcrest.Matchers.containsString(reason)));
	}

	private static String jwtPayload(String token) {
		return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

}
