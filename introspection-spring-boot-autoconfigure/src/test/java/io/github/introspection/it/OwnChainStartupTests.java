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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chain of the application's own that accepts cookie tokens without the cross-site
 * guard fails start-up with a message that names the fix.
 */
class OwnChainStartupTests {

	private FakeIdp idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new FakeIdp(Set.of());
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void chainWithCookieTokensButWithoutTheGuardFailsStartUp() {
		TestApp.runner(this.idp.server()).withUserConfiguration(UnguardedChain.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Security filter chain 'api' accepts access tokens in the cookie 'access_token'")
				.hasMessageContaining("http.with(IntrospectionConfigurer.introspection(), Customizer.withDefaults())")
				.hasMessageContaining("introspection.token-source.cookie-csrf-protection=false");
		});
	}

	@Test
	void chainWithoutTheGuardStartsWhenTheGuardIsTurnedOff() {
		TestApp.runner(this.idp.server(), "introspection.token-source.cookie-csrf-protection=false")
			.withUserConfiguration(UnguardedChain.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void chainWithoutTheGuardStartsWithoutCookieTokens() {
		TestApp.runner(this.idp.server(), "introspection.token-source.cookie=")
			.withUserConfiguration(UnguardedChain.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void chainWithAResolverOfItsOwnThatReadsNoCookieStarts() {
		TestApp.runner(this.idp.server())
			.withUserConfiguration(OwnResolverChain.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void configurerWithoutTheStartersBeansFailsStartUpSayingSo() {
		TestApp.runner(this.idp.server(), "introspection.enabled=false")
			.withUserConfiguration(OwnChainTests.OwnChain.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("IntrospectionConfigurer needs the introspection starter's beans");
			});
	}

	@Test
	void badWebSettingsFailStartUpWithAChainOfTheApplicationsOwn() {
		TestApp.runner(this.idp.server(), "introspection.public-paths=public/**")
			.withUserConfiguration(OwnChainTests.OwnChain.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("introspection.public-paths[0]");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UnguardedChain {

		@Bean
		SecurityFilterChain api(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnResolverChain {

		@Bean
		SecurityFilterChain api(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer(
						(resourceServer) -> resourceServer.bearerTokenResolver(new DefaultBearerTokenResolver())
							.opaqueToken(Customizer.withDefaults()));
			return http.build();
		}

	}

}
