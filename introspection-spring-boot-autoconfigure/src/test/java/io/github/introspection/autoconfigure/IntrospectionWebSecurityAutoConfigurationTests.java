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

package io.github.introspection.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.introspection.token.CookieTokenCsrfFilter;
import io.github.introspection.web.IntrospectionChainSettings;
import jakarta.servlet.Filter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class IntrospectionWebSecurityAutoConfigurationTests {

	private MockWebServer idp;

	private WebApplicationContextRunner runner;

	@BeforeEach
	void startIdp() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
		this.runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class,
					IntrospectionWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
					SecurityFilterAutoConfiguration.class, WebMvcAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class))
			.withUserConfiguration(HelloController.class)
			.withPropertyValues("introspection.client-config.url=" + this.idp.url("/introspect"),
					"introspection.client-config.auth.client-id=app",
					"introspection.client-config.auth.client-secret=s3cret",
					"introspection.client-config.max-retries=0", "introspection.public-paths=/public/**");
	}

	@AfterEach
	void stopIdp() {
		this.idp.close();
	}

	@Test
	void activeTokenReachesTheControllerWithItsClaims() {
		this.idp.enqueue(json("{\"active\":true,\"sub\":\"alice\",\"scope\":\"orders:read\"}"));
		this.runner.run((context) -> {
			mvc(context).perform(get("/api/hello").header("Authorization", "Bearer abc"))
				.andExpect(status().isOk())
				.andExpect(content().string("hello, alice"));
			RecordedRequest request = this.idp.takeRequest(1, TimeUnit.SECONDS);
			assertThat(request.getBody().utf8()).isEqualTo("token=abc");
		});
	}

	@Test
	void missingTokenIsUnauthorizedWithABareBearerChallenge() {
		this.runner.run((context) -> mvc(context).perform(get("/api/hello"))
			.andExpect(status().isUnauthorized())
			.andExpect(
					header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer resource_metadata"))));
	}

	@Test
	void publicPathNeedsNoToken() {
		this.runner.run((context) -> mvc(context).perform(get("/public/hello")).andExpect(status().isOk()));
	}

	@Test
	void inactiveTokenIsInvalidToken() {
		this.idp.enqueue(json("{\"active\":false}"));
		this.runner.run((context) -> mvc(context).perform(get("/api/hello").header("Authorization", "Bearer abc"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate",
					org.hamcrest.Matchers.containsString("error=\"invalid_token\"")))
			.andExpect(content().contentType("application/problem+json")));
	}

	@Test
	void idpFailureIsServiceUnavailable() {
		this.idp.enqueue(new MockResponse.Builder().code(500).build());
		this.runner.run((context) -> mvc(context).perform(get("/api/hello").header("Authorization", "Bearer abc"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(header().doesNotExist("WWW-Authenticate")));
	}

	@Test
	void defaultChainIsBuiltWithTheConfigurerAndStaysLean() {
		this.runner.withPropertyValues("introspection.token-source.cookie=access_token").run((context) -> {
			SecurityFilterChain chain = context.getBean("introspectionSecurityFilterChain", SecurityFilterChain.class);
			assertThat(chain.getFilters()).map(Filter::getClass)
				.contains(CookieTokenCsrfFilter.class, BearerTokenAuthenticationFilter.class)
				.doesNotContain(CsrfFilter.class, SessionManagementFilter.class, DisableEncodeUrlFilter.class,
						RequestCacheAwareFilter.class, LogoutFilter.class, AnonymousAuthenticationFilter.class);
		});
	}

	@Test
	void chainSettingsAreParsedFromTheProperties() {
		this.runner.withPropertyValues("introspection.claims=Equals(`group`, `dev`)",
				"introspection.resource=https://api.example.com", "introspection.forward-headers.X-Auth-Subject=sub")
			.run((context) -> {
				IntrospectionChainSettings settings = context.getBean(IntrospectionChainSettings.class);
				assertThat(settings.publicPaths()).containsExactly("/public/**");
				assertThat(settings.claims()).isNotNull();
				assertThat(settings.resource()).hasToString("https://api.example.com");
				assertThat(settings.cookieCsrfProtection()).isTrue();
				assertThat(settings.forwardedHeaders()).isNotNull();
			});
	}

	@Test
	void chainSettingsBackOffForTheApplicationsOwn() {
		IntrospectionChainSettings own = new IntrospectionChainSettings(List.of(), null, null, true, null);
		this.runner.withBean("ownSettings", IntrospectionChainSettings.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean("introspectionChainSettings");
			assertThat(context.getBean(IntrospectionChainSettings.class)).isSameAs(own);
			// no public paths any more
			mvc(context).perform(get("/public/hello")).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void filterChainUsesTheRegexFreeStrictFirewall() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("introspectionHttpFirewall");
			assertThat(firewallOf(context)).isSameAs(context.getBean(HttpFirewall.class));
			mvc(context).perform(get("/public/hello").header("X-Bad", "a\u0007b")).andExpect(status().isOk());
			// The firewall checks a header when the application reads it.
			mvc(context).perform(get("/api/hello").header("Authorization", "Bearer a\u0007b"))
				.andExpect(status().isBadRequest());
		});
	}

	@Test
	void applicationFirewallReplacesTheStartersFirewall() {
		StrictHttpFirewall own = new StrictHttpFirewall();
		this.runner.withBean("ownFirewall", HttpFirewall.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean("introspectionHttpFirewall");
			assertThat(firewallOf(context)).isSameAs(own);
		});
	}

	// The firewall of the FilterChainProxy inside Spring Security's composite proxy.
	private static Object firewallOf(WebApplicationContext context) {
		FilterChainProxy composite = context.getBean(FilterChainProxy.class);
		Object inner = ReflectionTestUtils.getField(composite, "springSecurityFilterChain");
		return ReflectionTestUtils.getField(inner, "firewall");
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	@RestController
	@Configuration(proxyBeanMethods = false)
	static class HelloController {

		@GetMapping("/api/hello")
		String hello(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
			return "hello, " + principal.getName();
		}

		@GetMapping("/public/hello")
		String publicHello() {
			return "hello, world";
		}

	}

}
