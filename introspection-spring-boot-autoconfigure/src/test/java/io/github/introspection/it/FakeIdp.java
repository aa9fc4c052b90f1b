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

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A {@link MockWebServer} identity provider that knows a fixed set of active tokens and
 * calls every other token inactive, counting the calls it gets.
 */
final class FakeIdp implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final Set<String> activeTokens;

	private final AtomicInteger calls = new AtomicInteger();

	FakeIdp(Set<String> activeTokens) throws IOException {
		this.activeTokens = activeTokens;
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				FakeIdp.this.calls.incrementAndGet();
				String body = request.getBody().utf8();
				String token = body.startsWith("token=")
						? URLDecoder.decode(body.substring(6).split("&")[0], StandardCharsets.UTF_8) : "";
				return FakeIdp.this.activeTokens.contains(token)
						? TestApp
							.json("{\"active\":true,\"sub\":\"alice\",\"scope\":\"orders:read\",\"group\":\"dev\"}")
						: TestApp.json("{\"active\":false}");
			}
		});
		this.server.start();
	}

	MockWebServer server() {
		return this.server;
	}

	int calls() {
		return this.calls.get();
	}

	@Override
	public void close() {
		this.server.close();
	}

}
