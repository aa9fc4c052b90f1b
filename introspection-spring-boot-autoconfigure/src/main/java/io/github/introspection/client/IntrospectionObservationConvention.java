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

import io.micrometer.common.KeyValue;

import org.springframework.http.client.observation.ClientHttpObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.http.client.observation.ClientHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.util.Assert;

/**
 * The {@code http.client.requests} observation of the calls to the identity provider,
 * told apart from the application's other HTTP clients: {@code client.name} is
 * {@value #CLIENT_NAME} (instead of the host), {@code uri} is the endpoint's path
 * (instead of {@code none}, as the call uses no URI template), and the high-cardinality
 * {@code http.url} is the endpoint without its query or user information. The request
 * body, and so the token, is never part of an observation.
 */
public class IntrospectionObservationConvention extends DefaultClientRequestObservationConvention {

	/**
	 * The value of the {@code client.name} key.
	 */
	public static final String CLIENT_NAME = "introspection";

	private static final KeyValue CLIENT_NAME_VALUE = KeyValue.of(LowCardinalityKeyNames.CLIENT_NAME.asString(),
			CLIENT_NAME);

	private final KeyValue uri;

	private final KeyValue url;

	/**
	 * Creates the convention.
	 * @param endpoint the introspection endpoint
	 */
	public IntrospectionObservationConvention(URI endpoint) {
		Assert.notNull(endpoint, "endpoint cannot be null");
		String path = endpoint.getRawPath();
		this.uri = KeyValue.of(LowCardinalityKeyNames.URI.asString(), (path != null && !path.isEmpty()) ? path : "/");
		this.url = KeyValue.of(HighCardinalityKeyNames.HTTP_URL.asString(), IdpAvailabilityLog.withoutQuery(endpoint));
	}

	@Override
	protected KeyValue clientName(ClientRequestObservationContext context) {
		return CLIENT_NAME_VALUE;
	}

	@Override
	protected KeyValue uri(ClientRequestObservationContext context) {
		return this.uri;
	}

	@Override
	protected KeyValue requestUri(ClientRequestObservationContext context) {
		return this.url;
	}

}
