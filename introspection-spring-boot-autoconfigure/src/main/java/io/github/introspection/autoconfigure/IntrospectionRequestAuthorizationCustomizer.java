package io.github.introspection.autoconfigure;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Callback that adds path rules to the starter's default security filter chain, after the
 * public paths and before the final rule (authenticated, and {@code introspection.claims}
 * when set). Beans are applied in {@link org.springframework.core.Ordered order}. For
 * example, a per-path claims rule:
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
