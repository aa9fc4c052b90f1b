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

package io.github.introspection.actuate;

import java.io.IOException;
import java.util.Map;

import io.github.introspection.actuate.IntrospectionEndpoint.IntrospectionDescriptor;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.IntrospectionClient;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.github.introspection.actuate.TestClients.ACTIVE;
import static io.github.introspection.actuate.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IntrospectionEndpoint}: what it reads, and how it evicts.
 */
class IntrospectionEndpointTests {

	private MockWebServer idp;

	private IntrospectionClient client;

	private CachingOpaqueTokenIntrospector cache;

	private IntrospectionEndpoint endpoint;

	@BeforeEach
	void start() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
		this.client = TestClients.builder(this.idp).build();
		this.cache = CachingOpaqueTokenIntrospector.builder(this.client).build();
		this.endpoint = new IntrospectionEndpoint(Map.of("cache", Map.of("ttl", "PT1M")), this.client,
				this.cache.getCache());
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void readDescribesTheConfigurationTheIdentityProviderAndTheCache() {
		this.idp.enqueue(json(ACTIVE));
		this.cache.introspect("token-1");
		this.cache.introspect("token-1");
		IntrospectionDescriptor descriptor = this.endpoint.introspection();
		assertThat(descriptor.configuration()).containsEntry("cache", Map.of("ttl", "PT1M"));
		assertThat(descriptor.identityProvider().endpoint()).isEqualTo(this.client.getEndpoint());
		assertThat(descriptor.identityProvider().circuit()).isEqualTo("disabled");
		assertThat(descriptor.identityProvider().lastSuccess()).isNotNull();
		assertThat(descriptor.cache()).isNotNull();
		assertThat(descriptor.cache().size()).isEqualTo(1);
		assertThat(descriptor.cache().hits()).isEqualTo(1);
		assertThat(descriptor.cache().misses()).isEqualTo(1);
		String json = JsonMapper.builder().build().writeValueAsString(descriptor);
		assertThat(json).contains("\"identityProvider\"").doesNotContain("token-1");
	}

	@Test
	void writeEvictsOneToken() {
		this.idp.enqueue(json(ACTIVE));
		this.idp.enqueue(json(ACTIVE));
		this.idp.enqueue(json(ACTIVE));
		this.cache.introspect("token-1");
		this.cache.introspect("token-2");
		assertThat(this.endpoint.evict("token-1").evicted()).isEqualTo(1);
		assertThat(this.endpoint.evict("token-1").evicted()).isZero();
		this.cache.introspect("token-1");
		this.cache.introspect("token-2");
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void deleteEvictsEveryToken() {
		this.idp.enqueue(json(ACTIVE));
		this.idp.enqueue(json(ACTIVE));
		this.idp.enqueue(json(ACTIVE));
		this.cache.introspect("token-1");
		this.cache.introspect("token-2");
		assertThat(this.endpoint.evictAll().evicted()).isEqualTo(2);
		assertThat(this.cache.estimatedSize()).isZero();
		this.cache.introspect("token-1");
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void withoutACacheThereIsNothingToEvict() {
		IntrospectionEndpoint endpoint = new IntrospectionEndpoint(Map.of(), this.client, null);
		assertThat(endpoint.introspection().cache()).isNull();
		assertThat(endpoint.evict("token-1").evicted()).isZero();
		assertThat(endpoint.evictAll().evicted()).isZero();
	}

}
