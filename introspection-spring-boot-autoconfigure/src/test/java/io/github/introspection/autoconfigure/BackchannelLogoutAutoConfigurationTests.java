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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.github.introspection.cache.LocalReplayGuard;
import io.github.introspection.cache.ReplayGuard;
import io.github.introspection.logout.BackchannelLogoutFilter;
import io.github.introspection.logout.JwksServer;
import io.github.introspection.logout.LogoutTokenValidator;
import io.github.introspection.logout.LogoutTokens;
import io.github.introspection.logout.RecordingCacheEviction;
import io.github.introspection.logout.RecordingReplayGuard;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Auto-configuration of the back-channel logout endpoint
 * ({@code introspection.backchannel-logout.*}).
 */
class BackchannelLogoutAutoConfigurationTests {

	private static final String FILTER = "introspectionBackchannelLogoutFilter";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class,
				IntrospectionWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("introspection.client-config.url=https://idp.example.com/introspect",
				"introspection.client-config.auth.client-id=app",
				"introspection.client-config.auth.client-secret=top-secret-value");

	private final WebApplicationContextRunner enabled = this.runner
		.withPropertyValues("introspection.backchannel-logout.enabled=true",
				"introspection.backchannel-logout.issuer=" + LogoutTokens.ISSUER,
				"introspection.backchannel-logout.jwk-set-uri=https://idp.example.com/certs")
		.withBean(RecordingCacheEviction.class, RecordingCacheEviction::new, (bean) -> bean.setPrimary(true));

	@Test
	void offByDefault() {
		this.runner.withBean(RecordingCacheEviction.class, RecordingCacheEviction::new, (bean) -> bean.setPrimary(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(FILTER);
				assertThat(context).doesNotHaveBean(LogoutTokenValidator.class);
			});
	}

	@Test
	void endpointIsAServletFilterJustBeforeSpringSecurityOnItsPathWithALocalReplayGuard() {
		this.enabled.run((context) -> {
			assertThat(context).hasNotFailed();
			FilterRegistrationBean<?> logout = context.getBean(FILTER, FilterRegistrationBean.class);
			assertThat(logout.getFilter()).isInstanceOf(BackchannelLogoutFilter.class);
			assertThat(logout.getUrlPatterns()).containsExactly("/logout/backchannel");
			int security = context.getBean(DelegatingFilterProxyRegistrationBean.class).getOrder();
			assertThat(logout.getOrder()).isEqualTo(security - 1);
			assertThat(context).hasSingleBean(LocalReplayGuard.class);
			assertThat(context).hasSingleBean(LogoutTokenValidator.class);
		});
		this.enabled.withPropertyValues("spring.security.filter.order=10")
			.run((context) -> assertThat(context.getBean(FILTER, FilterRegistrationBean.class).getOrder())
				.isEqualTo(9));
	}

	@Test
	void applicationsReplayGuardAndValidatorReplaceTheStartersOnes() throws Exception {
		RSAKey key = LogoutTokens.rsaKey("rsa-1");
		try (JwksServer jwks = new JwksServer(key.toPublicJWK())) {
			this.enabled.withPropertyValues("introspection.backchannel-logout.jwk-set-uri=" + jwks.url())
				.withBean(RecordingReplayGuard.class)
				.run((context) -> {
					assertThat(context).doesNotHaveBean(LocalReplayGuard.class);
					BackchannelLogoutFilter filter = (BackchannelLogoutFilter) context
						.getBean(FILTER, FilterRegistrationBean.class)
						.getFilter();
					String token = LogoutTokens.sign(key, LogoutTokens.claims(Instant.now()).jwtID("jti-1").build());
					MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout/backchannel");
					request.addParameter("logout_token", token);
					MockHttpServletResponse response = new MockHttpServletResponse();
					filter.doFilter(request, response, new MockFilterChain());
					assertThat(response.getStatus()).isEqualTo(200);
					assertThat(context.getBean(RecordingReplayGuard.class).seen())
						.containsOnlyKeys("backchannel-logout " + LogoutTokens.ISSUER + " jti-1");
					assertThat(context.getBean(RecordingCacheEviction.class).calls())
						.containsExactly("session:session-1");
				});
		}
		LogoutTokenValidator own = new LogoutTokenValidator("https://other.example.com", List.of("x"),
				new ImmutableJWKSet<>(new JWKSet()), Set.of(JWSAlgorithm.RS256), Duration.ZERO, Duration.ofMinutes(1),
				Clock.systemUTC());
		this.enabled.withBean("myValidator", LogoutTokenValidator.class, () -> own)
			.run((context) -> assertThat(context.getBean(LogoutTokenValidator.class)).isSameAs(own));
	}

	@Test
	void audiencesDefaultToTheClientIdAndMayListOtherClients() {
		assertThat(IntrospectionPropertiesValidator.validateBackchannelLogout(bind("introspection.enabled=true"))
			.audiences()).containsExactly("app");
		assertThat(IntrospectionPropertiesValidator
			.validateBackchannelLogout(bind("introspection.backchannel-logout.audiences=frontend,mobile"))
			.audiences()).containsExactly("frontend", "mobile");
	}

	@Test
	void issuerAndKeySetDefaultToTheIssuerUriAndTheClientsKeySet() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("introspection.client-config.auth.client-id", "app");
		environment.setProperty("introspection.issuer-uri", "https://idp.example.com/realms/demo");
		environment.setProperty("introspection.client-config.jwk-set-uri", "https://idp.example.com/realms/demo/certs");
		IntrospectionProperties properties = Binder.get(environment)
			.bindOrCreate("introspection", IntrospectionProperties.class);
		BackchannelLogoutSettings settings = IntrospectionPropertiesValidator.validateBackchannelLogout(properties);
		assertThat(settings.issuer()).isEqualTo("https://idp.example.com/realms/demo");
		assertThat(settings.jwkSetUri()).hasToString("https://idp.example.com/realms/demo/certs");
		environment.setProperty("introspection.backchannel-logout.issuer", LogoutTokens.ISSUER);
		environment.setProperty("introspection.backchannel-logout.jwk-set-uri", "https://other.example.com/certs");
		properties = Binder.get(environment).bindOrCreate("introspection", IntrospectionProperties.class);
		settings = IntrospectionPropertiesValidator.validateBackchannelLogout(properties);
		assertThat(settings.issuer()).isEqualTo(LogoutTokens.ISSUER);
		assertThat(settings.jwkSetUri()).hasToString("https://other.example.com/certs");
	}

	@Test
	void startupFailsWhenEnabledWithoutIssuerOrKeySet() {
		this.runner.withBean(RecordingCacheEviction.class, RecordingCacheEviction::new, (bean) -> bean.setPrimary(true))
			.withPropertyValues("introspection.backchannel-logout.enabled=true",
					"introspection.backchannel-logout.jwk-set-uri=https://idp.example.com/certs")
			.run((context) -> assertInvalid(context, "introspection.backchannel-logout.issuer", "is required"));
		this.runner.withBean(RecordingCacheEviction.class, RecordingCacheEviction::new, (bean) -> bean.setPrimary(true))
			.withPropertyValues("introspection.backchannel-logout.enabled=true",
					"introspection.backchannel-logout.issuer=" + LogoutTokens.ISSUER)
			.run((context) -> assertInvalid(context, "introspection.backchannel-logout.jwk-set-uri", "is required"));
	}

	@Test
	void aBadValueOfEverySettingIsRefusedNamingItsKey() {
		String[][] cases = { { "jwk-set-uri=ftp://idp.example.com/certs", "jwk-set-uri", "http or https" },
				{ "jwk-set-uri=not a url", "jwk-set-uri", "http or https" },
				{ "jwk-set-uri=/certs", "jwk-set-uri", "http or https" },
				{ "algorithms=HS256", "algorithms[0]", "must be one of" },
				{ "algorithms=RS256,none", "algorithms[1]", "must be one of" },
				{ "algorithms=", "algorithms", "at least one" }, { "max-age=0s", "max-age", "1s or more" },
				{ "audiences[0]=", "audiences[0]", "client id" } };
		for (String[] bad : cases) {
			IntrospectionProperties properties = bind("introspection.backchannel-logout." + bad[0]);
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.isThrownBy(() -> IntrospectionPropertiesValidator.validateBackchannelLogout(properties))
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.backchannel-logout." + bad[1]))
				.withMessageContaining(bad[2]);
		}
		for (String path : new String[] { "logout", "/logout/**", "/logout/{id}", "" }) {
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.isThrownBy(() -> IntrospectionPropertiesValidator.validateBackchannelLogoutPath(path))
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("introspection.backchannel-logout.path"));
		}
		this.enabled.withPropertyValues("introspection.backchannel-logout.path=/logout/*")
			.run((context) -> assertInvalid(context, "introspection.backchannel-logout.path", "without wildcards"));
	}

	private static IntrospectionProperties bind(String property) {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("introspection.client-config.auth.client-id", "app");
		environment.setProperty("introspection.backchannel-logout.issuer", LogoutTokens.ISSUER);
		environment.setProperty("introspection.backchannel-logout.jwk-set-uri", "https://idp.example.com/certs");
		int equals = property.indexOf('=');
		environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
		return Binder.get(environment).bindOrCreate("introspection", IntrospectionProperties.class);
	}

	@Test
	void startupFailsWithoutAudiencesWhenThereIsNoClientId() {
		this.enabled
			.withPropertyValues("introspection.client-config.auth.method=bearer",
					"introspection.client-config.auth.client-id=", "introspection.client-config.auth.client-secret=",
					"introspection.client-config.auth.token=top-secret-value")
			.run((context) -> assertInvalid(context, "introspection.backchannel-logout.audiences",
					"introspection.client-config.auth.client-id"));
	}

	@Test
	void startupFailsWithoutACacheEvictionBean() {
		this.runner
			.withPropertyValues("introspection.cache.enabled=false", "introspection.backchannel-logout.enabled=true",
					"introspection.backchannel-logout.issuer=" + LogoutTokens.ISSUER,
					"introspection.backchannel-logout.jwk-set-uri=https://idp.example.com/certs")
			.run((context) -> assertInvalid(context, "introspection.backchannel-logout.enabled",
					"IntrospectionCacheEviction"));
	}

	@Test
	void startupFailsWithoutNimbusOnTheClassPath() {
		this.enabled.withClassLoader(new FilteredClassLoader("com.nimbusds"))
			.run((context) -> assertInvalid(context, "introspection.backchannel-logout.enabled",
					"spring-security-oauth2-jose"));
		this.runner.withClassLoader(new FilteredClassLoader("com.nimbusds"))
			.run((context) -> assertThat(context).hasNotFailed());
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
