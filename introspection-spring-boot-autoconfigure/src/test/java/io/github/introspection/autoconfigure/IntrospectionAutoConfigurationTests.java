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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.introspection.authorization.ClaimsExpressions;
import io.github.introspection.authorization.ClaimsExpressionsChecker;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientAuthenticationMethod;
import io.github.introspection.cache.CachingOpaqueTokenAuthenticationConverter;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.cache.IntrospectionCacheMetrics;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.github.introspection.error.IntrospectionAccessDeniedHandler;
import io.github.introspection.error.IntrospectionAuthenticationEntryPoint;
import io.github.introspection.error.InvalidClaimsRuleExceptionResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.context.request.RequestContextListener;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class IntrospectionAutoConfigurationTests {

	private static final String URL = "introspection.client-config.url=https://idp.example.com/introspect";

	private static final String CLIENT_ID = "introspection.client-config.auth.client-id=app";

	private static final String CLIENT_SECRET = "introspection.client-config.auth.client-secret=top-secret-value";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(IntrospectionAutoConfiguration.class, IntrospectionWebSecurityAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class));

	private final WebApplicationContextRunner configured = this.runner.withPropertyValues(URL, CLIENT_ID,
			CLIENT_SECRET);

	@Test
	void beansArePresentWhenTheEndpointIsConfigured() {
		this.configured.run((context) -> {
			assertThat(context).hasSingleBean(IntrospectionBearerTokenResolver.class);
			assertThat(context).hasSingleBean(ValidatingOpaqueTokenIntrospector.class);
			assertThat(context).hasSingleBean(IntrospectionAuthenticationEntryPoint.class);
			assertThat(context).hasSingleBean(IntrospectionAccessDeniedHandler.class);
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasBean("introspectionSecurityFilterChain");
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
		});
	}

	@Test
	void cacheMetersAreBoundWhenTheApplicationHasMetrics() {
		this.configured.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(IntrospectionCacheMetrics.class).bindTo(registry);
			assertThat(registry.find("cache.gets").tag("cache", "introspection").functionCounters()).isNotEmpty();
		});
		this.configured.withPropertyValues("introspection.cache.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(IntrospectionCache.class);
			assertThat(context).doesNotHaveBean(IntrospectionCacheMetrics.class);
		}); // without Micrometer on the class path: no meters, and the rest still starts
		this.configured.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(IntrospectionCacheMetrics.class);
			assertThat(context).hasSingleBean(ValidatingOpaqueTokenIntrospector.class);
		});
	}

	@Test
	void queryTokenFilterOnlyWhenAQueryParameterIsNamed() {
		this.configured.run((context) -> assertThat(context).doesNotHaveBean("introspectionQueryTokenFilter"));
		this.configured.withPropertyValues("introspection.token-source.query=access_token")
			.run((context) -> assertThat(context).hasBean("introspectionQueryTokenFilter"));
		// an empty value turns the query source off instead of failing the start-up
		this.configured.withPropertyValues("introspection.token-source.query=", "introspection.token-source.cookie=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("introspectionQueryTokenFilter");
			});
	}

	@Test
	void defaultResolverReadsTheBearerAuthorizationHeaderOnly() {
		this.configured.run((context) -> {
			IntrospectionBearerTokenResolver resolver = context.getBean(IntrospectionBearerTokenResolver.class);
			assertThat(resolver.getName(io.github.introspection.token.TokenSourceKind.HEADER))
				.isEqualTo("Authorization");
			assertThat(resolver.isEnabled(io.github.introspection.token.TokenSourceKind.QUERY)).isFalse();
			assertThat(resolver.isEnabled(io.github.introspection.token.TokenSourceKind.COOKIE)).isFalse();
		});
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		this.configured.withPropertyValues("introspection.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(IntrospectionBearerTokenResolver.class);
			assertThat(context).doesNotHaveBean(ValidatingOpaqueTokenIntrospector.class);
			assertThat(context).doesNotHaveBean("introspectionSecurityFilterChain");
			assertThat(context).doesNotHaveBean(IntrospectionAuthenticationEntryPoint.class);
		});
	}

	@Test
	void resolverBacksOffForAUserResolver() {
		this.configured.withBean(BearerTokenResolver.class, DefaultBearerTokenResolver::new).run((context) -> {
			assertThat(context).hasSingleBean(BearerTokenResolver.class);
			assertThat(context).doesNotHaveBean(IntrospectionBearerTokenResolver.class);
			assertThat(context).hasBean("introspectionSecurityFilterChain");
		});
	}

	@Test
	void introspectorBacksOffForAUserIntrospectorAndTheEndpointIsThenNotRequired() {
		this.runner
			.withBean(OpaqueTokenIntrospector.class,
					() -> SpringOpaqueTokenIntrospector.withIntrospectionUri("https://other.example.com")
						.clientId("x")
						.clientSecret("y")
						.build())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(OpaqueTokenIntrospector.class);
				assertThat(context).doesNotHaveBean(ValidatingOpaqueTokenIntrospector.class);
				assertThat(context).hasBean("introspectionSecurityFilterChain");
			});
	}

	@Test
	void entryPointBacksOffForAUserEntryPoint() {
		this.configured
			.withBean(AuthenticationEntryPoint.class, () -> new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))
			.run((context) -> {
				assertThat(context).hasSingleBean(AuthenticationEntryPoint.class);
				assertThat(context).doesNotHaveBean(IntrospectionAuthenticationEntryPoint.class);
			});
	}

	@Test
	void accessDeniedHandlerBacksOffForAUserHandler() {
		this.configured.withBean(AccessDeniedHandler.class, AccessDeniedHandlerImpl::new).run((context) -> {
			assertThat(context).hasSingleBean(AccessDeniedHandler.class);
			assertThat(context).doesNotHaveBean(IntrospectionAccessDeniedHandler.class);
		});
	}

	@Test
	void filterChainBacksOffForAUserChainAndTheBeansStillServeIt() {
		this.configured.withUserConfiguration(UserChainConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("introspectionSecurityFilterChain");
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasSingleBean(ValidatingOpaqueTokenIntrospector.class);
			assertThat(context).hasSingleBean(IntrospectionBearerTokenResolver.class);
		});
	}

	@Test
	void introspectorWinsOverSpringBootOpaqueTokenProperties() {
		this.configured.withPropertyValues(
				"spring.security.oauth2.resourceserver.opaquetoken.introspection-uri=https://boot.example.com/introspect",
				"spring.security.oauth2.resourceserver.opaquetoken.client-id=boot",
				"spring.security.oauth2.resourceserver.opaquetoken.client-secret=boot-secret")
			.run((context) -> {
				assertThat(context).hasSingleBean(OpaqueTokenIntrospector.class);
				assertThat(context.getBean(OpaqueTokenIntrospector.class))
					.isInstanceOf(ValidatingOpaqueTokenIntrospector.class);
				assertThat(context).hasSingleBean(SecurityFilterChain.class);
				assertThat(context).hasBean("introspectionSecurityFilterChain");
			});
	}

	@Test
	void customizersAreAppliedToTheClientBuilder() {
		AtomicBoolean applied = new AtomicBoolean();
		this.configured.withBean(IntrospectionClientBuilderCustomizer.class, () -> (builder) -> applied.set(true))
			.run((context) -> {
				assertThat(context).hasSingleBean(ValidatingOpaqueTokenIntrospector.class);
				assertThat(applied).isTrue();
			});
	}

	@Test
	void answersAreCachedByDefaultAndCachedAuthenticationsAreReused() {
		this.configured.run((context) -> {
			ValidatingOpaqueTokenIntrospector introspector = context.getBean(ValidatingOpaqueTokenIntrospector.class);
			assertThat(introspector.getDelegate()).isInstanceOf(CachingOpaqueTokenIntrospector.class);
			assertThat(context).hasSingleBean(CachingOpaqueTokenAuthenticationConverter.class);
		});
	}

	@Test
	void cacheCanBeTurnedOff() {
		this.configured.withPropertyValues("introspection.cache.enabled=false").run((context) -> {
			ValidatingOpaqueTokenIntrospector introspector = context.getBean(ValidatingOpaqueTokenIntrospector.class);
			assertThat(introspector.getDelegate()).isInstanceOf(IntrospectionClient.class);
		});
	}

	@Test
	void certificateBindingIsCheckedByDefaultAndCanBeTurnedOff() {
		this.configured.run((context) -> {
			assertThat(context.getBean(ValidatingOpaqueTokenIntrospector.class).isCertificateBindingChecked()).isTrue();
			assertThat(context).hasBean("introspectionRequestContextFilter");
		});
		this.configured.withPropertyValues("introspection.validation.certificate-bound-tokens=false").run((context) -> {
			assertThat(context.getBean(ValidatingOpaqueTokenIntrospector.class).isCertificateBindingChecked())
				.isFalse();
			assertThat(context).doesNotHaveBean("introspectionRequestContextFilter");
		});
	}

	@Test
	void startupFailsWhenCertificateBoundTokensIsNotABoolean() {
		this.configured.withPropertyValues("introspection.validation.certificate-bound-tokens=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(stackTrace(context.getStartupFailure()))
				.contains("introspection.validation.certificate-bound-tokens");
		});
	}

	@Test
	void requestContextFilterBacksOffForSpringMvcsOrTheApplicationsOwn() {
		this.configured.withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class)).run((context) -> {
			assertThat(context).doesNotHaveBean("introspectionRequestContextFilter");
			assertThat(context).hasSingleBean(RequestContextFilter.class);
		});
		this.configured.withBean(RequestContextListener.class)
			.run((context) -> assertThat(context).doesNotHaveBean("introspectionRequestContextFilter"));
	}

	@Test
	void authenticationConverterBacksOffForAUserConverter() {
		this.configured
			.withBean(OpaqueTokenAuthenticationConverter.class,
					() -> (token, principal) -> new BearerTokenAuthentication(principal,
							new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, null, null), List.of()))
			.run((context) -> {
				assertThat(context).hasSingleBean(OpaqueTokenAuthenticationConverter.class);
				assertThat(context).doesNotHaveBean(CachingOpaqueTokenAuthenticationConverter.class);
			});
	}

	@Test
	void startupFailsWhenACacheDurationIsNegative() {
		this.configured.withPropertyValues("introspection.cache.ttl=-1s")
			.run((context) -> assertInvalid(context, "introspection.cache.ttl", "0 or more"));
		this.configured.withPropertyValues("introspection.cache.inactive-ttl=-1s")
			.run((context) -> assertInvalid(context, "introspection.cache.inactive-ttl", "0 or more"));
		this.configured.withPropertyValues("introspection.cache.stale-if-error=-1s")
			.run((context) -> assertInvalid(context, "introspection.cache.stale-if-error", "0 or more"));
		this.configured.withPropertyValues("introspection.cache.max-size=-1")
			.run((context) -> assertInvalid(context, "introspection.cache.max-size", "0 or more"));
		this.configured.withPropertyValues("introspection.cache.max-memory=0")
			.run((context) -> assertInvalid(context, "introspection.cache.max-memory", "above 0"));
	}

	@Test
	void startupFailsWhenTheClockSkewIsNegative() {
		this.configured.withPropertyValues("introspection.validation.clock-skew=-1s")
			.run((context) -> assertInvalid(context, "introspection.validation.clock-skew", "0 or more"));
	}

	@Test
	void startupFailsOnABadValueOfEveryLoadSetting() {
		String[][] cases = { { "client-config.deadline=1s", "client-config.deadline", "at least" },
				{ "client-config.max-concurrent-calls=0", "client-config.max-concurrent-calls", "1 or more" },
				{ "client-config.acquire-timeout=-1ms", "client-config.acquire-timeout", "0 or more" },
				{ "client-config.acquire-timeout=7s", "client-config.acquire-timeout", "below the deadline" },
				{ "client-config.retry-budget=-0.1", "client-config.retry-budget", "0 or more" },
				{ "client-config.circuit-breaker.failure-rate=0", "client-config.circuit-breaker.failure-rate",
						"above 0" },
				{ "client-config.circuit-breaker.failure-rate=101", "client-config.circuit-breaker.failure-rate",
						"at most 100" },
				{ "client-config.circuit-breaker.minimum-calls=0", "client-config.circuit-breaker.minimum-calls",
						"1 or more" },
				{ "client-config.circuit-breaker.window=1500ms", "client-config.circuit-breaker.window",
						"whole number of seconds" },
				{ "client-config.circuit-breaker.window=0s", "client-config.circuit-breaker.window", "at least 1s" },
				{ "client-config.circuit-breaker.open-duration=0s", "client-config.circuit-breaker.open-duration",
						"1ms or more" },
				{ "client-config.circuit-breaker.half-open-probes=0", "client-config.circuit-breaker.half-open-probes",
						"1 or more" } };
		for (String[] bad : cases) {
			this.configured.withPropertyValues("introspection." + bad[0])
				.run((context) -> assertInvalid(context, "introspection." + bad[1], bad[2]));
		}
	}

	@Test
	void theClientGetsTheLoadSettings() {
		this.configured.withPropertyValues("introspection.client-config.max-concurrent-calls=7",
				"introspection.client-config.acquire-timeout=250ms",
				"introspection.client-config.circuit-breaker.failure-rate=30",
				"introspection.client-config.circuit-breaker.window=20s",
				"introspection.client-config.circuit-breaker.minimum-calls=8",
				"introspection.client-config.circuit-breaker.half-open-probes=2", "introspection.cache.enabled=false")
			.run((context) -> {
				Bulkhead bulkhead = context.getBean("introspectionBulkhead", Bulkhead.class);
				assertThat(bulkhead.getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(7);
				assertThat(bulkhead.getBulkheadConfig().getMaxWaitDuration()).isEqualTo(Duration.ofMillis(250));
				CircuitBreaker circuitBreaker = context.getBean("introspectionCircuitBreaker", CircuitBreaker.class);
				IntrospectionClient client = (IntrospectionClient) context
					.getBean(ValidatingOpaqueTokenIntrospector.class)
					.getDelegate();
				assertThat(client.getCircuitBreaker()).isSameAs(circuitBreaker);
				assertThat(client.getBulkhead()).isSameAs(bulkhead);
				CircuitBreakerConfig breaker = circuitBreaker.getCircuitBreakerConfig();
				assertThat(breaker.getFailureRateThreshold()).isEqualTo(30f);
				assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
				assertThat(breaker.getSlidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.TIME_BASED);
				assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(8);
				assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
			});
		this.configured.withPropertyValues("introspection.client-config.circuit-breaker.enabled=false")
			.run((context) -> assertThat(
					context.getBean("introspectionCircuitBreaker", CircuitBreaker.class).getState())
				.isEqualTo(CircuitBreaker.State.DISABLED));
	}

	@Test
	void claimsHelpersArePresent() {
		this.configured.run((context) -> {
			assertThat(context).hasBean("claims");
			assertThat(context.getBean("claims")).isInstanceOf(ClaimsExpressions.class);
			assertThat(context).hasBean("requireClaimsAuthorizationMethodInterceptor");
			assertThat(context).hasSingleBean(ClaimsExpressionsChecker.class);
			assertThat(context).hasSingleBean(InvalidClaimsRuleExceptionResolver.class);
		});
	}

	@Test
	void claimsExpressionsCheckerBacksOffForAUserChecker() {
		ClaimsExpressionsChecker checker = new ClaimsExpressionsChecker();
		this.configured.withBean(ClaimsExpressionsChecker.class, () -> checker)
			.run((context) -> assertThat(context.getBean(ClaimsExpressionsChecker.class)).isSameAs(checker));
	}

	@Test
	void invalidClaimsRuleExceptionResolverBacksOffForAUserResolver() {
		InvalidClaimsRuleExceptionResolver resolver = new InvalidClaimsRuleExceptionResolver();
		this.configured.withBean(InvalidClaimsRuleExceptionResolver.class, () -> resolver)
			.run((context) -> assertThat(context.getBean(InvalidClaimsRuleExceptionResolver.class)).isSameAs(resolver));
	}

	@Test
	void startupFailsWhenALiteralRuleInPreAuthorizeDoesNotParseNamingBeanMethodAndPosition() {
		this.configured.withBean("badRules", BadRules.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining(
						"@PreAuthorize of bean 'badRules', method IntrospectionAutoConfigurationTests.BadRules#read()")
				.hasMessageContaining("at position 10");
		});
	}

	@Test
	void claimsBeanBacksOffForAUserBeanNamedClaims() {
		this.configured.withBean("claims", String.class, () -> "mine").run((context) -> {
			assertThat(context.getBean("claims")).isEqualTo("mine");
			assertThat(context).doesNotHaveBean(ClaimsExpressions.class);
		});
	}

	@Test
	void startupFailsWhenTheGlobalClaimsRuleDoesNotParseNamingThePosition() {
		this.configured.withPropertyValues("introspection.claims=Equals(`group`, `dev`")
			.run((context) -> assertInvalid(context, "introspection.claims", "position"));
		this.configured.withPropertyValues("introspection.claims=Unknown(`group`, `dev`)")
			.run((context) -> assertInvalid(context, "introspection.claims", "Unknown"));
	}

	@Test
	void startupFailsWhenAForwardedHeaderClaimPathIsInvalid() {
		this.configured.withPropertyValues("introspection.forward-headers.X-Auth-Group=group..name").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(stackTrace(context.getStartupFailure())).contains("introspection.forward-headers");
		});
	}

	@Test
	void startupFailsWhenTheUrlIsMissing() {
		this.runner.withPropertyValues(CLIENT_ID, CLIENT_SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.url", "is required"));
	}

	@Test
	void startupFailsWhenTheUrlIsNotAnHttpUrl() {
		this.runner
			.withPropertyValues("introspection.client-config.url=ftp://idp.example.com/x", CLIENT_ID, CLIENT_SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.url", "absolute http or https URL"));
		this.runner.withPropertyValues("introspection.client-config.url=not a url", CLIENT_ID, CLIENT_SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.url", "absolute http or https URL"));
	}

	@Test
	void startupFailsWhenNoTokenSourceIsOn() {
		this.configured.withPropertyValues("introspection.token-source.header=")
			.run((context) -> assertInvalid(context, "introspection.token-source", "at least one token source"));
	}

	@Test
	void startupFailsWhenClientSecretBasicHasNoClientId() {
		this.runner.withPropertyValues(URL, CLIENT_SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.client-id",
					"is required when introspection.client-config.auth.method is client-secret-basic"));
	}

	@Test
	void startupFailsWhenClientSecretPostHasNoSecretAndNeverPrintsOtherSecrets() {
		this.runner
			.withPropertyValues(URL, CLIENT_ID, "introspection.client-config.auth.method=client-secret-post",
					"introspection.client-config.auth.token=unused-bearer-secret")
			.run((context) -> {
				assertInvalid(context, "introspection.client-config.auth.client-secret", "client-secret-post");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("client-secret")
					.satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain("unused-bearer-secret"));
			});
	}

	@Test
	void startupFailsWhenBearerHasNoToken() {
		this.runner.withPropertyValues(URL, "introspection.client-config.auth.method=bearer")
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.token", "bearer"));
	}

	@Test
	void startupFailsOnAnUnknownAuthMethodListingTheValidValuesAsWritten() {
		this.configured.withPropertyValues("introspection.client-config.auth.method=client-secret-magic")
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.method",
					"must be one of client-secret-basic, client-secret-post, bearer, none, private-key-jwt, "
							+ "client-secret-jwt, tls-client-auth, client-credentials"));
	}

	@Test
	void authMethodIsBoundLeniently() {
		for (String value : List.of("client-secret-post", "CLIENT_SECRET_POST", "clientSecretPost")) {
			this.configured.withPropertyValues("introspection.client-config.auth.method=" + value)
				.run((context) -> assertThat(
						context.getBean(IntrospectionProperties.class).getClientConfig().getAuth().getMethod())
					.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST));
		}
		// Spring Boot lists the valid values of a failed enum binding by their toString()
		assertThat(ClientAuthenticationMethod.CLIENT_SECRET_BASIC).hasToString("client-secret-basic");
	}

	// Reported on the method's key: Spring Boot's failure report prints the value of the
	// key named, and a secret's value must never be printed.
	@Test
	void startupFailsWhenMethodNoneHasACredentialNamingItAndWhoUsesIt() {
		String none = "introspection.client-config.auth.method=none";
		this.runner.withPropertyValues(URL, none, CLIENT_ID)
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.method",
					"does not use introspection.client-config.auth.client-id, which is set: "
							+ "it is only used by the methods that authenticate a client"));
		this.runner.withPropertyValues(URL, none, CLIENT_SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.method",
					"does not use introspection.client-config.auth.client-secret, which is set: "
							+ "it is only used by client-secret-basic"));
		this.runner.withPropertyValues(URL, none, "introspection.client-config.auth.token=top-secret-value")
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.method",
					"does not use introspection.client-config.auth.token, which is set: it is only used by bearer"));
	}

	@Test
	void startupFailsWhenACredentialBelongsToAnotherMethod() {
		this.runner
			.withPropertyValues(URL, "introspection.client-config.auth.method=bearer",
					"introspection.client-config.auth.token=bearer-token", CLIENT_SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.method",
					"does not use introspection.client-config.auth.client-secret"));
		this.configured.withPropertyValues("introspection.client-config.auth.token=top-secret-value")
			.run((context) -> assertInvalid(context, "introspection.client-config.auth.method",
					"does not use introspection.client-config.auth.token, which is set: it is only used by bearer"));
		// a client id is no secret: bearer ignores it
		this.runner
			.withPropertyValues(URL, "introspection.client-config.auth.method=bearer",
					"introspection.client-config.auth.token=bearer-token", CLIENT_ID)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void methodNoneNeedsNoCredentials() {
		this.runner.withPropertyValues(URL, "introspection.client-config.auth.method=none")
			.run((context) -> assertThat(context).hasSingleBean(ValidatingOpaqueTokenIntrospector.class));
	}

	@Test
	void startupFailsWhenTheTimeoutIsNotPositive() {
		this.configured.withPropertyValues("introspection.client-config.timeout=0s")
			.run((context) -> assertInvalid(context, "introspection.client-config.timeout", "positive duration"));
	}

	@Test
	void startupFailsWhenMaxRetriesIsNegative() {
		this.configured.withPropertyValues("introspection.client-config.max-retries=-1")
			.run((context) -> assertInvalid(context, "introspection.client-config.max-retries", "0 or more"));
	}

	@Test
	void startupFailsWhenTheTlsCaDoesNotExist() {
		this.configured.withPropertyValues("introspection.client-config.tls.ca=file:/does/not/exist.pem")
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.ca", "does not exist"));
	}

	@Test
	void startupFailsWhenTheTlsCaIsADirectory(@TempDir Path directory) {
		this.configured.withPropertyValues("introspection.client-config.tls.ca=file:" + directory)
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.ca", "is a directory"));
	}

	@Test
	void startupFailsWhenTlsIsSetForAnHttpUrl() {
		String http = "introspection.client-config.url=http://idp.example.com/introspect";
		String[][] cases = { { "bundle=idp", "bundle" }, { "ca=classpath:empty.pem", "ca" },
				{ "cert=classpath:empty.pem", "cert" }, { "key=classpath:empty.pem", "key" },
				{ "insecure-skip-verify=true", "insecure-skip-verify" } };
		for (String[] tls : cases) {
			this.configured.withPropertyValues(http, "introspection.client-config.tls." + tls[0])
				.run((context) -> assertInvalid(context, "introspection.client-config.tls." + tls[1],
						"has no effect, as introspection.client-config.url (http://idp.example.com/introspect) "
								+ "is not an https URL"));
		}
		this.configured.withPropertyValues(http, "introspection.client-config.tls.insecure-skip-verify=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startupFailsWhenTheTlsCaIsNotPem() {
		this.configured.withPropertyValues("introspection.client-config.tls.ca=classpath:not-a-certificate.pem")
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.ca", "could not be loaded"));
	}

	@Test
	void startupFailsWhenTheTlsCaIsEmpty() {
		this.configured.withPropertyValues("introspection.client-config.tls.ca=classpath:empty.pem")
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.ca", "no PEM block"));
	}

	@Test
	void startupFailsWhenTheTlsCertHasNoKey() {
		this.configured.withPropertyValues("introspection.client-config.tls.cert=classpath:not-a-certificate.pem")
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.key", "set together"));
	}

	@Test
	void startupFailsWhenTheTlsBundleIsUnknown() {
		this.configured.withPropertyValues("introspection.client-config.tls.bundle=missing")
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.bundle", "SSL bundle"));
	}

	@Test
	void startupFailsWhenAnAuthorityClaimPathIsInvalid() {
		this.configured
			.withPropertyValues("introspection.authorities[0].claim=realm_access..roles",
					"introspection.authorities[0].prefix=ROLE_")
			.run((context) -> assertInvalid(context, "introspection.authorities[0].claim", "claim path"));
	}

	@Test
	void startupFailsWhenAPublicPathDoesNotParseNamingItsIndexAndWhy() {
		this.configured.withPropertyValues("introspection.public-paths=/public/**,/a/**/b/**")
			.run((context) -> assertInvalid(context, "introspection.public-paths[1]",
					"'/a/**/b/**' is not a valid path pattern: {*...} or ** pattern elements should be placed at the start or "
							+ "end of the pattern (at position 3)"));
		this.configured.withPropertyValues("introspection.public-paths[0]=public/**")
			.run((context) -> assertInvalid(context, "introspection.public-paths[0]", "must start with '/'"));
	}

	@Test
	void startupFailsWhenTheResourceIsNotAnAbsoluteHttpUrlWithoutQueryOrFragment() {
		for (String resource : new String[] { "not a url", "ftp://x", "https://api.example.com#top",
				"https://api.example.com?x=1", "/orders", "https://user@api.example.com" }) {
			this.configured.withPropertyValues("introspection.resource=" + resource)
				.run((context) -> assertInvalid(context, "introspection.resource", "absolute http or https URL"));
		}
	}

	@Test
	void entryPointUsesTheConfiguredResource() {
		this.configured.withPropertyValues("introspection.resource=https://api.example.com").run((context) -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			context.getBean(IntrospectionAuthenticationEntryPoint.class)
				.commence(new MockHttpServletRequest("GET", "/api"), response,
						new InsufficientAuthenticationException("no token"));
			assertThat(response.getHeader("WWW-Authenticate")).contains("https://api.example.com/.well-known");
		});
	}

	@Test
	void startupFailsWhenTheUsernameClaimIsEmpty() {
		this.configured.withPropertyValues("introspection.username-claim=")
			.run((context) -> assertInvalid(context, "introspection.username-claim", "must name a claim"));
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
		assertThat(stackTrace(context.getStartupFailure())).doesNotContain("top-secret-value");
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter writer = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(writer));
		return writer.toString();
	}

	static class BadRules {

		@PreAuthorize("@claims.matches('Equals(`a`')")
		String read() {
			return "read";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken((opaque) -> {
				}));
			return http.build();
		}

	}

}
