package io.github.introspection.autoconfigure;

import io.github.introspection.web.IntrospectionAccessDeniedHandler;
import io.github.introspection.web.IntrospectionAuthenticationEntryPoint;
import io.github.introspection.web.ProblemRequestRejectedHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * RFC 6750 error responses with {@code application/problem+json} bodies, and the same
 * bodies for requests the firewall rejects.
 */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfiguration {

	@Bean
	@ConditionalOnMissingBean(AuthenticationEntryPoint.class)
	IntrospectionAuthenticationEntryPoint introspectionAuthenticationEntryPoint() {
		return new IntrospectionAuthenticationEntryPoint();
	}

	@Bean
	@ConditionalOnMissingBean(AccessDeniedHandler.class)
	IntrospectionAccessDeniedHandler introspectionAccessDeniedHandler() {
		return new IntrospectionAccessDeniedHandler();
	}

	@Bean
	@ConditionalOnMissingBean(RequestRejectedHandler.class)
	ProblemRequestRejectedHandler introspectionRequestRejectedHandler() {
		return new ProblemRequestRejectedHandler();
	}

}
