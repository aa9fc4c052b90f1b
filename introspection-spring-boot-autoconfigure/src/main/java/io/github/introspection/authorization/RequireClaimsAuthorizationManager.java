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

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.introspection.claims.ClaimsRule;
import io.github.introspection.claims.ClaimsRuleSyntaxException;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.Authentication;

/**
 * An {@link AuthorizationManager} for methods annotated with {@link RequireClaims}
 * (directly, on their class, or through a meta-annotation). A method-level rule wins over
 * a class-level one; methods inherited from {@code Object} are left alone. Abstains for
 * methods without a rule.
 * <p>
 * The rule text is used as written: unlike a templated {@code @PreAuthorize}
 * meta-annotation, no SpEL quoting applies, so rules may hold {@code '}, {@code "},
 * {@code {}} and any other character.
 */
public final class RequireClaimsAuthorizationManager implements AuthorizationManager<MethodInvocation> {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	private final Map<MethodClassKey, ClaimsRule> rules = new ConcurrentHashMap<>();

	/**
	 * Creates the method interceptor to register as an infrastructure bean. It runs right
	 * after {@code @PreAuthorize} and uses the {@code SecurityContextHolder}'s strategy
	 * unless {@code setSecurityContextHolderStrategy} is called.
	 * @return the interceptor
	 */
	public static AuthorizationManagerBeforeMethodInterceptor interceptor() {
		RequireClaimsAuthorizationManager manager = new RequireClaimsAuthorizationManager();
		AuthorizationManagerBeforeMethodInterceptor interceptor = new AuthorizationManagerBeforeMethodInterceptor(
				manager.new RequireClaimsPointcut(), manager);
		interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder() + 1);
		return interceptor;
	}

	@Override
	public @Nullable AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			MethodInvocation invocation) {
		Object target = invocation.getThis();
		ClaimsRule rule = findRule(invocation.getMethod(), (target != null) ? AopUtils.getTargetClass(target) : null);
		if (rule == null) {
			return null;
		}
		Map<String, Object> claims = AuthenticationClaims.of(authentication.get());
		return (claims != null && rule.matches(claims)) ? GRANTED : DENIED;
	}

	/**
	 * Return the rule that applies to a method, parsing and caching it on first use.
	 * @param method the invoked method
	 * @param targetClass the class of the target, or {@code null}
	 * @return the rule, or {@code null} when the method has none
	 * @throws IllegalStateException if the rule does not parse; the message names the
	 * method, the rule and the position of the error
	 */
	@Nullable ClaimsRule findRule(Method method, @Nullable Class<?> targetClass) {
		MethodClassKey key = new MethodClassKey(method, targetClass);
		ClaimsRule rule = this.rules.get(key);
		if (rule != null) {
			return rule;
		}
		String text = findRuleText(method, targetClass);
		if (text == null) {
			return null;
		}
		return this.rules.computeIfAbsent(key, (k) -> parse(text, method));
	}

	private static ClaimsRule parse(String text, Method method) {
		try {
			return ClaimsRule.parse(text);
		}
		catch (ClaimsRuleSyntaxException ex) {
			throw new IllegalStateException("Invalid @RequireClaims on " + method + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable String findRuleText(Method method, @Nullable Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class) {
			// toString, equals and hashCode stay callable, as for an unproxied bean
			return null;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		String text = ruleOn(MergedAnnotations.from(specific, SearchStrategy.TYPE_HIERARCHY));
		if (text == null && specific != method) {
			text = ruleOn(MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY));
		}
		if (text == null && targetClass != null) {
			text = ruleOn(MergedAnnotations.from(targetClass, SearchStrategy.TYPE_HIERARCHY));
		}
		if (text == null) {
			text = ruleOn(MergedAnnotations.from(method.getDeclaringClass(), SearchStrategy.TYPE_HIERARCHY));
		}
		return text;
	}

	private static @Nullable String ruleOn(MergedAnnotations annotations) {
		MergedAnnotation<RequireClaims> annotation = annotations.get(RequireClaims.class);
		return annotation.isPresent() ? annotation.getString(MergedAnnotation.VALUE) : null;
	}

	@Override
	public String toString() {
		return "RequireClaimsAuthorizationManager";
	}

	/**
	 * Matches methods that have a rule; parses it while the bean is proxied, so that a
	 * bad rule fails start-up.
	 */
	private final class RequireClaimsPointcut extends StaticMethodMatcherPointcut {

		RequireClaimsPointcut() {
			setClassFilter(new RequireClaimsClassFilter());
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return findRule(method, targetClass) != null;
		}

	}

	private static final class RequireClaimsClassFilter implements ClassFilter {

		@Override
		public boolean matches(Class<?> clazz) {
			return AnnotationUtils.isCandidateClass(clazz, RequireClaims.class);
		}

	}

}
