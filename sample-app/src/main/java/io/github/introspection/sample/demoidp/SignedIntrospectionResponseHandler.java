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

import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Answers an introspection request that asks for
 * {@code Accept: application/token-introspection+jwt} with a signed answer (RFC 9701): a
 * JWS of type {@code token-introspection+jwt}, {@code iss} the issuer, {@code aud} the
 * calling client, the RFC 7662 answer in {@code token_introspection}. Any other request
 * gets the plain JSON answer, as Spring Authorization Server gives it.
 */
final class SignedIntrospectionResponseHandler implements AuthenticationSuccessHandler {

	static final MediaType MEDIA_TYPE = new MediaType("application", "token-introspection+jwt");

	private final JwtEncoder encoder;

	private final OAuth2TokenIntrospectionHttpMessageConverter json = new OAuth2TokenIntrospectionHttpMessageConverter();

	SignedIntrospectionResponseHandler(JwtEncoder encoder) {
		this.encoder = encoder;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2TokenIntrospectionAuthenticationToken introspection = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || !MediaType.parseMediaTypes(accept).contains(MEDIA_TYPE)) {
			this.json.write(introspection.getTokenClaims(), null, new ServletServerHttpResponse(response));
			return;
		}
		String client = ((OAuth2ClientAuthenticationToken) introspection.getPrincipal()).getRegisteredClient()
			.getClientId();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(AuthorizationServerContextHolder.getContext().getIssuer())
			.audience(List.of(client))
			.issuedAt(Instant.now())
			.claim("token_introspection", answer(introspection.getTokenClaims().getClaims()))
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("token-introspection+jwt").build();
		String jwt = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		response.setStatus(200);
		response.setContentType(MEDIA_TYPE.toString());
		// bytes, so that no charset is added to the media type
		response.getOutputStream().write(jwt.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	// RFC 7662 §2.2's JSON: times in seconds, scope space-separated, URLs as strings
	private static Map<String, Object> answer(Map<String, Object> claims) {
		Map<String, Object> answer = new LinkedHashMap<>();
		claims.forEach((name, value) -> {
			if (value instanceof Instant instant) {
				answer.put(name, instant.getEpochSecond());
			}
			else if (value instanceof URL url) {
				answer.put(name, url.toString());
			}
			else if ("scope".equals(name) && value instanceof Collection<?> scopes) {
				answer.put(name, String.join(" ", scopes.stream().map(String::valueOf).toList()));
			}
			else {
				answer.put(name, value);
			}
		});
		return answer;
	}

}
