package io.github.introspection.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

import io.github.introspection.autoconfigure.IntrospectionProperties.Auth;
import io.github.introspection.autoconfigure.IntrospectionProperties.ClientConfig;
import io.github.introspection.autoconfigure.IntrospectionProperties.TokenSource;
import io.github.introspection.autoconfigure.IntrospectionProperties.Validation;
import io.github.introspection.cache.CachingOpaqueTokenAuthenticationConverter;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.ClaimAuthorityMapping;
import io.github.introspection.client.ClientAuthentication;
import io.github.introspection.client.IdpCircuitBreaker;
import io.github.introspection.client.IntrospectionClient;
import io.github.introspection.client.IntrospectionPrincipalFactory;
import io.github.introspection.token.IntrospectionBearerTokenResolver;
import io.github.introspection.validation.IntrospectionClaimsValidator;
import io.github.introspection.validation.ValidatingOpaqueTokenIntrospector;
import io.github.introspection.web.IntrospectionAccessDeniedHandler;
import io.github.introspection.web.IntrospectionAuthenticationEntryPoint;
import io.github.introspection.web.QueryTokenFilter;
import jakarta.servlet.DispatcherType;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the introspection starter's beans: the token resolver, the
 * introspection client and the RFC 6750 error handlers. Ordered before Spring Boot's own
 * resource server auto-configuration, so that its beans win over
 * {@code spring.security.oauth2.resourceserver.opaquetoken.*}.
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass({ OpaqueTokenIntrospector.class, BearerTokenResolver.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "introspection.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IntrospectionProperties.class)
public final class IntrospectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(BearerTokenResolver.class)
	IntrospectionBearerTokenResolver introspectionBearerTokenResolver(IntrospectionProperties properties) {
		TokenSource source = properties.getTokenSource();
		IntrospectionPropertiesValidator.validateTokenSource(source);
		return IntrospectionBearerTokenResolver.of(source.getHeader(), source.getHeaderAuthScheme(),
				source.getQuery(), source.getCookie());
	}

	@Bean
	@ConditionalOnMissingBean(OpaqueTokenIntrospector.class)
	ValidatingOpaqueTokenIntrospector introspectionOpaqueTokenIntrospector(IntrospectionProperties properties,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<IntrospectionClientBuilderCustomizer> customizers) {
		IntrospectionClient client = introspectionClient(properties, sslBundles.getIfAvailable(), customizers);
		OpaqueTokenIntrospector answers = cached(client, properties);
		Validation validation = properties.getValidation();
		IntrospectionPropertiesValidator.validateValidation(validation);
		IntrospectionClaimsValidator validator = new IntrospectionClaimsValidator(validation.getIssuers(),
				validation.getAudiences(), validation.getRequiredScopes(), validation.getClockSkew(), Clock.systemUTC());
		return new ValidatingOpaqueTokenIntrospector(answers, validator);
	}

	@Bean
	@ConditionalOnMissingBean(OpaqueTokenAuthenticationConverter.class)
	CachingOpaqueTokenAuthenticationConverter introspectionAuthenticationConverter(
			OpaqueTokenIntrospector introspector) {
		// The validating introspector passes the cache's principals through unchanged, so
		// the converter can find the ready authentication of a cached principal.
		OpaqueTokenIntrospector answers = (introspector instanceof ValidatingOpaqueTokenIntrospector validating)
				? validating.getDelegate() : introspector;
		return new CachingOpaqueTokenAuthenticationConverter(answers);
	}

	private static OpaqueTokenIntrospector cached(IntrospectionClient client, IntrospectionProperties properties) {
		IntrospectionProperties.Cache cache = properties.getCache();
		if (!cache.isEnabled()) {
			return client;
		}
		IntrospectionPropertiesValidator.validateCache(cache);
		return CachingOpaqueTokenIntrospector.builder(client)
			.endpoint(properties.getClientConfig().getUrl())
			.ttl(cache.getTtl())
			.maxSize(cache.getMaxSize())
			.inactiveTtl(cache.getInactiveTtl())
			.staleIfError(cache.getStaleIfError())
			.build();
	}

	private static IntrospectionClient introspectionClient(IntrospectionProperties properties,
			@Nullable SslBundles sslBundles, ObjectProvider<IntrospectionClientBuilderCustomizer> customizers) {
		ClientConfig config = properties.getClientConfig();
		URI endpoint = IntrospectionPropertiesValidator.validateClientConfig(config);
		IntrospectionPropertiesValidator.validateClaimSettings(properties);
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(config.getTimeout(), config.getTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW)
			.withSslBundle(IntrospectionSslBundleFactory.create(config.getTls(), sslBundles));
		ClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
			.build(settings);
		IntrospectionClient.Builder builder = IntrospectionClient
			.builder(RestClient.builder().requestFactory(requestFactory).build(), endpoint)
			.clientAuthentication(clientAuthentication(config.getAuth()))
			.headers(config.getHeaders())
			.tokenTypeHint(config.getTokenTypeHint())
			.maxRetries(config.getMaxRetries())
			.maxResponseBytes((int) config.getMaxResponseSize().toBytes())
			.principalFactory(principalFactory(properties))
			.circuitBreaker(new IdpCircuitBreaker(config.getCircuitBreaker().getFailureThreshold(),
					config.getCircuitBreaker().getOpenDuration(), System::nanoTime));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnBean(IntrospectionBearerTokenResolver.class)
	@ConditionalOnProperty(name = "introspection.token-source.query")
	@ConditionalOnMissingBean(name = "introspectionQueryTokenFilter")
	FilterRegistrationBean<QueryTokenFilter> introspectionQueryTokenFilter(IntrospectionProperties properties) {
		FilterRegistrationBean<QueryTokenFilter> registration = new FilterRegistrationBean<>(
				new QueryTokenFilter(properties.getTokenSource().getQuery().trim()));
		// Before Spring Security, whose request-line logging would print the token.
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

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

	private static ClientAuthentication clientAuthentication(Auth auth) {
		return switch (auth.getMethod()) {
			case CLIENT_SECRET_BASIC -> ClientAuthentication.clientSecretBasic(auth.getClientId(), auth.getClientSecret());
			case CLIENT_SECRET_POST -> ClientAuthentication.clientSecretPost(auth.getClientId(), auth.getClientSecret());
			case BEARER -> ClientAuthentication.bearer(auth.getToken());
			case NONE -> ClientAuthentication.none();
		};
	}

	private static IntrospectionPrincipalFactory principalFactory(IntrospectionProperties properties) {
		List<ClaimAuthorityMapping> mappings = properties.getAuthorities()
			.stream()
			.map((mapping) -> ClaimAuthorityMapping.of(mapping.getClaim(), mapping.getPrefix(), mapping.getSeparator()))
			.toList();
		return new IntrospectionPrincipalFactory(properties.getUsernameClaim(), mappings);
	}

}
