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

package io.github.introspection.it;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded fuzz of the token resolver and the whole filter chain: random
 * credentials in random places, with random methods and encodings. Every answer is 200,
 * 400, 401, 403 or 503, and a 200 only ever goes to a request that carried exactly one
 * token the identity provider knows.
 */
class FilterChainFuzzTests {

	private static final long SEED = 0x5eed_7662L;

	private static final int REQUESTS = 3000;

	private static final List<String> KNOWN = List.of("known-token-1", "known.token_2~+/==");

	private static final List<String> SCHEMES = List.of("Bearer ", "bearer ", "Bearer  ", "Basic ", "");

	private static final Pattern COOKIE_VALUE = Pattern.compile("[!#-+\\--:<-\\[\\]-~]+");

	private static final String ALPHABET = "abcXYZ019-._~+/=%&;,:\"'\\ \t\r\n\u0000\u0001\u007f\u00e9\u4e2d";

	private FakeIdp idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new FakeIdp(Set.copyOf(KNOWN));
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void randomRequestsOnlyEverGetDefinedAnswers() {
		Random random = new Random(SEED);
		List<String> failures = new ArrayList<>();
		TestApp.runner(this.idp.server()).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
				Attempt attempt = attempt(random);
				MockHttpServletResponse response = mvc.perform(attempt.request()).andReturn().getResponse();
				int status = response.getStatus();
				if (!Set.of(200, 400, 401, 403, 503).contains(status)) {
					failures.add("#" + i + " " + attempt.description() + " -> " + status);
				}
				if (status == 200 && !attempt.carriesOnlyAKnownToken()) {
					failures.add("#" + i + " " + attempt.description() + " -> 200 without a known token");
				}
			}
		});
		assertThat(failures).isEmpty();
	}

	private static Attempt attempt(Random random) {
		HttpMethod method = (random.nextInt(4) == 0) ? HttpMethod.POST : HttpMethod.GET;
		String path = (method == HttpMethod.POST) ? "/api/orders" : "/api/hello";
		String header = null;
		String cookie = null;
		List<String> queryTokens = new ArrayList<>();
		List<String> encodedQuery = new ArrayList<>();
		int sources = random.nextInt(4);
		for (int s = 0; s < sources; s++) {
			String token = (random.nextInt(3) == 0) ? KNOWN.get(random.nextInt(KNOWN.size())) : randomText(random);
			switch (random.nextInt(3)) {
				case 0 -> header = SCHEMES.get(random.nextInt(SCHEMES.size())) + token;
				case 1 -> {
					queryTokens.add(token);
					encodedQuery.add("access_token=" + (random.nextBoolean()
							? URLEncoder.encode(token, StandardCharsets.UTF_8) : rawQueryValue(token)));
				}
				default -> cookie = COOKIE_VALUE.matcher(token).matches() ? token : cookie;
			}
		}
		String uri = path + (encodedQuery.isEmpty() ? "" : "?" + String.join("&", encodedQuery));
		MockHttpServletRequestBuilder request;
		try {
			request = MockMvcRequestBuilders.request(method, URI.create(uri));
		}
		catch (IllegalArgumentException ex) {
			request = MockMvcRequestBuilders.request(method, path);
			queryTokens.clear();
		}
		List<String> sent = new ArrayList<>(queryTokens);
		if (header != null) {
			request.header("Authorization", header);
			sent.add(header.startsWith("Bearer ") || header.startsWith("bearer ")
					? header.substring(header.indexOf(' ')).trim() : header);
		}
		if (cookie != null) {
			request.cookie(new Cookie("access_token", cookie));
			sent.add(cookie);
			if (method == HttpMethod.POST && random.nextBoolean()) {
				request.header("Origin", "http://localhost");
			}
		}
		boolean onlyAKnownToken = sent.size() == 1 && KNOWN.contains(sent.get(0));
		return new Attempt(request, method + " " + uri + " header=" + header + " cookie=" + cookie, onlyAKnownToken);
	}

	// Unencoded, but without the characters that would split or end the query
	private static String rawQueryValue(String token) {
		return token.replace("&", "").replace("#", "").replace("%", "");
	}

	private static String randomText(Random random) {
		int length = random.nextInt(5) == 0 ? random.nextInt(10000) : random.nextInt(40);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

	private record Attempt(MockHttpServletRequestBuilder request, String description, boolean carriesOnlyAKnownToken) {
	}

}
