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

package io.github.introspection.token;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IntrospectionBearerTokenResolver}.
 */
class IntrospectionBearerTokenResolverTests {

	private static final String TOKEN = "s3cr3t-T0ken.value_~+/";

	private static final String OTHER_TOKEN = "0ther-s3cr3t";

	private final IntrospectionBearerTokenResolver bearerOnly = IntrospectionBearerTokenResolver.bearerHeader();

	private final IntrospectionBearerTokenResolver allSources = IntrospectionBearerTokenResolver.of("Authorization",
			"Bearer", "access_token", "access_token");

	// Header with a scheme

	@Test
	void resolveWhenValidBearerHeaderThenTokenIsResolved() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		assertThat(this.bearerOnly.resolve(request)).isEqualTo(TOKEN);
	}

	@Test
	void resolveWhenLowercaseBearerSchemeThenTokenIsResolved() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN);
		assertThat(this.bearerOnly.resolve(request)).isEqualTo(TOKEN);
	}

	@Test
	void resolveWhenTokenHasPaddingThenTokenIsResolvedWithPadding() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer abcDEF123==");
		assertThat(this.bearerOnly.resolve(request)).isEqualTo("abcDEF123==");
	}

	@Test
	void resolveWhenBasicSchemeThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Bearer token is malformed")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, OTHER_TOKEN));
	}

	@Test
	void resolveWhenTokenSchemeThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Token " + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Bearer token is malformed")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, OTHER_TOKEN));
	}

	@Test
	void resolveWhenSchemeIsFollowedByNoSpaceThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer" + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, OTHER_TOKEN));
	}

	@Test
	void resolveWhenBearerWithoutTokenThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer ");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Bearer token is malformed")
			.satisfies((ex) -> assertErrorCode(ex, BearerTokenErrorCodes.INVALID_TOKEN));
	}

	@Test
	void resolveWhenBearerTokenContainsSpaceThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer s3cr3t a");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Bearer token is malformed")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenBearerTokenContainsDollarThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer s3cr3t$c");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Bearer token is malformed")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenBearerTokenContainsNonAsciiThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer s3cr3t\u00e9t\u00f6k\u00e9n");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Bearer token is malformed")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenPaddingIsFollowedByTokenCharactersThenInvalidToken() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer s3cr3t==abc");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenNoHeaderThenNull() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(this.bearerOnly.resolve(request)).isNull();
		assertThat(this.allSources.resolve(request)).isNull();
		assertThat(request.getAttribute(IntrospectionBearerTokenResolver.TOKEN_SOURCE_ATTRIBUTE)).isNull();
	}

	@Test
	void resolveWhenTwoAuthorizationHeadersThenInvalidRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	// Raw header

	@Test
	void resolveWhenRawHeaderThenWholeValueIsTheToken() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of("X-Api-Token", "", null, null);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Api-Token", "api:key$1%2B!");
		assertThat(resolver.resolve(request)).isEqualTo("api:key$1%2B!");
		assertThat(request.getAttribute(IntrospectionBearerTokenResolver.TOKEN_SOURCE_ATTRIBUTE))
			.isEqualTo(TokenSourceKind.HEADER);
	}

	@Test
	void resolveWhenRawHeaderStartsWithBearerThenInvalidToken() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of("X-Api-Token", "", null, null);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Api-Token", "Bearer " + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, OTHER_TOKEN));
	}

	@Test
	void resolveWhenRawHeaderIsEmptyThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of("X-Api-Token", "", null, null);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Api-Token", "");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("is empty")
			.satisfies((ex) -> assertErrorCode(ex, BearerTokenErrorCodes.INVALID_REQUEST));
	}

	@Test
	void resolveWhenRawHeaderTwiceThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of("X-Api-Token", "", null, null);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Api-Token", TOKEN);
		request.addHeader("X-Api-Token", OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	// Query parameter

	@Test
	void resolveWhenQueryParameterThenTokenIsResolved() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=s3cr3t-T0ken");
		assertThat(resolver.resolve(request)).isEqualTo("s3cr3t-T0ken");
	}

	@Test
	void resolveWhenQueryParameterIsPercentEncodedThenTokenIsDecoded() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("page=2&access_token=abc%2Bdef%2F%3D%3D");
		assertThat(resolver.resolve(request)).isEqualTo("abc+def/==");
	}

	@Test
	void resolveWhenQueryParameterNameIsPercentEncodedThenTokenIsResolved() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access%5Ftoken=" + OTHER_TOKEN);
		assertThat(resolver.resolve(request)).isEqualTo(OTHER_TOKEN);
	}

	@Test
	void resolveWhenQueryParameterHasUnencodedPlusThenInvalidToken() {
		// RFC 6750 §2.3: the query is application/x-www-form-urlencoded, so "+" is a
		// space
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=s3cr3t+abc");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenQueryParameterIsEmptyThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("The query parameter access_token is empty")
			.satisfies((ex) -> assertErrorCode(ex, BearerTokenErrorCodes.INVALID_REQUEST));
	}

	@Test
	void resolveWhenQueryParameterHasNoValueThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("is empty")
			.satisfies((ex) -> assertErrorCode(ex, BearerTokenErrorCodes.INVALID_REQUEST));
	}

	@Test
	void resolveWhenTwoQueryParametersThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=" + TOKEN + "&access_token=" + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenTwoIdenticalQueryParametersThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=" + OTHER_TOKEN + "&access_token=" + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenQueryIsMalformedPercentEncodingThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=s3cr3t%zz");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("not correctly encoded")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, "s3cr3t"));
	}

	@Test
	void resolveWhenQueryEndsWithTruncatedPercentEncodingThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=s3cr3t%2");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, "s3cr3t"));
	}

	@Test
	void resolveWhenAnotherParameterNameIsMalformedThenItIsIgnored() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		assertThat(resolver.resolve(get("bad%zz=1"))).isNull();
		assertThat(resolver.resolve(get("bad%zz=1&access_token=" + OTHER_TOKEN + "&%=2"))).isEqualTo(OTHER_TOKEN);
	}

	@Test
	void resolveWhenAMalformedParameterNameCouldBeTheTokenParameterThenInvalidRequest() {
		// Some decoders drop a bad escape: "access_token%zz" would then be a second token
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=" + TOKEN + "&access_token%zz=" + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("not correctly encoded")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> resolver.resolve(get("access%_token=" + OTHER_TOKEN)))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenAnotherParameterNameIsMalformedButQuerySourceOffThenNull() {
		MockHttpServletRequest request = get("bad%zz=1&access_token%zz=" + TOKEN);
		assertThat(this.bearerOnly.resolve(request)).isNull();
	}

	@Test
	void resolveWhenQueryParameterContainsNulThenInvalidToken() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=s3cr3t%00");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("malformed")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenQueryParameterContainsNonAsciiThenInvalidToken() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get("access_token=s3cr3t%C3%A9");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	@Test
	void resolveWhenQueryParameterOfAnotherNameThenNull() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = get(
				"token=" + TOKEN + "&access_token_hint=" + TOKEN + "&ACCESS_TOKEN=" + TOKEN);
		assertThat(resolver.resolve(request)).isNull();
	}

	@Test
	void resolveWhenFormBodyParameterThenNotReadAsQueryToken() {
		IntrospectionBearerTokenResolver resolver = queryOnly();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/resource");
		request.setContentType("application/x-www-form-urlencoded");
		request.addParameter("access_token", TOKEN);
		assertThat(resolver.resolve(request)).isNull();
	}

	// Cookie

	@Test
	void resolveWhenCookieThenTokenIsResolved() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of(null, null, null, "at");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("other", OTHER_TOKEN), new Cookie("at", TOKEN));
		assertThat(resolver.resolve(request)).isEqualTo(TOKEN);
	}

	@Test
	void resolveWhenCookieIsEmptyThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of(null, null, null, "at");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("at", ""));
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("The cookie at is empty")
			.satisfies((ex) -> assertErrorCode(ex, BearerTokenErrorCodes.INVALID_REQUEST));
	}

	@Test
	void resolveWhenTwoCookiesOfThatNameThenInvalidRequest() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of(null, null, null, "at");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("at", TOKEN), new Cookie("at", OTHER_TOKEN));
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenCookieContainsNonAsciiThenInvalidToken() {
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of(null, null, null, "at");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("at", "s3cr3t\u00e9"));
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> resolver.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	// More than one source

	@Test
	void resolveWhenHeaderAndQueryThenInvalidRequest() {
		MockHttpServletRequest request = get("access_token=" + OTHER_TOKEN);
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.allSources.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenHeaderAndCookieThenInvalidRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		request.setCookies(new Cookie("access_token", OTHER_TOKEN));
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.allSources.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenQueryAndCookieThenInvalidRequest() {
		MockHttpServletRequest request = get("access_token=" + TOKEN.replace("+", "%2B"));
		request.setCookies(new Cookie("access_token", OTHER_TOKEN));
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.allSources.resolve(request))
			.withMessageContaining("Found multiple tokens")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, TOKEN))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	@Test
	void resolveWhenSameTokenInHeaderAndQueryThenInvalidRequest() {
		MockHttpServletRequest request = get("access_token=" + OTHER_TOKEN);
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + OTHER_TOKEN);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.allSources.resolve(request))
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_REQUEST, OTHER_TOKEN));
	}

	// Disabled sources

	@Test
	void resolveWhenQueryParameterButQuerySourceOffThenNull() {
		MockHttpServletRequest request = get("access_token=" + OTHER_TOKEN);
		assertThat(this.bearerOnly.resolve(request)).isNull();
	}

	@Test
	void resolveWhenCookieButCookieSourceOffThenNull() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("access_token", OTHER_TOKEN));
		assertThat(this.bearerOnly.resolve(request)).isNull();
	}

	@Test
	void resolveWhenAuthorizationHeaderButHeaderSourceOffThenNull() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + OTHER_TOKEN);
		assertThat(queryOnly().resolve(request)).isNull();
	}

	@Test
	void resolveWhenHeaderAndQueryButQuerySourceOffThenHeaderTokenIsResolved() {
		MockHttpServletRequest request = get("access_token=" + OTHER_TOKEN);
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		assertThat(this.bearerOnly.resolve(request)).isEqualTo(TOKEN);
	}

	// Length

	@Test
	void resolveWhenTokenIsAtMaximumLengthThenTokenIsResolved() {
		String token = "a".repeat(IntrospectionBearerTokenResolver.MAX_TOKEN_LENGTH);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		assertThat(this.bearerOnly.resolve(request)).isEqualTo(token);
	}

	@Test
	void resolveWhenTokenIsLongerThanMaximumThenInvalidToken() {
		String token = "s3cr3t" + "a".repeat(IntrospectionBearerTokenResolver.MAX_TOKEN_LENGTH);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.bearerOnly.resolve(request))
			.withMessageContaining("too long")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
		assertThat(request.getAttribute(IntrospectionBearerTokenResolver.TOKEN_SOURCE_ATTRIBUTE)).isNull();
	}

	@Test
	void resolveWhenQueryTokenIsLongerThanMaximumThenInvalidToken() {
		String token = "s3cr3t" + "a".repeat(IntrospectionBearerTokenResolver.MAX_TOKEN_LENGTH);
		MockHttpServletRequest request = get("access_token=" + token);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> queryOnly().resolve(request))
			.withMessageContaining("too long")
			.satisfies((ex) -> assertError(ex, BearerTokenErrorCodes.INVALID_TOKEN, "s3cr3t"));
	}

	// Source attribute

	@Test
	void resolveWhenTokenInHeaderThenSourceAttributeIsHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
		assertThat(this.allSources.resolve(request)).isEqualTo(TOKEN);
		assertThat(request.getAttribute(IntrospectionBearerTokenResolver.TOKEN_SOURCE_ATTRIBUTE))
			.isEqualTo(TokenSourceKind.HEADER);
	}

	@Test
	void resolveWhenTokenInQueryThenSourceAttributeIsQuery() {
		MockHttpServletRequest request = get("access_token=" + OTHER_TOKEN);
		assertThat(this.allSources.resolve(request)).isEqualTo(OTHER_TOKEN);
		assertThat(request.getAttribute(IntrospectionBearerTokenResolver.TOKEN_SOURCE_ATTRIBUTE))
			.isEqualTo(TokenSourceKind.QUERY);
	}

	@Test
	void resolveWhenTokenInCookieThenSourceAttributeIsCookie() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("access_token", OTHER_TOKEN));
		assertThat(this.allSources.resolve(request)).isEqualTo(OTHER_TOKEN);
		assertThat(request.getAttribute(IntrospectionBearerTokenResolver.TOKEN_SOURCE_ATTRIBUTE))
			.isEqualTo(TokenSourceKind.COOKIE);
	}

	// Construction

	@Test
	void ofWhenNoSourceThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> IntrospectionBearerTokenResolver.of("", "", null, null))
			.withMessageContaining("At least one token source");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IntrospectionBearerTokenResolver.of(null, "Bearer", " ", ""));
	}

	@Test
	void ofWhenSourcesGivenThenReportsEnabledSourcesAndNames() {
		assertThat(this.bearerOnly.isEnabled(TokenSourceKind.HEADER)).isTrue();
		assertThat(this.bearerOnly.isEnabled(TokenSourceKind.QUERY)).isFalse();
		assertThat(this.bearerOnly.isEnabled(TokenSourceKind.COOKIE)).isFalse();
		assertThat(this.bearerOnly.getName(TokenSourceKind.HEADER)).isEqualTo(HttpHeaders.AUTHORIZATION);
		assertThat(this.bearerOnly.getName(TokenSourceKind.QUERY)).isNull();
		IntrospectionBearerTokenResolver resolver = IntrospectionBearerTokenResolver.of("", "Bearer", "access_token",
				"at");
		assertThat(resolver.isEnabled(TokenSourceKind.HEADER)).isFalse();
		assertThat(resolver.getName(TokenSourceKind.HEADER)).isNull();
		assertThat(resolver.getName(TokenSourceKind.QUERY)).isEqualTo("access_token");
		assertThat(resolver.getName(TokenSourceKind.COOKIE)).isEqualTo("at");
	}

	@Test
	void afterSchemeAcceptsExactlyWhatTheRfc6750GrammarAccepts() {
		// The grammar of RFC 6750 §2.1 as a regular expression, against the hand-written
		// parser, on values built from the characters where parsers go wrong.
		String scheme = "Bearer";
		Pattern grammar = Pattern.compile("(?i)Bearer +([A-Za-z0-9\\-._~+/]+=*) *");
		char[] alphabet = { 'B', 'b', 'e', 'a', 'r', 'R', ' ', '=', 'x', '0', '-', '.', '_', '~', '+', '/', '$', '\t',
				'\u00e9', '\u017f', 'K' };
		Random random = new Random(20261128L);
		for (int i = 0; i < 200_000; i++) {
			StringBuilder value = new StringBuilder();
			if (random.nextInt(4) > 0) {
				value.append(random.nextBoolean() ? scheme : scheme.toUpperCase(Locale.ROOT));
			}
			int length = random.nextInt(12);
			for (int j = 0; j < length; j++) {
				value.append(alphabet[random.nextInt(alphabet.length)]);
			}
			String candidate = value.toString();
			Matcher matcher = grammar.matcher(candidate);
			String expected = matcher.matches() ? matcher.group(1) : null;
			assertThat(IntrospectionBearerTokenResolver.afterScheme(candidate, scheme)).as("'%s'", candidate)
				.isEqualTo(expected);
		}
	}

	@Test
	void afterSchemeIgnoresOnlyTheAsciiCaseOfTheScheme() {
		assertThat(IntrospectionBearerTokenResolver.afterScheme("bEARER abc", "Bearer")).isEqualTo("abc");
		assertThat(IntrospectionBearerTokenResolver.afterScheme("Ba\u017fic abc", "Basic")).isNull();
		assertThat(IntrospectionBearerTokenResolver.afterScheme("DPoP  abc==  ", "DPoP")).isEqualTo("abc==");
	}

	private static IntrospectionBearerTokenResolver queryOnly() {
		return IntrospectionBearerTokenResolver.of(null, null, "access_token", null);
	}

	private static MockHttpServletRequest get(String queryString) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/resource");
		request.setQueryString(queryString);
		return request;
	}

	private static void assertErrorCode(OAuth2AuthenticationException ex, String errorCode) {
		assertThat(ex.getError().getErrorCode()).isEqualTo(errorCode);
		HttpStatus status = BearerTokenErrorCodes.INVALID_REQUEST.equals(errorCode) ? HttpStatus.BAD_REQUEST
				: HttpStatus.UNAUTHORIZED;
		assertThat(ex.getError()).isInstanceOfSatisfying(BearerTokenError.class,
				(error) -> assertThat(error.getHttpStatus()).isEqualTo(status));
	}

	private static void assertError(OAuth2AuthenticationException ex, String errorCode, String token) {
		assertErrorCode(ex, errorCode);
		assertThat(ex.getError().getDescription()).doesNotContain(token);
		assertThat(ex.getMessage()).doesNotContain(token);
	}

}
