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

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Callback that adds path rules to the starter's default security filter chain, after the
 * public paths and before the final rule (authenticated). A global
 * {@code introspection.claims} rule still holds on every authenticated request: path
 * rules add to it, never replace it. Beans are applied in
 * {@link org.springframework.core.Ordered order}. For example, a per-path claims rule:
 * <pre class="code">
 * &#064;Bean
 * IntrospectionRequestAuthorizationCustomizer opsOnly() {
 *     return (requests) -&gt; requests.requestMatchers("/api/ops/**")
 *         .access(ClaimsAuthorizationManager.of("Equals(`group`, `ops`)"));
 * }
 * </pre>
 */
@FunctionalInterface
public interface IntrospectionRequestAuthorizationCustomizer {

	/**
	 * Adds rules.
	 * @param requests the registry of request rules
	 */
	void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}
