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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClaimsExpressionsChecker}.
 */
class ClaimsExpressionsCheckerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(MethodSecurityConfiguration.class);

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void startUpWhenALiteralRuleInPreAuthorizeDoesNotParseThenFailsNamingBeanMethodAndPosition() {
		this.runner.withBean("ordersController", OrdersController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessage("Invalid claims rule in @PreAuthorize of bean 'ordersController', method "
						+ "ClaimsExpressionsCheckerTests.OrdersController#list(String, int): at position 14: "
						+ "expected ',' but found end of rule (Equals takes 2 arguments: key, value) "
						+ "in rule 'Equals(`group`'");
		});
	}

	@Test
	void startUpWhenLiteralRulesAndPathsAreGoodThenSucceedsAndTheyApply() {
		this.runner.withBean(GoodService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			GoodService service = context.getBean(GoodService.class);
			Tokens.signIn(Map.of("group", "dev", "name", "O'Brien", "roles", "admin", "scope", "a b"));
			assertThat(service.all()).isEqualTo("all");
			Tokens.signIn(Map.of("group", "ops", "name", "O'Brien", "roles", "admin", "scope", "a b"));
			assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::all);
		});
	}

	@Test
	void startUpWhenTheRuleIsOnlyKnownAtRunTimeThenSucceedsAndTheCallFails() {
		this.runner.withBean(RunTimeService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Tokens.signIn(Map.of("group", "dev"));
			RunTimeService service = context.getBean(RunTimeService.class);
			assertThat(service.check("Equals(`group`, `dev`)")).isEqualTo("checked");
			assertThatExceptionOfType(InvalidClaimsRuleException.class)
				.isThrownBy(() -> service.check("Equals(`group`, `dev`"))
				.satisfies((ex) -> assertThat(ex.getPosition()).isEqualTo(21));
		});
	}

	@Test
	void startUpWhenALiteralRuleInPostAuthorizeDoesNotParseThenFails() {
		this.runner.withBean("audit", PostAuthorizeService.class)
			.run((context) -> assertFailure(context, "Invalid claims rule in @PostAuthorize of bean 'audit', method "
					+ "ClaimsExpressionsCheckerTests.PostAuthorizeService#read(): at position 0: "));
	}

	@Test
	void startUpWhenTheClassHasABadRuleThenFailsOnceForTheClass() {
		this.runner.withBean("classLevel", ClassLevelService.class).run((context) -> {
			assertFailure(context, "@PreAuthorize of bean 'classLevel', method ClaimsExpressionsCheckerTests");
			assertThat(context.getStartupFailure().getMessage()).doesNotContain(System.lineSeparator())
				.contains("in rule 'OneOf(`group`)'");
		});
	}

	@Test
	void startUpWhenTheMethodOverridesABadClassRuleThenSucceeds() {
		this.runner.withBean(OverridingService.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startUpWhenAComposedAnnotationTemplatesABadRuleThenFails() {
		this.runner.withBean("templated", TemplatedService.class)
			.run((context) -> assertFailure(context,
					"of bean 'templated', method "
							+ "ClaimsExpressionsCheckerTests.TemplatedService#bad(): at position 16: ",
					"in rule 'Equals(`group`, dev)'"));
	}

	@Test
	void startUpWhenASpelQuoteIsDoubledThenTheRuleReadsASingleQuote() {
		this.runner.withBean("quoted", QuotedService.class)
			.run((context) -> assertFailure(context, "in rule 'Equals(`name`, `O'Brien`'"));
	}

	@Test
	void startUpWhenALiteralClaimPathIsInvalidThenFails() {
		this.runner.withBean("paths", BadPathService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessage("Invalid claim path in @PreAuthorize of bean "
					+ "'paths', method ClaimsExpressionsCheckerTests.BadPathService#roles(): at index 13: "
					+ "expected a claim name before '.' but found empty segment in path 'realm_access..roles'");
		});
	}

	@Test
	void startUpWhenSeveralRulesAreBadThenNamesEveryOne() {
		this.runner.withBean("ordersController", OrdersController.class)
			.withBean("audit", PostAuthorizeService.class)
			.run((context) -> assertFailure(context, "bean 'ordersController'", "bean 'audit'"));
	}

	@Test
	void startUpWhenTheBeanIsProxiedThroughAnInterfaceThenChecksItsClass() {
		this.runner.withBean("proxied", Orders.class, ProxiedOrders::new).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("bean 'proxied', method ClaimsExpressionsCheckerTests.ProxiedOrders#list()");
		});
	}

	@Test
	void startUpWhenALazyBeanHasABadRuleThenFails() {
		this.runner.withUserConfiguration(LazyConfiguration.class)
			.run((context) -> assertFailure(context, "bean 'lazyOrders'"));
	}

	@Test
	void startUpWhenTheClaimsBeanIsNotTheStartersThenIgnoresItsArguments() {
		new ApplicationContextRunner().withBean("claims", String.class, () -> "mine")
			.withBean(ClaimsExpressionsChecker.class)
			.withBean("ordersController", OrdersController.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startUpWhenTheSpelExpressionDoesNotParseThenLeavesItToSpringSecurity() {
		this.runner.withBean(BadSpelService.class).run((context) -> assertThat(context).hasNotFailed());
	}

	private static void assertFailure(AssertableApplicationContext context, String... parts) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class);
		assertThat(context.getStartupFailure().getMessage()).contains(parts);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class MethodSecurityConfiguration {

		@Bean
		ClaimsExpressions claims() {
			return new ClaimsExpressions();
		}

		@Bean
		static ClaimsExpressionsChecker claimsExpressionsChecker() {
			return new ClaimsExpressionsChecker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyConfiguration {

		@Bean
		@Lazy
		OrdersController lazyOrders() {
			return new OrdersController();
		}

	}

	static class OrdersController {

		@PreAuthorize("isAuthenticated() and @claims.matches('Equals(`group`')")
		String list(String query, int page) {
			return "list";
		}

	}

	static class GoodService {

		@PreAuthorize("@claims.matches('Equals(`group`, `dev`) && Equals(`name`, `O''Brien`)')"
				+ " and @claims.has('roles', 'admin') and @claims.hasAny('group', 'dev', 'ops')"
				+ " and @claims.hasScope('a')")
		String all() {
			return "all";
		}

	}

	static class RunTimeService {

		@PreAuthorize("@claims.matches(#rule)")
		String check(String rule) {
			return "checked";
		}

	}

	static class PostAuthorizeService {

		@PostAuthorize("@claims.matches('Nope(`a`, `b`)')")
		String read() {
			return "read";
		}

	}

	@PreAuthorize("@claims.matches('OneOf(`group`)')")
	static class ClassLevelService {

		String one() {
			return "one";
		}

		String two() {
			return "two";
		}

	}

	@PreAuthorize("@claims.matches('OneOf(`group`)')")
	static class OverridingService {

		@PreAuthorize("@claims.matches('OneOf(`group`, `dev`)')")
		String one() {
			return "one";
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@PreAuthorize("@claims.matches('{rule}')")
	@interface HasClaims {

		String rule();

	}

	static class TemplatedService {

		@HasClaims(rule = "Equals(`group`, `dev`)")
		String good() {
			return "good";
		}

		@HasClaims(rule = "Equals(`group`, dev)")
		String bad() {
			return "bad";
		}

	}

	static class QuotedService {

		@PreAuthorize("@claims.matches('Equals(`name`, `O''Brien`')")
		String quoted() {
			return "quoted";
		}

	}

	static class BadPathService {

		@PreAuthorize("@claims.has('realm_access..roles', 'admin')")
		String roles() {
			return "roles";
		}

	}

	interface Orders {

		String list();

	}

	static class ProxiedOrders implements Orders {

		@Override
		@PreAuthorize("@claims.matches('Equals(`group`, `dev`')")
		public String list() {
			return "list";
		}

	}

	static class BadSpelService {

		@PreAuthorize("@claims.matches('Equals(`group`, `dev`)'")
		String unbalanced() {
			return "unbalanced";
		}

	}

}
