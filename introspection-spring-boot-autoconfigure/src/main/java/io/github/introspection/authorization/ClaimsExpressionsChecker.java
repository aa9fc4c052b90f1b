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

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.introspection.claims.ClaimsRuleSyntaxException;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.annotation.SecurityAnnotationScanner;
import org.springframework.security.core.annotation.SecurityAnnotationScanners;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Checks at start-up what {@code @PreAuthorize} and {@code @PostAuthorize} expressions
 * give the {@link ClaimsExpressions claims} bean as string literals: the rule of
 * {@code @claims.matches('Equals(`group`, `dev`)')} and the claim path of
 * {@code @claims.has('realm_access.roles', 'admin')} and {@code @claims.hasAny(...)}.
 * Rules are compiled into the bean's cache; a bad rule or path fails start-up with the
 * bean, the method and the position of the error, instead of failing every call.
 * Arguments only known at run time, such as {@code @claims.matches(#rule)}, are left to
 * the call.
 * <p>
 * Expressions are read as Spring Security reads them (a method's annotation over its
 * class's, meta-annotations with their {@code {placeholder}} templates) on the class
 * behind each bean, proxies unwrapped. Classes of {@code org.springframework} and classes
 * without such an annotation that mentions {@code claims} are skipped; so are expressions
 * that Spring Security itself cannot read, which it reports on the call. Does nothing
 * when the bean named {@code claims} is not a {@link ClaimsExpressions}.
 */
public final class ClaimsExpressionsChecker implements SmartInitializingSingleton, BeanFactoryAware {

	private static final String CLAIMS_BEAN = "claims";

	private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(PreAuthorize.class,
			PostAuthorize.class);

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final List<SecurityAnnotationScanner<? extends Annotation>> scanners;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * Creates a checker that resolves the templates of meta-annotations with Spring
	 * Security's defaults.
	 */
	public ClaimsExpressionsChecker() {
		this(null);
	}

	/**
	 * Creates a checker.
	 * @param templateDefaults how Spring Security resolves the templates of
	 * meta-annotations, as set up by the application, or {@code null} for its defaults
	 */
	public ClaimsExpressionsChecker(@Nullable AnnotationTemplateExpressionDefaults templateDefaults) {
		this.scanners = ANNOTATIONS.stream()
			.<SecurityAnnotationScanner<? extends Annotation>>map((type) -> (templateDefaults != null)
					? SecurityAnnotationScanners.requireUnique(type, templateDefaults)
					: SecurityAnnotationScanners.requireUnique(type))
			.toList();
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	/**
	 * Check every bean.
	 * @throws IllegalStateException if a rule or a claim path does not parse; the message
	 * has one line per error, each naming the bean, the method, the position and the rule
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No BeanFactory set");
		if (!beanFactory.containsBean(CLAIMS_BEAN) || !beanFactory.isTypeMatch(CLAIMS_BEAN, ClaimsExpressions.class)) {
			return;
		}
		ClaimsExpressions claims = beanFactory.getBean(CLAIMS_BEAN, ClaimsExpressions.class);
		Set<Class<?>> checked = new HashSet<>();
		Set<String> errors = new LinkedHashSet<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
			if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
				continue;
			}
			Class<?> type = targetClass(beanFactory, beanName);
			if (type != null && checked.add(type) && isCandidate(type)) {
				new BeanCheck(claims, beanName, type, errors).run();
			}
		}
		if (!errors.isEmpty()) {
			throw new IllegalStateException(String.join(System.lineSeparator(), errors));
		}
	}

	private static @Nullable Class<?> targetClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			Object singleton = beanFactory.getSingleton(beanName);
			if (singleton != null && !(singleton instanceof FactoryBean<?>)) {
				return AopProxyUtils.ultimateTargetClass(singleton);
			}
			// Not created (lazy, prototype or scoped) or made by a factory: its type,
			// without creating it
			Class<?> type = beanFactory.getType(beanName, false);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		catch (BeansException ex) {
			// not ours to report
			return null;
		}
	}

	private static boolean isCandidate(Class<?> type) {
		if (type.getName().startsWith("org.springframework.") || !AnnotationUtils.isCandidateClass(type, ANNOTATIONS)) {
			return false;
		}
		return mentionsClaims(type) || Stream.of(methods(type)).anyMatch(ClaimsExpressionsChecker::mentionsClaims);
	}

	private static boolean mentionsClaims(AnnotatedElement element) {
		MergedAnnotations annotations = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY);
		return ANNOTATIONS.stream()
			.flatMap(annotations::stream)
			.map((annotation) -> annotation.getValue(MergedAnnotation.VALUE, String.class).orElse(""))
			.anyMatch((expression) -> expression.contains(CLAIMS_BEAN));
	}

	private static Method[] methods(Class<?> type) {
		return ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
	}

	/**
	 * The check of one bean's class.
	 */
	private final class BeanCheck {

		private final ClaimsExpressions claims;

		private final String beanName;

		private final Class<?> type;

		private final Set<String> errors;

		private final Set<String> seen = new HashSet<>();

		BeanCheck(ClaimsExpressions claims, String beanName, Class<?> type, Set<String> errors) {
			this.claims = claims;
			this.beanName = beanName;
			this.type = type;
			this.errors = errors;
		}

		void run() {
			for (Method method : methods(this.type)) {
				for (int i = 0; i < ANNOTATIONS.size(); i++) {
					String expression = expression(ClaimsExpressionsChecker.this.scanners.get(i), method);
					// a class-level expression is checked once, on the first method it
					// holds for
					if (expression != null && expression.contains(CLAIMS_BEAN) && this.seen.add(i + expression)) {
						SpelNode ast = parse(expression);
						if (ast != null) {
							visit(ast, ANNOTATIONS.get(i), method);
						}
					}
				}
			}
		}

		private @Nullable String expression(SecurityAnnotationScanner<? extends Annotation> scanner, Method method) {
			Annotation annotation;
			try {
				annotation = scanner.scan(method, this.type);
			}
			catch (RuntimeException ex) {
				// Repeated annotations or an unknown template placeholder: Spring
				// Security reports them on the call
				return null;
			}
			if (annotation instanceof PreAuthorize preAuthorize) {
				return preAuthorize.value();
			}
			return (annotation instanceof PostAuthorize postAuthorize) ? postAuthorize.value() : null;
		}

		private @Nullable SpelNode parse(String expression) {
			try {
				return ClaimsExpressionsChecker.this.parser.parseRaw(expression).getAST();
			}
			catch (ParseException ex) {
				// Spring Security reports it on the call
				return null;
			}
		}

		private void visit(SpelNode node, Class<? extends Annotation> annotation, Method method) {
			if (node instanceof CompoundExpression) {
				for (int i = 0; i + 1 < node.getChildCount(); i++) {
					if (node.getChild(i) instanceof BeanReference bean && CLAIMS_BEAN.equals(bean.getName())
							&& node.getChild(i + 1) instanceof MethodReference call) {
						check(call, annotation, method);
					}
				}
			}
			for (int i = 0; i < node.getChildCount(); i++) {
				visit(node.getChild(i), annotation, method);
			}
		}

		private void check(MethodReference call, Class<? extends Annotation> annotation, Method method) {
			String argument = (call.getChildCount() > 0 && call.getChild(0) instanceof StringLiteral literal)
					? (String) literal.getLiteralValue().getValue() : null;
			if (argument == null) {
				return;
			}
			switch (call.getName()) {
				case "matches" -> {
					try {
						this.claims.rule(argument);
					}
					catch (ClaimsRuleSyntaxException ex) {
						this.errors.add("Invalid claims rule in " + where(annotation, method) + ": at position "
								+ ex.getPosition() + ": " + ex.getReason() + " in rule '" + argument + "'");
					}
				}
				case "has", "hasAny" -> {
					try {
						this.claims.path(argument);
					}
					catch (IllegalArgumentException ex) {
						// "Invalid claim path "<path>" at index N: <reason>" reordered
						// as the rules are
						String message = String.valueOf(ex.getMessage());
						String prefix = "Invalid claim path \"" + argument + "\" ";
						this.errors.add("Invalid claim path in " + where(annotation, method) + ": "
								+ (message.startsWith(prefix)
										? message.substring(prefix.length()) + " in path '" + argument + "'"
										: message));
					}
				}
				default -> {
				}
			}
		}

		private String where(Class<? extends Annotation> annotation, Method method) {
			String parameters = Stream.of(method.getParameterTypes())
				.map(ClassUtils::getShortName)
				.collect(Collectors.joining(", "));
			return "@" + annotation.getSimpleName() + " of bean '" + this.beanName + "', method "
					+ ClassUtils.getShortName(this.type) + "#" + method.getName() + "(" + parameters + ")";
		}

	}

}
