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

package io.github.introspection.sample.demoidp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * The demo authorization server: Spring Authorization Server issuing opaque (reference)
 * access tokens by {@code client_credentials}, with its introspection (RFC 7662) and
 * revocation (RFC 7009) endpoints. Runs in its own application context (see
 * {@link DemoIdp}); it is deliberately not picked up by the sample app's component scan.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableAutoConfiguration(exclude = { UserDetailsServiceAutoConfiguration.class,
		OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class })
public class DemoIdpConfiguration {

	/** Lifetime of every access token the demo IdP issues. */
	public static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

	/** The claim {@code group} added to each client's tokens. */
	static final Map<String, String> GROUPS = Map.of("demo-client", "dev", "admin-client", "admin", "ops-client",
			"ops");

	@Bean
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, JWKSource<SecurityContext> keys) {
		// RFC 9701: a signed answer to a caller that asks for one
		SignedIntrospectionResponseHandler signedAnswers = new SignedIntrospectionResponseHandler(
				new NimbusJwtEncoder(keys));
		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			authorizationServer.tokenIntrospectionEndpoint(
					(introspection) -> introspection.introspectionResponseHandler(signedAnswers));
		});
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated());
		return http.build();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository() {
		return new InMemoryRegisteredClientRepository(
				List.of(client("demo-client", "demo-secret", "orders:read", "orders:write"),
						client("admin-client", "admin-secret", "orders:read"),
						client("ops-client", "ops-secret", "orders:read"),
						// the sample app's own credentials, used to call the
						// introspection endpoint
						client("sample-app", "sample-secret")));
	}

	private static RegisteredClient client(String clientId, String secret, String... scopes) {
		RegisteredClient.Builder builder = RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientSecret("{noop}" + secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.REFERENCE)
				.accessTokenTimeToLive(ACCESS_TOKEN_TTL)
				.build());
		for (String scope : scopes) {
			builder.scope(scope);
		}
		return builder.build();
	}

	/**
	 * Adds the claims the sample app authorizes on. Claims of reference tokens are kept
	 * by the authorization server and returned by its introspection endpoint.
	 */
	@Bean
	OAuth2TokenCustomizer<OAuth2TokenClaimsContext> accessTokenClaimsCustomizer() {
		return (context) -> {
			String clientId = context.getRegisteredClient().getClientId();
			context.getClaims().claim("preferred_username", clientId);
			String group = GROUPS.get(clientId);
			if (group != null) {
				context.getClaims().claim("group", group);
			}
			if ("demo-client".equals(clientId)) {
				// Keycloak-shaped nested claim, for role-mapping demos
				context.getClaims().claim("realm_access", Map.of("roles", List.of("orders-reader", "dev")));
			}
		};
	}

	/**
	 * Counts introspection calls (see {@link DemoIdp#introspectionCount()}); first in the
	 * servlet filter chain, ahead of Spring Security.
	 */
	@Bean
	FilterRegistrationBean<IntrospectionCounter> introspectionCounter() {
		FilterRegistrationBean<IntrospectionCounter> registration = new FilterRegistrationBean<>(
				new IntrospectionCounter());
		registration.addUrlPatterns(IntrospectionCounter.INTROSPECTION_PATH, IntrospectionCounter.COUNT_PATH);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * The key that signs introspection answers (RFC 9701), published at
	 * {@code /oauth2/jwks}; a new one at every start.
	 * @return the key set
	 */
	@Bean
	JWKSource<SecurityContext> jwkSource() {
		try {
			return new ImmutableJWKSet<>(new JWKSet(new RSAKeyGenerator(2048).keyID("demo-idp-1").generate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Bean
	OAuth2AuthorizationService authorizationService() {
		return new InMemoryOAuth2AuthorizationService();
	}

	/**
	 * The issuer is {@code demo-idp.issuer} when set; otherwise Spring Authorization
	 * Server derives it from each request ({@code http://localhost:<port>}).
	 */
	@Bean
	AuthorizationServerSettings authorizationServerSettings(@Value("${demo-idp.issuer:}") String issuer) {
		AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
		if (StringUtils.hasText(issuer)) {
			builder.issuer(issuer);
		}
		return builder.build();
	}

}
