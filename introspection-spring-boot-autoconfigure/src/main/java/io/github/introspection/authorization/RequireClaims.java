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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the current token's claims to satisfy a claims rule before a method runs; the
 * short form of {@code @PreAuthorize("@claims.matches('…')")}: <pre class="code">
 * &#64;RequireClaims("Equals(`group`, `dev`) || Contains(`realm_access.roles`, `admin`)")
 * public Report report() { … }
 * </pre> On a class (or interface) it applies to every method that has no
 * {@code @RequireClaims} of its own; it may also be used as a meta-annotation. The rule
 * is taken as written (no SpEL quoting or escaping), parsed once when the bean is proxied
 * (a bad rule fails start-up), and checked by the interceptor from
 * {@link RequireClaimsAuthorizationManager#interceptor()}. A failing rule throws an
 * {@link org.springframework.security.access.AccessDeniedException}. It can be combined
 * with {@code @PreAuthorize}; both must pass.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireClaims {

	/**
	 * The rule in the claims language, such as {@code Equals(`group`, `dev`)}.
	 * @return the rule
	 */
	String value();

}
