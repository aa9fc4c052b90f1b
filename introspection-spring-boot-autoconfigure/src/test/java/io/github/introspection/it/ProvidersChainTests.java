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

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.github.introspection.autoconfigure.IntrospectionActuatorAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Several identity providers side by side ({@code introspection.providers}): each request
 * is introspected by one of them, chosen by path, by header or by the unverified
 * {@code iss} of a JWT-shaped token, and their answers never cross.
 */
class ProvidersChainTests {

	private static final String PARTNERS_ISSUER = "https://partners.example.com/realms/partners";

	private static final String STAFF_ISSUER = "https://staff.example.com/realms/staff";

	private Idp main;

	private Idp partners;

	private Idp staff;

	@BeforeEach
	void start() throws IOException {
		this.main = new Idp();
		this.partners = new Idp();
		this.staff = new Idp();
	}

	@AfterEach
	void stop() {
		this.main.server.close();
		this.partners.server.close();
		this.staff.server.close();
	}

	private WebApplicationContextRunner runner() {
		String p = "introspection.providers.partners.";
		String s = "introspection.providers.staff.";
		return TestApp.runner(this.main.server)
			.withConfiguration(AutoConfigurations.of(IntrospectionActuatorAutoConfiguration.class))
			.withUserConfiguration(PartnerEndpoints.class)
			.withPropertyValues(p + "client-config.url=" + this.partners.server.url("/introspect"),
					p + "client-config.auth.client-id=partners-api",
					p + "client-config.auth.client-secret=partners-secret", p + "client-config.max-retries=0",
					p + "match.paths=/partners/**", p + "match.issuers=" + PARTNERS_ISSUER,
					p + "username-claim=preferred_username",
					s + "client-config.url=" + this.staff.server.url("/introspect"),
					s + "client-config.auth.client-id=staff-api", s + "client-config.auth.client-secret=staff-secret",
					s + "client-config.max-retries=0", s + "match.header.name=X-Realm", s + "match.header.value=staff",
					s + "match.issuers=" + STAFF_ISSUER);
	}

	@Test
	void requestsWithoutASelectorAreServedByTheDefaultProvider() {
		this.main.answer("main-token", "{\"active\":true,\"sub\":\"alice\"}");
		runner().run((context) -> {
			hello(TestApp.mvc(context), "/api/hello", "main-token").andExpect(status().isOk())
				.andExpect(content().string("hello, alice"));
			assertThat(this.main.calls()).isEqualTo(1);
			assertThat(this.partners.calls() + this.staff.calls()).isZero();
		});
	}

	@Test
	void aPathSelectsItsProviderWithItsOwnUsernameClaim() {
		this.partners.answer("partner-token", "{\"active\":true,\"sub\":\"p-1\",\"preferred_username\":\"pat\"}");
		runner().run((context) -> {
			hello(TestApp.mvc(context), "/partners/hello", "partner-token").andExpect(status().isOk())
				.andExpect(content().string("partner pat"));
			assertThat(this.partners.tokens).containsOnlyKeys("partner-token");
			assertThat(this.main.calls() + this.staff.calls()).isZero();
			assertThat(this.partners.lastClient).isEqualTo("partners-api");
		});
	}

	@Test
	void aHeaderSelectsItsProvider() {
		this.staff.answer("staff-token", "{\"active\":true,\"sub\":\"sam\"}");
		runner().run((context) -> {
			TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer staff-token").header("X-Realm", "staff"))
				.andExpect(status().isOk())
				.andExpect(content().string("hello, sam"));
			assertThat(this.staff.calls()).isEqualTo(1);
			assertThat(this.main.calls() + this.partners.calls()).isZero();
			// another header value is no selector: the default provider answers
			TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer staff-token").header("X-Realm", "other"))
				.andExpect(status().isUnauthorized());
			assertThat(this.main.calls()).isEqualTo(1);
			assertThat(this.staff.calls()).isEqualTo(1);
		});
	}

	@Test
	void theUnverifiedIssuerOfAJwtShapedTokenSelectsItsProvider() {
		String token = jwt(STAFF_ISSUER);
		this.staff.answer(token, "{\"active\":true,\"sub\":\"sam\",\"iss\":\"" + STAFF_ISSUER + "\"}");
		runner().run((context) -> {
			hello(TestApp.mvc(context), "/api/hello", token).andExpect(status().isOk())
				.andExpect(content().string("hello, sam"));
			assertThat(this.staff.calls()).isEqualTo(1);
			assertThat(this.main.calls() + this.partners.calls()).isZero();
		});
	}

	@Test
	void anAnswerFromAnotherIssuerThanTheTokensIsRejected() {
		String token = jwt(STAFF_ISSUER);
		this.staff.answer(token, "{\"active\":true,\"sub\":\"sam\",\"iss\":\"https://elsewhere.example.com\"}");
		String noIssuer = jwt(PARTNERS_ISSUER);
		this.partners.answer(noIssuer, "{\"active\":true,\"sub\":\"pat\"}");
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			hello(mvc, "/api/hello", token).andExpect(status().isUnauthorized());
			hello(mvc, "/api/hello", noIssuer).andExpect(status().isUnauthorized());
			assertThat(this.staff.calls()).isEqualTo(1);
			assertThat(this.partners.calls()).isEqualTo(1);
			assertThat(this.main.calls()).isZero();
		});
	}

	@Test
	void aTokenOfOneProviderOnAnotherProvidersPathIsRejectedWithoutAskingItsOwn() {
		// a staff token, even one that names the staff issuer, sent on the partners' path
		String token = jwt(STAFF_ISSUER);
		this.staff.answer(token, "{\"active\":true,\"sub\":\"sam\",\"iss\":\"" + STAFF_ISSUER + "\"}");
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			hello(mvc, "/api/hello", token).andExpect(status().isOk());
			assertThat(this.staff.calls()).isEqualTo(1);
			hello(mvc, "/partners/hello", token).andExpect(status().isUnauthorized());
			assertThat(this.partners.tokens).containsOnlyKeys(token);
			assertThat(this.staff.calls()).as("the staff IdP is not asked again").isEqualTo(1);
			assertThat(this.main.calls()).isZero();
		});
	}

	@Test
	void cachedAnswersNeverCrossProviders() {
		this.main.answer("shared-token", "{\"active\":true,\"sub\":\"alice\"}");
		this.partners.answer("shared-token", "{\"active\":true,\"sub\":\"p-2\",\"preferred_username\":\"pat\"}");
		runner().run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (int i = 0; i < 2; i++) {
				hello(mvc, "/api/hello", "shared-token").andExpect(content().string("hello, alice"));
				hello(mvc, "/partners/hello", "shared-token").andExpect(content().string("partner pat"));
			}
			assertThat(this.main.calls()).as("one call per provider, then cached").isEqualTo(1);
			assertThat(this.partners.calls()).isEqualTo(1);
		});
	}

	@Test
	void metersAndHealthNameTheProvider() {
		this.main.answer("main-token", "{\"active\":true,\"sub\":\"alice\"}");
		this.partners.answer("partner-token", "{\"active\":true,\"sub\":\"pat\"}");
		runner().run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			MockMvc mvc = TestApp.mvc(context);
			hello(mvc, "/api/hello", "main-token").andExpect(status().isOk());
			hello(mvc, "/partners/hello", "partner-token").andExpect(status().isOk());
			hello(mvc, "/partners/hello", "partner-token").andExpect(status().isOk());
			assertThat(requests(registry, "default", "idp")).isEqualTo(1);
			assertThat(requests(registry, "partners", "idp")).isEqualTo(1);
			assertThat(requests(registry, "partners", "cache")).isEqualTo(1);
			assertThat(requests(registry, "staff", "idp")).isZero();
			assertThat(registry.get("introspection.circuit.state").tag("provider", "staff").gauges()).isNotEmpty();
			assertThat(registry.get("cache.gets")
				.tags("cache", "introspection-partners", "result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.find("cache.gets").tags("cache", "introspection-staff").meters()).isNotEmpty();
			HealthContributors health = context.getBean("introspectionProvidersHealthContributor",
					CompositeHealthContributor.class);
			assertThat(health.stream().map((entry) -> entry.name())).containsExactly("partners", "staff");
		});
	}

	@Test
	void theApplicationsOwnResolverServesTheRequests() {
		this.main.answer("main-token", "{\"active\":true,\"sub\":\"alice\"}");
		AuthenticationManager refuseAll = (authentication) -> {
			throw new InvalidBearerTokenException("refused by the application's resolver");
		};
		runner().withBean("ownResolver", AuthenticationManagerResolver.class, () -> (request) -> refuseAll)
			.run((context) -> {
				hello(TestApp.mvc(context), "/api/hello", "main-token").andExpect(status().isUnauthorized());
				assertThat(this.main.calls() + this.partners.calls() + this.staff.calls()).isZero();
			});
	}

	private static double requests(SimpleMeterRegistry registry, String provider, String source) {
		return registry.get("introspection.requests")
			.tags("provider", provider, "source", source, "outcome", "active")
			.functionCounter()
			.count();
	}

	private static org.springframework.test.web.servlet.ResultActions hello(MockMvc mvc, String path, String token)
			throws Exception {
		return mvc.perform(get(path).header("Authorization", "Bearer " + token));
	}

	private static String jwt(String issuer) {
		return new PlainJWT(new JWTClaimsSet.Builder().issuer(issuer).subject("someone").build()).serialize();
	}

	/**
	 * An identity provider with scripted answers (inactive for any other token).
	 */
	private static final class Idp {

		final MockWebServer server = new MockWebServer();

		final Map<String, String> answers = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> tokens = new ConcurrentHashMap<>();

		volatile String lastClient;

		Idp() throws IOException {
			this.server.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					String body = request.getBody().utf8();
					String token = body.startsWith("token=")
							? URLDecoder.decode(body.substring(6).split("&")[0], StandardCharsets.UTF_8) : "";
					Idp.this.tokens.computeIfAbsent(token, (key) -> new AtomicInteger()).incrementAndGet();
					String authorization = request.getHeaders().get("Authorization");
					Idp.this.lastClient = (authorization != null)
							? new String(java.util.Base64.getDecoder().decode(authorization.substring(6)),
									StandardCharsets.UTF_8)
								.split(":")[0]
							: null;
					return TestApp.json(Idp.this.answers.getOrDefault(token, "{\"active\":false}"));
				}
			});
			this.server.start();
		}

		void answer(String token, String json) {
			this.answers.put(token, json);
		}

		int calls() {
			return this.tokens.values().stream().mapToInt(AtomicInteger::get).sum();
		}

	}

	@RestController
	@Configuration(proxyBeanMethods = false)
	static class PartnerEndpoints {

		@GetMapping("/partners/hello")
		String hello(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
			return "partner " + principal.getName();
		}

	}

}
