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

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static io.github.introspection.actuate.TestClients.ACTIVE;
import static io.github.introspection.actuate.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IntrospectionEndpoint}: what it reads, and how it evicts.
 */
class IntrospectionEndpointTests {

	private static final String[] ANSWERS = {
			"{\"active\":true,\"sub\":\"alice\",\"client_id\":\"client-a\",\"sid\":\"sid-a\"}",
			"{\"active\":true,\"sub\":\"bob\",\"client_id\":\"client-b\",\"sid\":\"sid-b\"}",
			"{\"active\":true,\"sub\":\"carol\",\"client_id\":\"client-c\",\"sid\":\"sid-c\"}" };

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
		assertThat(this.endpoint.evict("token-1", null, null, null).evicted()).isEqualTo(1);
		assertThat(this.endpoint.evict("token-1", null, null, null).evicted()).isZero();
		this.cache.introspect("token-1");
		this.cache.introspect("token-2");
		assertThat(this.idp.getRequestCount()).isEqualTo(3);
	}

	@Test
	void writeEvictsEveryAnswerOfASubjectAClientOrASession() {
		for (int i = 0; i < 7; i++) {
			this.idp.enqueue(json(ANSWERS[i % 3]));
		}
		this.cache.introspect("token-a");
		this.cache.introspect("token-b");
		this.cache.introspect("token-c");
		assertThat(this.endpoint.evict(null, "alice", null, null).evicted()).isEqualTo(1);
		assertThat(this.endpoint.evict(null, null, "client-b", null).evicted()).isEqualTo(1);
		assertThat(this.endpoint.evict(null, null, null, "sid-c").evicted()).isEqualTo(1);
		assertThat(this.endpoint.evict(null, "nobody", null, null).evicted()).isZero();
		assertThat(this.cache.estimatedSize()).isZero();
		this.cache.introspect("token-a");
		assertThat(this.idp.getRequestCount()).isEqualTo(4);
	}

	@Test
	void writeWithNoneOrSeveralOfTokenSubClientIdAndSidIsABadRequest() {
		this.idp.enqueue(json(ACTIVE));
		this.cache.introspect("token-1");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.evict(null, null, null, null))
			.withMessageContaining("Exactly one of token, sub, client_id or sid");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.evict("token-1", "alice", null, null));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.evict(null, "", null, null));
		assertThat(this.cache.estimatedSize()).isEqualTo(1);
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
		assertThat(endpoint.evict("token-1", null, null, null).evicted()).isZero();
		assertThat(endpoint.evictAll().evicted()).isZero();
	}

}
