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

package io.github.introspection.logout;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A {@link MockWebServer} identity provider that serves its current JSON Web Key Set
 * (public keys only) and counts the fetches; the keys can be rotated.
 */
public final class JwksServer implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final AtomicReference<List<JWK>> keys = new AtomicReference<>(List.of());

	private final AtomicInteger fetches = new AtomicInteger();

	/**
	 * Starts a server that publishes the given keys.
	 * @param keys the keys
	 * @throws IOException if the server does not start
	 */
	public JwksServer(JWK... keys) throws IOException {
		publish(keys);
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				JwksServer.this.fetches.incrementAndGet();
				String body = new JWKSet(JwksServer.this.keys.get()).toString(true);
				return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
			}
		});
		this.server.start();
	}

	/**
	 * Publishes a new key set.
	 * @param keys the keys
	 */
	public void publish(JWK... keys) {
		this.keys.set(List.of(keys));
	}

	/**
	 * The key set's URL.
	 * @return the URL
	 */
	public String url() {
		return this.server.url("/certs").toString();
	}

	/**
	 * How many times the key set was fetched.
	 * @return the count
	 */
	public int fetches() {
		return this.fetches.get();
	}

	@Override
	public void close() {
		this.server.close();
	}

}
