package io.github.introspection.autoconfigure;

import java.util.List;

import io.github.introspection.authorization.ClaimsAuthorizationManager;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.token.TokenSourceKind;
import io.github.introspection.web.CookieTokenCsrfFilter;
import io.github.introspection.web.ForwardedHeadersFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of a stateless {@link SecurityFilterChain} that asks for a token on
 * every request except {@code introspection.public-paths}. Backs off when the
 * application declares its own {@code SecurityFilterChain}; the starter's beans then
 * still serve it through {@code oauth2ResourceServer(o -> o.opaqueToken(...))}.
 */
@AutoConfiguration(after = IntrospectionAutoConfiguration.class, before = ServletWebSecurityAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "introspection.enabled", matchIfMissing = true)
@ConditionalOnDefaultWebSecurity
public final class IntrospectionWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnBean({ BearerTokenResolver.class, OpaqueTokenIntrospector.class })
	SecurityFilterChain introspectionSecurityFilterChain(HttpSecurity http, IntrospectionProperties properties,
			BearerTokenResolver bearerTokenResolver, OpaqueTokenIntrospector introspector,
			AuthenticationEntryPoint authenticationEntryPoint, AccessDeniedHandler accessDeniedHandler,
			ObjectProvider<IntrospectionRequestAuthorizationCustomizer> requestCustomizers) {
		List<String> publicPaths = properties.getPublicPaths();
		String claimsRule = properties.getClaims();
		ClaimsAuthorizationManager claimsManager = StringUtils.hasText(claimsRule)
				? ClaimsAuthorizationManager.ofProperty("introspection.claims", claimsRule) : null;
		http.authorizeHttpRequests((requests) -> {
			// Let the container's error dispatch through, so an error page never hides the
			// original status behind a second 401.
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			if (!publicPaths.isEmpty()) {
				requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
			}
			requestCustomizers.orderedStream().forEach((customizer) -> customizer.customize(requests));
			if (claimsManager != null) {
				requests.anyRequest()
					.access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
							claimsManager));
			}
			else {
				requests.anyRequest().authenticated();
			}
		});
		http.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(bearerTokenResolver)
			.authenticationEntryPoint(authenticationEntryPoint)
			.accessDeniedHandler(accessDeniedHandler)
			.opaqueToken((opaqueToken) -> opaqueToken.introspector(introspector))
			.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
					(builder) -> builder.bearerMethods((methods) -> setBearerMethods(methods, bearerTokenResolver)))));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(authenticationEntryPoint)
			.accessDeniedHandler(accessDeniedHandler));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		http.requestCache((cache) -> cache.disable());
		http.logout((logout) -> logout.disable());
		http.anonymous((anonymous) -> anonymous.disable());
		if (bearerTokenResolver instanceof IntrospectionBearerTokenResolver resolver) {
			if (resolver.isEnabled(TokenSourceKind.COOKIE) && properties.getTokenSource().isCookieCsrfProtection()) {
				http.addFilterBefore(new CookieTokenCsrfFilter(resolver.getName(TokenSourceKind.COOKIE)),
						BearerTokenAuthenticationFilter.class);
			}
		}
		if (!properties.getForwardHeaders().isEmpty() || !properties.isForwardAuthorization()) {
			// Never a bean: Boot would also register it as a servlet filter running before
			// authentication.
			http.addFilterAfter(ForwardedHeadersFilter.ofProperties("introspection.forward-headers",
					properties.getForwardHeaders(), properties.isForwardAuthorization(), bearerTokenResolver),
					AuthorizationFilter.class);
		}
		return http.build();
	}

	// RFC 9728 §2: bearer_methods_supported lists "header", "body" and "query"; a cookie
	// has no registered name.
	private static void setBearerMethods(List<String> methods, BearerTokenResolver resolver) {
		if (resolver instanceof IntrospectionBearerTokenResolver introspection) {
			methods.clear();
			if (introspection.isEnabled(TokenSourceKind.HEADER)) {
				methods.add("header");
			}
			if (introspection.isEnabled(TokenSourceKind.QUERY)) {
				methods.add("query");
			}
		}
	}

}
