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

package bench.app;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The stock app plus the cache users copy from forum answers: Boot's
 * {@code SpringOpaqueTokenIntrospector} wrapped as
 * {@code token -> cache.get(token, delegate::introspect)} (60 s, 100,000 entries).
 */
@SpringBootApplication
public class HandRolledApplication {

	public static void main(String[] args) {
		SpringApplication.run(HandRolledApplication.class, args);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	OpaqueTokenIntrospector cachingIntrospector(OAuth2ResourceServerProperties properties) {
		OAuth2ResourceServerProperties.Opaquetoken opaqueToken = properties.getOpaquetoken();
		OpaqueTokenIntrospector delegate = SpringOpaqueTokenIntrospector
			.withIntrospectionUri(opaqueToken.getIntrospectionUri())
			.clientId(opaqueToken.getClientId())
			.clientSecret(opaqueToken.getClientSecret())
			.build();
		Cache<String, OAuth2AuthenticatedPrincipal> cache = Caffeine.newBuilder()
			.expireAfterWrite(Duration.ofSeconds(60))
			.maximumSize(100_000)
			.build();
		return (token) -> cache.get(token, delegate::introspect);
	}

}
