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

import java.util.Set;

import io.github.introspection.token.CookieTokenCsrfFilter;
import io.github.introspection.web.IntrospectionConfigurer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code SecurityFilterChain} of the application's own, built with
 * {@link IntrospectionConfigurer}, gets what the starter's default chain has: the cookie
 * guard, query tokens, forwarded headers, the global claims rule, public paths and the
 * RFC 6750 error answers; the chain's own rules still hold.
 */
class OwnChainTests {

	private static final String GOOD = "good-token";

	private FakeIdp idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new FakeIdp(Set.of(GOOD));
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	private WebApplicationContextRunner runner(String... properties) {
		return TestApp.runner(this.idp.server(), properties).withUserConfiguration(OwnChain.class, Items.class);
	}

	@Test
	void crossSiteCookiePostIsForbiddenAndSameOriginIsCreated() {
		runner().run((context) -> {
			assertThat(context).doesNotHaveBean("introspectionSecurityFilterChain");
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(
					post("/api/items").cookie(new Cookie("access_token", GOOD)).header("Sec-Fetch-Site", "cross-site"))
				.andExpect(status().isForbidden())
				.andExpect(content().contentType("application/problem+json"));
			mvc.perform(post("/api/items").cookie(new Cookie("access_token", GOOD))
				.header("Origin", "https://evil.example.com")).andExpect(status().isForbidden());
			assertThat(this.idp.calls()).as("cross-site requests never reach the IdP").isZero();
			mvc.perform(
					post("/api/items").cookie(new Cookie("access_token", GOOD)).header("Sec-Fetch-Site", "same-origin"))
				.andExpect(status().isCreated());
			mvc.perform(
					post("/api/items").cookie(new Cookie("access_token", GOOD)).header("Origin", "http://localhost"))
				.andExpect(status().isCreated());
		});
	}

	@Test
	void queryTokenIsAcceptedAndItsResponseIsNotStored() {
		runner().run((context) -> TestApp.mvc(context)
			.perform(get("/api/hello").queryParam("access_token", GOOD))
			.andExpect(status().isOk())
			.andExpect(content().string("hello, alice"))
			.andExpect(header().string("Cache-Control", "no-store")));
	}

	@Test
	void forwardedHeadersCarryClaimsAndForgedOnesAreRemoved() {
		runner("introspection.forward-headers.X-Auth-Subject=sub", "introspection.forward-authorization=false")
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/headers").header("Authorization", "Bearer " + GOOD)
					.header("X-Auth-Subject", "mallory"))
				.andExpect(status().isOk())
				.andExpect(content().string(startsWith("X-Auth-Subject=alice;")))
				.andExpect(content().string(containsString(";Authorization=null"))));
	}

	@Test
	void globalClaimsRuleHoldsOnEveryAuthenticatedRequest() {
		runner("introspection.claims=Equals(`group`, `ops`)").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + GOOD))
				.andExpect(status().isForbidden())
				.andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_scope\"")))
				.andExpect(content().contentType("application/problem+json"));
			mvc.perform(get("/public/hello")).andExpect(status().isOk());
		});
	}

	@Test
	void publicPathIgnoresABadTokenWithoutCallingTheIdp() {
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/public/hello").header("Authorization", "Bearer revoked")).andExpect(status().isOk());
			mvc.perform(get("/public/hello").header("Authorization", "Bearer tök")).andExpect(status().isOk());
			mvc.perform(get("/public/hello").header("Authorization", "Bearer " + GOOD)
				.cookie(new Cookie("access_token", GOOD))).andExpect(status().isOk());
			assertThat(this.idp.calls()).isZero();
		});
	}

	@Test
	void errorsAreAnsweredAsRfc6750SaysWithProblemBodies() {
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", startsWith("Bearer resource_metadata=")))
				.andExpect(content().contentType("application/problem+json"));
			mvc.perform(get("/api/hello").header("Authorization", "Bearer revoked"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")))
				.andExpect(jsonPath("$.status").value(401));
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + GOOD).queryParam("access_token", GOOD))
				.andExpect(status().isBadRequest())
				.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_request\"")));
		});
	}

	@Test
	void protectedResourceMetadataMatchesTheTokenSourcesAndTheResource() {
		runner("introspection.resource=https://api.example.com").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/.well-known/oauth-protected-resource"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.resource").value("https://api.example.com"))
				.andExpect(jsonPath("$.bearer_methods_supported", contains("header", "query")))
				.andExpect(jsonPath("$.tls_client_certificate_bound_access_tokens").value(true));
			mvc.perform(get("/api/hello"))
				.andExpect(header().string("WWW-Authenticate", containsString(
						"resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"")));
		});
	}

	@Test
	void unavailableIdpIsA503WithRetryAfter() {
		runner("introspection.client-config.url=http://127.0.0.1:1/introspect").run((context) -> TestApp.mvc(context)
			.perform(get("/api/hello").header("Authorization", "Bearer " + GOOD))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(header().doesNotExist("WWW-Authenticate")));
	}

	@Test
	void theChainsOwnRulesStillHold() {
		runner().run((context) -> TestApp.mvc(context)
			.perform(get("/api/admin").header("Authorization", "Bearer " + GOOD))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", containsString("error=\"insufficient_scope\""))));
	}

	@Test
	void chainIsStatelessWithTheCookieGuardAndTheFirewall() {
		runner().run((context) -> {
			SecurityFilterChain chain = context.getBean("api", SecurityFilterChain.class);
			assertThat(chain.getFilters()).map(Filter::getClass)
				.contains(CookieTokenCsrfFilter.class)
				.doesNotContain(CsrfFilter.class, SessionManagementFilter.class);
			assertThat(context).hasBean("introspectionHttpFirewall");
			assertThat(context.getBean(HttpFirewall.class)).isSameAs(context.getBean("introspectionHttpFirewall"));
		});
	}

	@Test
	void statelessCanBeLeftToTheChain() {
		TestApp.runner(this.idp.server()).withUserConfiguration(StatefulChain.class).run((context) -> {
			SecurityFilterChain chain = context.getBean("api", SecurityFilterChain.class);
			assertThat(chain.getFilters()).map(Filter::getClass)
				.contains(CookieTokenCsrfFilter.class, CsrfFilter.class);
		});
	}

	@Test
	void globalClaimsRuleCanBeLeftOut() {
		TestApp.runner(this.idp.server(), "introspection.claims=Equals(`group`, `ops`)")
			.withUserConfiguration(ChainWithoutClaims.class)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer " + GOOD))
				.andExpect(status().isOk()));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain api(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/admin")
				.hasAuthority("SCOPE_admin")
				.anyRequest()
				.authenticated());
			http.with(IntrospectionConfigurer.introspection(), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StatefulChain {

		@Bean
		SecurityFilterChain api(HttpSecurity http) {
			http.with(IntrospectionConfigurer.introspection(), (introspection) -> introspection.stateless(false));
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChainWithoutClaims {

		@Bean
		SecurityFilterChain api(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(IntrospectionConfigurer.introspection(), (introspection) -> introspection.claims(false));
			return http.build();
		}

	}

	@RestController
	@Configuration(proxyBeanMethods = false)
	static class Items {

		@PostMapping("/api/items")
		@ResponseStatus(HttpStatus.CREATED)
		String create() {
			return "created";
		}

		@GetMapping("/api/admin")
		String admin() {
			return "admin";
		}

	}

}
