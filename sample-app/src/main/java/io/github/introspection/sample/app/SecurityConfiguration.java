package io.github.introspection.sample.app;

import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.autoconfigure.IntrospectionRequestAuthorizationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Turns on {@code @PreAuthorize} (and the starter's {@code @RequireClaims}), and adds one
 * per-path claims rule to the starter's filter chain. The chain itself (stateless, token
 * introspection, RFC 6750 errors) comes from the introspection starter: the app declares
 * no {@code SecurityFilterChain}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * Everything under {@code /api/ops/} needs a token whose {@code group} claim is
	 * {@code ops}; other tokens get 403 {@code insufficient_scope}.
	 */
	@Bean
	IntrospectionRequestAuthorizationCustomizer opsOnly() {
		return (requests) -> requests.requestMatchers("/api/ops/**")
			.access(ClaimsAuthorizationManager.of("Equals(`group`, `ops`)"));
	}

}
