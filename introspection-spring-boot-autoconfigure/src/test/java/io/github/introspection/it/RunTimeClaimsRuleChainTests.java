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

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @PreAuthorize} rule only known at run time, through the starter's default
 * filter chain: one that does not parse is a 500 problem that holds neither the rule nor
 * a stack trace, with one log line per request.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunTimeClaimsRuleChainTests {

	private static final String LOG_LINE = "A claims rule given to the claims bean at run time does not parse";

	private MockWebServer idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
		this.idp.enqueue(TestApp.json("{\"active\":true,\"sub\":\"alice\",\"tenant\":\"acme\"}"));
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void requestWhenTheRuleParsesThenItAuthorizes() {
		TestApp.runner(this.idp)
			.withUserConfiguration(TenantEndpoints.class)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/tenants").param("tenant", "acme").header("Authorization", "Bearer t"))
				.andExpect(status().isOk())
				.andExpect(content().string("tenant acme")));
	}

	@Test
	void requestWhenTheRuleDoesNotParseThenServerErrorProblemWithoutRuleOrStackTrace(CapturedOutput output) {
		TestApp.runner(this.idp).withUserConfiguration(TenantEndpoints.class).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (int i = 0; i < 2; i++) {
				MockHttpServletResponse response = mvc
					.perform(get("/api/tenants").param("tenant", "globex-7f3a").header("Authorization", "Bearer t"))
					.andExpect(status().isInternalServerError())
					.andExpect(content().contentType("application/problem+json"))
					.andExpect(jsonPath("$.status").value(500))
					.andExpect(jsonPath("$.detail").value("The authorization rule of this resource is not valid"))
					.andExpect(jsonPath("$.instance").value("/api/tenants"))
					.andExpect(header().doesNotExist("WWW-Authenticate"))
					.andReturn()
					.getResponse();
				assertThat(response.getContentAsString()).doesNotContain("globex-7f3a", "Equals", "Exception",
						"position");
			}
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains(LOG_LINE))).hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("at position 30 of 30 characters")
				.contains("TenantController#tenant")
				.doesNotContain("globex-7f3a"));
		assertThat(output).doesNotContain("InvalidClaimsRuleException:", "\tat ", "globex-7f3a");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class TenantEndpoints {

		@Bean
		TenantRules tenantRules() {
			return new TenantRules();
		}

		@Bean
		TenantController tenantController() {
			return new TenantController();
		}

	}

	/**
	 * Rules by tenant, as an application might read them from a database: one of them is
	 * broken.
	 */
	static class TenantRules {

		public String ruleFor(String tenant) {
			return "acme".equals(tenant) ? "Equals(`tenant`, `acme`)" : "Equals(`tenant`, `" + tenant + "`";
		}

	}

	@RestController
	static class TenantController {

		@GetMapping("/api/tenants")
		@PreAuthorize("@claims.matches(@tenantRules.ruleFor(#tenant))")
		String tenant(@RequestParam String tenant) {
			return "tenant " + tenant;
		}

	}

}
