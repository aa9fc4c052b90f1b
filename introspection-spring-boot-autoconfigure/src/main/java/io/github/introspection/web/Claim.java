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

package io.github.introspection.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a controller method parameter to a claim of the current token: <pre class="code">
 * &#64;GetMapping("/api/group")
 * String group(&#64;Claim("group") String group, &#64;Claim("realm_access.roles") List&lt;String&gt; roles) { … }
 * </pre> Resolved by {@link ClaimArgumentResolver}. A missing required claim denies the
 * request with 403.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Claim {

	/**
	 * The claim path, such as {@code group} or {@code realm_access.roles} ({@code \.} for
	 * a literal dot).
	 * @return the claim path
	 */
	String value();

	/**
	 * Whether the claim must be present. When {@code false}, a missing claim (or one that
	 * cannot be converted to the parameter type) gives {@code null}, or an empty
	 * {@link java.util.Optional}.
	 * @return whether the claim is required
	 */
	boolean required() default true;

}
