package io.github.introspection.sample.app;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Turns on {@code @PreAuthorize}. The security filter chain itself (stateless, token
 * introspection, RFC 6750 errors) comes from the introspection starter: the app declares
 * none.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurityConfiguration {

}
