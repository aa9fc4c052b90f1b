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

package io.github.introspection.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.springframework.web.client.RestClient;

/**
 * Builds introspection clients against a {@link MockWebServer} the way the
 * auto-configuration does: the blocking request factory, timeouts, no redirects.
 */
final class IdpClients {

	static final Duration TIMEOUT = Duration.ofMillis(300);

	private IdpClients() {
	}

	static RestClient restClient(Duration timeout) {
		return RestClient.builder()
			.requestFactory(new UrlConnectionIntrospectionRequestFactory(timeout, Integer.MAX_VALUE))
			.build();
	}

	static IntrospectionClient.Builder builder(MockWebServer idp) {
		return builder(idp.url("/oauth2/introspect").uri());
	}

	static IntrospectionClient.Builder builder(MockWebServer idp, Duration timeout) {
		return IntrospectionClient.builder(restClient(timeout), idp.url("/oauth2/introspect").uri())
			.attemptTimeout(timeout)
			.retryDelay(Duration.ofMillis(1));
	}

	static IntrospectionClient.Builder builder(URI endpoint) {
		// a generous deadline: these clients test attempts and retries one by one
		return IntrospectionClient.builder(restClient(TIMEOUT), endpoint)
			.attemptTimeout(TIMEOUT)
			.deadline(Duration.ofSeconds(30))
			.retryDelay(Duration.ofMillis(1));
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	static MockResponse status(int code) {
		return new MockResponse.Builder().code(code).build();
	}

}
