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

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Map;

import io.github.introspection.claims.ClaimsRuleSyntaxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequireClaimsTests {

	private static AnnotationConfigApplicationContext context;

	@BeforeAll
	static void startContext() {
		context = new AnnotationConfigApplicationContext(MethodSecurityConfiguration.class);
	}

	@AfterAll
	static void closeContext() {
		context.close();
	}

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void methodWhenClaimsSatisfyTheRuleThenRuns() {
		Tokens.signIn(Map.of("group", "dev"));
		assertThat(context.getBean(ReportService.class).dev()).isEqualTo("dev");
	}

	@Test
	void methodWhenClaimsDoNotSatisfyTheRuleThenAccessDenied() {
		Tokens.signIn(Map.of("group", "ops"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> context.getBean(ReportService.class).dev());
	}

	@Test
	void methodWhenNobodyIsSignedInThenAuthenticationIsRequired() {
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> context.getBean(ReportService.class).dev());
	}

	@Test
	void methodWithoutAnnotationWhenAnyoneCallsThenRuns() {
		Tokens.signIn(Map.of("group", "ops"));
		assertThat(context.getBean(ReportService.class).open()).isEqualTo("open");
	}

	@Test
	void methodWhenTheRuleHoldsQuotesAndBracesThenItIsUsedAsWritten() {
		ReportService service = context.getBean(ReportService.class);
		Tokens.signIn(Map.of("name", "O'Brien \"Bob\" {x}"));
		assertThat(service.quoted()).isEqualTo("quoted");
		Tokens.signIn(Map.of("name", "O''Brien \"Bob\" {x}"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::quoted);
	}

	@Test
	void classWhenAnnotatedThenTheRuleAppliesToEveryMethod() {
		OpsService service = context.getBean(OpsService.class);
		Tokens.signIn(Map.of("group", "ops"));
		assertThat(service.run()).isEqualTo("run");
		Tokens.signIn(Map.of("group", "dev"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::run);
	}

	@Test
	void classWhenAnnotatedThenMethodsInheritedFromObjectStayCallable() {
		OpsService service = context.getBean(OpsService.class);
		assertThat(service.toString()).contains("OpsService");
		assertThat(service.equals(service)).isTrue();
	}

	@Test
	void methodRuleWhenTheClassAlsoHasOneThenTheMethodRuleWins() {
		OpsService service = context.getBean(OpsService.class);
		Tokens.signIn(Map.of("group", "dev"));
		assertThat(service.devOnly()).isEqualTo("devOnly");
		Tokens.signIn(Map.of("group", "ops"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::devOnly);
	}

	@Test
	void composedAnnotationWhenMetaAnnotatedThenItsRuleApplies() {
		ReportService service = context.getBean(ReportService.class);
		Tokens.signIn(Map.of("group", "admin"));
		assertThat(service.admin()).isEqualTo("admin");
		Tokens.signIn(Map.of("group", "dev"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::admin);
	}

	@Test
	void preAuthorizeAndRequireClaimsWhenBothAreOnAMethodThenBothMustPass() {
		ReportService service = context.getBean(ReportService.class);
		Tokens.signIn(Map.of("group", "dev", "scope", "reports"));
		assertThat(service.both()).isEqualTo("both");
		Tokens.signIn(Map.of("group", "dev"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::both);
		Tokens.signIn(Map.of("group", "ops", "scope", "reports"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::both);
	}

	@Test
	void claimsBeanWhenUsedInPreAuthorizeThenChecksTheRule() {
		ReportService service = context.getBean(ReportService.class);
		Tokens.signIn(Map.of("group", "dev"));
		assertThat(service.viaClaimsBean()).isEqualTo("viaClaimsBean");
		Tokens.signIn(Map.of("group", "ops"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::viaClaimsBean);
	}

	@Test
	void claimsBeanWhenTheRuleInPreAuthorizeDoesNotParseThenTheCallFailsWithThePosition() {
		Tokens.signIn(Map.of("group", "dev"));
		assertThatExceptionOfType(ClaimsRuleSyntaxException.class)
			.isThrownBy(() -> context.getBean(ReportService.class).badPreAuthorize())
			.withMessageContaining("Equals(`group`, `dev`")
			.withMessageContaining("at position 21");
	}

	@Test
	void contextWhenARequireClaimsRuleDoesNotParseThenStartUpFailsWithMethodRuleAndPosition() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> new AnnotationConfigApplicationContext(BadRuleConfiguration.class).close())
			.havingRootCause()
			.isInstanceOf(ClaimsRuleSyntaxException.class)
			.withMessageContaining("Equals(`group`, dev)")
			.withMessageContaining("at position 16");
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> new AnnotationConfigApplicationContext(BadRuleConfiguration.class).close())
			.withMessageContaining("Invalid @RequireClaims on")
			.withMessageContaining("BadRuleService.broken()");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class MethodSecurityConfiguration {

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
		ReportService reportService() {
			return new ReportService();
		}

		@Bean
		OpsService opsService() {
			return new OpsService();
		}

	}

	@Test
	void interceptorWhenTheApplicationHasNoEnableMethodSecurityThenBootsAopProxyingStillApplies() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withUserConfiguration(NoMethodSecurityConfiguration.class)
			.run((context) -> {
				ReportService service = context.getBean(ReportService.class);
				Tokens.signIn(Map.of("group", "dev"));
				assertThat(service.dev()).isEqualTo("dev");
				Tokens.signIn(Map.of("group", "ops"));
				assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::dev);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class NoMethodSecurityConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AuthorizationManagerBeforeMethodInterceptor requireClaimsAuthorizationMethodInterceptor() {
			return RequireClaimsAuthorizationManager.interceptor();
		}

		@Bean
		ReportService reportService() {
			return new ReportService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class BadRuleConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AuthorizationManagerBeforeMethodInterceptor requireClaimsAuthorizationMethodInterceptor() {
			return RequireClaimsAuthorizationManager.interceptor();
		}

		@Bean
		BadRuleService badRuleService() {
			return new BadRuleService();
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@RequireClaims("Equals(`group`, `admin`)")
	@interface AdminOnly {

	}

	static class ReportService {

		@RequireClaims("Equals(`group`, `dev`)")
		String dev() {
			return "dev";
		}

		String open() {
			return "open";
		}

		@RequireClaims("Equals(`name`, `O'Brien \"Bob\" {x}`)")
		String quoted() {
			return "quoted";
		}

		@AdminOnly
		String admin() {
			return "admin";
		}

		@PreAuthorize("@claims.hasScope('reports')")
		@RequireClaims("Equals(`group`, `dev`)")
		String both() {
			return "both";
		}

		@PreAuthorize("@claims.matches('Equals(`group`, `dev`)')")
		String viaClaimsBean() {
			return "viaClaimsBean";
		}

		@PreAuthorize("@claims.matches('Equals(`group`, `dev`')")
		String badPreAuthorize() {
			return "badPreAuthorize";
		}

	}

	@RequireClaims("Equals(`group`, `ops`)")
	static class OpsService {

		String run() {
			return "run";
		}

		@RequireClaims("Equals(`group`, `dev`)")
		String devOnly() {
			return "devOnly";
		}

	}

	static class BadRuleService {

		@RequireClaims("Equals(`group`, dev)")
		String broken() {
			return "broken";
		}

	}

}
