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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A Nimbus {@link ResourceRetriever} that reads through the introspection client's own
 * {@link RestClient}, so that documents of the identity provider (its JWK set) are read
 * with the same TLS settings, timeouts and no redirects; at most a fixed number of bytes.
 */
public final class RestClientResourceRetriever implements ResourceRetriever {

	private final RestClient restClient;

	private final int maxBytes;

	/**
	 * Creates a retriever.
	 * @param restClient the client
	 * @param maxBytes the largest document read
	 */
	public RestClientResourceRetriever(RestClient restClient, int maxBytes) {
		Assert.notNull(restClient, "restClient cannot be null");
		Assert.isTrue(maxBytes > 0, "maxBytes must be positive");
		this.restClient = restClient;
		this.maxBytes = maxBytes;
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		URI uri;
		try {
			uri = url.toURI();
		}
		catch (URISyntaxException ex) {
			throw new IOException("not a URI: " + url, ex);
		}
		try {
			return this.restClient.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw new IOException("HTTP " + response.getStatusCode().value() + " from "
							+ IdpAvailabilityLog.withoutQuery(uri));
				}
				try (InputStream in = response.getBody()) {
					byte[] bytes = in.readNBytes(this.maxBytes + 1);
					if (bytes.length > this.maxBytes) {
						throw new IOException("the document is larger than " + this.maxBytes + " bytes");
					}
					MediaType type = response.getHeaders().getContentType();
					return new Resource(new String(bytes, StandardCharsets.UTF_8),
							(type != null) ? type.toString() : null);
				}
			}, true);
		}
		catch (RestClientException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

}
