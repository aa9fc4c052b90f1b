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

import io.github.introspection.provider.IntrospectionProviders;
import io.github.introspection.provider.ProviderAuthenticationManagerResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.authentication.AuthenticationManagerResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code introspection.providers}: the beans appear only when providers are configured,
 * back off for the application's own resolver, and bad settings fail at start-up naming
 * the provider's key.
 */
class ProvidersAutoConfigurationTests {

	private static final String A = "introspection.providers.partners.";

	private static final String B = "introspection.providers.staff.";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class,
				IntrospectionWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("introspection.client-config.url=https://idp.example.com/introspect",
				"introspection.client-config.auth.client-id=app",
				"introspection.client-config.auth.client-secret=top-secret-value");

	private final WebApplicationContextRunner partners = this.runner.withPropertyValues(
			A + "client-config.url=https://partners.example.com/introspect", A + "client-config.auth.client-id=api",
			A + "client-config.auth.client-secret=partner-secret-value", A + "match.paths=/partners/**");

	@Test
	void noProviderBeansWithoutProviders() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(IntrospectionProviders.class);
			assertThat(context).doesNotHaveBean(AuthenticationManagerResolver.class);
		});
	}

	@Test
	void providersGetTheirStackAndTheResolver() {
		this.partners.run((context) -> {
			assertThat(context).hasSingleBean(ProviderAuthenticationManagerResolver.class);
			assertThat(context.getBean(IntrospectionProviders.class).getStacks())
				.extracting(IntrospectionProviders.Stack::name)
				.containsExactly("partners");
			assertThat(context.getBean(ProviderAuthenticationManagerResolver.class).getProviders())
				.extracting(io.github.introspection.provider.IntrospectionProvider::getName)
				.containsExactly("default", "partners");
		});
	}

	@Test
	void resolverBacksOffForTheApplicationsOwn() {
		this.partners.withBean("ownResolver", AuthenticationManagerResolver.class, () -> (request) -> null)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ProviderAuthenticationManagerResolver.class);
				assertThat(context).hasBean("ownResolver");
			});
	}

	@Test
	void providersWithTheSameEndpointStillHaveTheirOwnCacheKeys() {
		IntrospectionProperties properties = new IntrospectionProperties();
		properties.getClientConfig().setUrl("https://idp.example.com/introspect");
		IntrospectionProperties.Provider provider = new IntrospectionProperties.Provider();
		provider.getClientConfig().setUrl("https://idp.example.com/introspect");
		assertThat(ProviderSettings.of(properties).cacheEndpoint()).isEqualTo("https://idp.example.com/introspect");
		assertThat(ProviderSettings.of("partners", provider).cacheEndpoint())
			.isEqualTo("providers.partners|https://idp.example.com/introspect");
	}

	@Test
	void startupFailsOnAnUnknownSelector() {
		this.partners.withPropertyValues(A + "match.path=/other/**")
			.run((context) -> assertInvalid(context, A + "match.path", "is not a provider setting"));
	}

	@Test
	void startupFailsOnAMisspeltProviderSetting() {
		this.partners.withPropertyValues(A + "issuer=https://partners.example.com")
			.run((context) -> assertInvalid(context, A + "issuer", "is not a provider setting"));
	}

	@Test
	void startupFailsWhenAProviderHasNeitherUrlNorIssuer() {
		this.runner
			.withPropertyValues(A + "client-config.auth.client-id=api", A + "client-config.auth.client-secret=x",
					A + "match.paths=/partners/**")
			.run((context) -> assertInvalid(context, A + "client-config.url", "or set " + A + "issuer-uri"));
	}

	@Test
	void startupFailsWhenAProviderMissesItsClientSecret() {
		this.partners.withPropertyValues(A + "client-config.auth.client-secret=")
			.run((context) -> assertInvalid(context, A + "client-config.auth.client-secret",
					"is required when " + A + "client-config.auth.method is"));
	}

	@Test
	void startupFailsWhenAProviderSelectsNothing() {
		this.partners.withPropertyValues(A + "match.paths=")
			.run((context) -> assertInvalid(context, A + "match", "must choose some requests"));
	}

	@Test
	void startupFailsWhenAHeaderSelectorHasNoValue() {
		this.partners.withPropertyValues(A + "match.header.name=X-Tenant")
			.run((context) -> assertInvalid(context, A + "match.header.value", "is required"));
	}

	@Test
	void startupFailsWhenAPathPatternIsInvalid() {
		this.partners.withPropertyValues(A + "match.paths=partners")
			.run((context) -> assertInvalid(context, A + "match.paths[0]", "must be a path pattern"));
	}

	@Test
	void startupFailsOnTheReservedNameDefault() {
		this.runner
			.withPropertyValues("introspection.providers.default.client-config.url=https://x.example.com/i",
					"introspection.providers.default.match.paths=/x/**")
			.run((context) -> assertInvalid(context, "introspection.providers", "cannot name a provider"));
	}

	@Test
	void startupFailsWhenTwoProvidersOverlapByPath() {
		staff(B + "match.paths=/partners/admin/**")
			.run((context) -> assertInvalid(context, B + "match.paths[0]", "overlaps " + A + "match.paths[0]"));
	}

	@Test
	void startupFailsWhenTwoProvidersShareAHeaderValue() {
		staff(A + "match.header.name=X-Tenant", A + "match.header.value=p", B + "match.header.name=x-tenant",
				B + "match.header.value=p")
			.run((context) -> assertInvalid(context, B + "match.header.value", "is also " + A));
	}

	@Test
	void startupFailsWhenTwoProvidersShareAnIssuer() {
		staff(A + "match.issuers=https://idp.example.com/realms/a", B + "issuer-uri=https://idp.example.com/realms/a")
			.run((context) -> assertInvalid(context, B + "match.issuers", "also selects provider 'partners'"));
	}

	private WebApplicationContextRunner staff(String... properties) {
		return this.partners
			.withPropertyValues(B + "client-config.url=https://staff.example.com/introspect",
					B + "client-config.auth.client-id=api", B + "client-config.auth.client-secret=staff-secret-value")
			.withPropertyValues(properties);
	}

	private static void assertInvalid(AssertableWebApplicationContext context, String key, String reason) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.satisfies((ex) -> {
				InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) ex;
				assertThat(invalid.getName()).isEqualTo(key);
				assertThat(invalid.getMessage()).contains(reason);
			});
	}

}
