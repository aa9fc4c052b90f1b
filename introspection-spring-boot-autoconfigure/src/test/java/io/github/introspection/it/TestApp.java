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

import io.github.introspection.autoconfigure.IntrospectionAutoConfiguration;
import io.github.introspection.autoconfigure.IntrospectionWebSecurityAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * A small servlet app protected by the starter, for tests that drive the whole filter
 * chain with MockMvc against a {@link MockWebServer} identity provider.
 */
final class TestApp {

	static final String CLIENT_SECRET = "client-secret-7f3a9c";

	private TestApp() {
	}

	static WebApplicationContextRunner runner(MockWebServer idp, String... properties) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class,
					IntrospectionWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
					WebMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class))
			.withUserConfiguration(Endpoints.class)
			.withPropertyValues("introspection.client-config.url=" + idp.url("/introspect"),
					"introspection.client-config.auth.client-id=app",
					"introspection.client-config.auth.client-secret=" + CLIENT_SECRET,
					"introspection.client-config.max-retries=0", "introspection.client-config.timeout=1s",
					"introspection.token-source.query=access_token", "introspection.token-source.cookie=access_token",
					"introspection.public-paths=/public/**")
			.withPropertyValues(properties);
	}

	static MockMvc mvc(WebApplicationContext context) {
		DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
		context.getBeanProvider(FilterRegistrationBean.class)
			.orderedStream()
			.forEach((registration) -> builder.addFilters(registration.getFilter()));
		return builder.apply(springSecurity()).build();
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	@RestController
	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		@GetMapping("/api/hello")
		String hello(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
			return "hello, " + principal.getName();
		}

		@PostMapping("/api/orders")
		String order(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
			return "ordered by " + principal.getName();
		}

		@GetMapping("/api/headers")
		String headers(HttpServletRequest request) {
			return "X-Auth-Subject=" + request.getHeader("X-Auth-Subject") + ";X-Auth-Roles="
					+ request.getHeader("X-Auth-Roles") + ";X-Auth-Missing=" + request.getHeader("X-Auth-Missing")
					+ ";Authorization=" + request.getHeader("Authorization");
		}

		@GetMapping("/public/hello")
		String publicHello() {
			return "hello, world";
		}

	}

}
