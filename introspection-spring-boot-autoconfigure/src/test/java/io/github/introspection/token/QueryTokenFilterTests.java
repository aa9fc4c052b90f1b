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

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QueryTokenFilter}.
 */
class QueryTokenFilterTests {

	private final QueryTokenFilter filter = new QueryTokenFilter("access_token");

	@Test
	void doFilterWhenQueryCarriesParameterThenNoStore() throws Exception {
		MockHttpServletResponse response = filter("page=1&access_token=s3cr3t");
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
	}

	@Test
	void doFilterWhenQueryCarriesEmptyParameterThenNoStore() throws Exception {
		assertThat(filter("access_token=").getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
		assertThat(filter("access_token").getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
	}

	@Test
	void doFilterWhenParameterNameIsPercentEncodedThenNoStore() throws Exception {
		// The resolver decodes parameter names, so this request does carry a token
		MockHttpServletResponse response = filter("access%5Ftoken=s3cr3t");
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
	}

	@Test
	void doFilterWhenQueryHasOtherParametersThenUntouched() throws Exception {
		MockHttpServletResponse response = filter("page=1&sort=name");
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isNull();
		assertThat(response.getHeader(HttpHeaders.PRAGMA)).isNull();
	}

	@Test
	void doFilterWhenParameterNameOnlyAppearsInsideAnotherNameOrValueThenUntouched() throws Exception {
		MockHttpServletResponse response = filter("my_access_token_hint=1&q=access_token");
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isNull();
	}

	@Test
	void doFilterWhenAMalformedParameterNameCouldBeTheTokenParameterThenNoStoreAndRedacted() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
		request.setQueryString("page=1&access_token%zz=s3cr3t");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
		assertThat(((HttpServletRequest) chain.getRequest()).getQueryString())
			.isEqualTo("page=1&access_token%zz=redacted");
	}

	@Test
	void doFilterWhenAnotherParameterNameIsMalformedThenUntouched() throws Exception {
		MockHttpServletResponse response = filter("bad%zz=1&%=2");
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isNull();
	}

	@Test
	void doFilterWhenNoQueryThenUntouched() throws Exception {
		MockHttpServletResponse response = filter(null);
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isNull();
	}

	@Test
	void doFilterWhenFormBodyParameterThenUntouched() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/items");
		request.setContentType("application/x-www-form-urlencoded");
		request.addParameter("access_token", "s3cr3t");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isNull();
	}

	@Test
	void doFilterThenTheRestOfTheAppSeesTheTokenRedactedAndTheResolverTheOriginal() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
		request.setQueryString("page=1&access_token=s3cr3t&sort=name");
		request.addParameter("page", "1");
		request.addParameter("access_token", "s3cr3t");
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getQueryString()).isEqualTo("page=1&access_token=redacted&sort=name");
		assertThat(seen.getParameter("access_token")).isEqualTo("redacted");
		assertThat(seen.getParameterValues("access_token")).containsExactly("redacted");
		assertThat(seen.getParameterMap().get("access_token")).containsExactly("redacted");
		assertThat(seen.getParameter("page")).isEqualTo("1");
		assertThat(seen.getAttribute(IntrospectionBearerTokenResolver.ORIGINAL_QUERY_ATTRIBUTE))
			.isEqualTo("page=1&access_token=s3cr3t&sort=name");
		assertThat(IntrospectionBearerTokenResolver.of(null, null, "access_token", null).resolve(seen))
			.isEqualTo("s3cr3t");
	}

	@Test
	void doFilterWhenTheTokenIsAbsentThenTheRequestIsPassedOnAsItIs() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
		request.setQueryString("page=1");
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void constructorWhenParameterIsEmptyThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QueryTokenFilter(""));
	}

	private MockHttpServletResponse filter(String queryString) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
		request.setQueryString(queryString);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
