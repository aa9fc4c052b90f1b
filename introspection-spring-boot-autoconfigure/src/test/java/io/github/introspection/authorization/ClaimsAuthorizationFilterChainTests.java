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

package io.github.introspection.authorization;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.web.Claim;
import io.github.introspection.web.ClaimArgumentResolver;
import io.github.introspection.web.ForwardedHeadersFilter;
import io.github.introspection.error.IntrospectionAccessDeniedHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pieces wired into a stateless resource-server filter chain the way the
 * auto-configuration does, with a stand-in introspector.
 */
class ClaimsAuthorizationFilterChainTests {

	private static final String INSUFFICIENT_SCOPE = "Bearer error=\"insufficient_scope\"";

	private static AnnotationConfigWebApplicationContext context;

	private static MockMvc mvc;

	@BeforeAll
	static void startContext() {
		context = new AnnotationConfigWebApplicationContext();
		context.setServletContext(new MockServletContext());
		context.register(ChainConfiguration.class);
		context.refresh();
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@AfterAll
	static void closeContext() {
		context.close();
	}

	@Test
	void requestWhenTheGlobalRuleFailsThenForbiddenWithInsufficientScope() throws Exception {
		mvc.perform(get("/api/group").header("Authorization", "Bearer globex"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", startsWith(INSUFFICIENT_SCOPE)));
	}

	@Test
	void requestWhenThereIsNoTokenThenUnauthorized() throws Exception {
		mvc.perform(get("/api/group")).andExpect(status().isUnauthorized());
	}

	@Test
	void requestWhenTheGlobalRulePassesThenTheClaimIsInjected() throws Exception {
		mvc.perform(get("/api/group").header("Authorization", "Bearer dev"))
			.andExpect(status().isOk())
			.andExpect(content().string("dev"));
	}

	@Test
	void requestWhenARequiredClaimIsMissingThenForbiddenNotServerError() throws Exception {
		mvc.perform(get("/api/group").header("Authorization", "Bearer nogroup"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", startsWith(INSUFFICIENT_SCOPE)));
	}

	@Test
	void requestWhenAPerPathRuleFailsThenForbidden() throws Exception {
		mvc.perform(get("/ops/status").header("Authorization", "Bearer dev")).andExpect(status().isForbidden());
		mvc.perform(get("/ops/status").header("Authorization", "Bearer ops")).andExpect(status().isOk());
		mvc.perform(get("/ops/status")).andExpect(status().isUnauthorized());
	}

	@Test
	void requestWhenRequireClaimsFailsOnAControllerThenForbidden() throws Exception {
		mvc.perform(get("/api/dev").header("Authorization", "Bearer dev")).andExpect(status().isOk());
		mvc.perform(get("/api/dev").header("Authorization", "Bearer ops"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", startsWith(INSUFFICIENT_SCOPE)));
	}

	@Test
	void requestWhenAuthorizedThenTheControllerSeesForwardedHeadersAndNoCredential() throws Exception {
		mvc.perform(get("/api/forwarded?access_token=dev&page=2").header("X-Auth-Group", "admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.x-auth-subject").value("alice"))
			.andExpect(jsonPath("$.x-auth-group").value("dev"))
			.andExpect(jsonPath("$.query").value("page=2"))
			.andExpect(jsonPath("$.authorization").doesNotExist());
	}

	@Test
	void requestWhenAnonymousOnAPublicPathThenForgedHeadersAreDropped() throws Exception {
		mvc.perform(get("/public/forwarded").header("X-Auth-Subject", "root"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.x-auth-subject").doesNotExist());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@EnableWebSecurity
	@EnableMethodSecurity
	static class ChainConfiguration implements WebMvcConfigurer {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of("Authorization", "Bearer",
					"access_token", null);
			IntrospectionAccessDeniedHandler accessDeniedHandler = new IntrospectionAccessDeniedHandler();
			ClaimsAuthorizationManager global = ClaimsAuthorizationManager.ofProperty("introspection.claims",
					"Equals(`tenant`, `acme`)");
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**")
				.permitAll()
				.requestMatchers("/ops/**")
				.access(ClaimsAuthorizationManager.of("Equals(`group`, `ops`)"))
				.anyRequest()
				.access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(), global)));
			http.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(resolver)
				.accessDeniedHandler(accessDeniedHandler)
				.opaqueToken((opaqueToken) -> opaqueToken.introspector(introspector())));
			http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(accessDeniedHandler));
			http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf((csrf) -> csrf.disable());
			http.anonymous((anonymous) -> anonymous.disable());
			http.addFilterAfter(
					ForwardedHeadersFilter.ofProperties("introspection.forward-headers",
							Map.of("X-Auth-Subject", "sub", "X-Auth-Group", "group"), false, resolver),
					AuthorizationFilter.class);
			return http.build();
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AuthorizationManagerBeforeMethodInterceptor requireClaimsAuthorizationMethodInterceptor() {
			return RequireClaimsAuthorizationManager.interceptor();
		}

		@Bean
		ClaimsExpressions claims() {
			return new ClaimsExpressions();
		}

		@Bean
		ClaimsController claimsController() {
			return new ClaimsController();
		}

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(new ClaimArgumentResolver());
		}

		private static OpaqueTokenIntrospector introspector() {
			Map<String, Map<String, Object>> tokens = Map.of("dev",
					Map.of("sub", "alice", "tenant", "acme", "group", "dev"), "ops",
					Map.of("sub", "bob", "tenant", "acme", "group", "ops"), "nogroup",
					Map.of("sub", "carol", "tenant", "acme"), "globex",
					Map.of("sub", "dave", "tenant", "globex", "group", "dev"));
			return (token) -> {
				Map<String, Object> claims = tokens.get(token);
				if (claims == null) {
					throw new BadOpaqueTokenException("Token is not active");
				}
				return new OAuth2IntrospectionAuthenticatedPrincipal(claims, List.of());
			};
		}

	}

	@RestController
	static class ClaimsController {

		@GetMapping("/api/group")
		String group(@Claim("group") String group) {
			return group;
		}

		@GetMapping("/api/dev")
		@RequireClaims("Equals(`group`, `dev`)")
		String dev() {
			return "dev";
		}

		@GetMapping("/ops/status")
		String ops() {
			return "ok";
		}

		@GetMapping({ "/api/forwarded", "/public/forwarded" })
		Map<String, String> forwarded(HttpServletRequest request) {
			Map<String, String> seen = new TreeMap<>();
			for (String name : List.of("X-Auth-Subject", "X-Auth-Group", "Authorization")) {
				String value = request.getHeader(name);
				if (value != null) {
					seen.put(name.toLowerCase(Locale.ROOT), value);
				}
			}
			if (request.getQueryString() != null) {
				seen.put("query", request.getQueryString());
			}
			return seen;
		}

	}

}
