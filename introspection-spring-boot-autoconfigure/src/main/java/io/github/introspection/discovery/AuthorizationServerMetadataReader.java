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

package io.github.introspection.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads an issuer's metadata: OpenID Connect Discovery
 * ({@code <issuer>/.well-known/openid-configuration}) first, then, when that answers a
 * 4xx, RFC 8414 ({@code /.well-known/oauth-authorization-server} with the issuer's path
 * appended). Metadata whose {@code issuer} is not exactly the configured issuer is
 * refused (OpenID Connect Discovery §4.3, RFC 8414 §3.3): it would let whoever serves it
 * name the endpoints and keys this application trusts.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
 */
public final class AuthorizationServerMetadataReader {

	private static final int MAX_BYTES = 256 * 1024;

	private final RestClient restClient;

	/**
	 * Creates a reader.
	 * @param restClient the client (timeouts, TLS, no redirects)
	 */
	public AuthorizationServerMetadataReader(RestClient restClient) {
		Assert.notNull(restClient, "restClient cannot be null");
		this.restClient = restClient;
	}

	/**
	 * Reads the metadata of an issuer.
	 * @param issuer the issuer identifier
	 * @return the metadata, whose issuer is exactly the one asked for
	 * @throws DiscoveryException when it cannot be read or is refused
	 */
	AuthorizationServerMetadata read(URI issuer) {
		Document document = fetch(oidc(issuer));
		if (document.status / 100 == 4) {
			document = fetch(rfc8414(issuer));
		}
		if (document.status != 200) {
			throw new DiscoveryException("the metadata endpoint " + document.uri + " answered HTTP " + document.status);
		}
		AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(document.body);
		if (!metadata.issuer().equals(issuer.toString())) {
			throw new DiscoveryException("the metadata at " + document.uri + " names the issuer '" + metadata.issuer()
					+ "', not introspection.issuer-uri '" + issuer + "' as it must exactly; refusing it", true);
		}
		return metadata;
	}

	static URI oidc(URI issuer) {
		String text = issuer.toString();
		return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
				+ "/.well-known/openid-configuration");
	}

	// RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path
	static URI rfc8414(URI issuer) {
		String path = (issuer.getRawPath() != null) ? issuer.getRawPath() : "";
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String authority = issuer.getRawAuthority();
		return URI.create(issuer.getScheme() + "://" + authority + "/.well-known/oauth-authorization-server" + path);
	}

	private Document fetch(URI uri) {
		try {
			return this.restClient.get()
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.exchange(
						(request, response) -> new Document(uri, response.getStatusCode().value(),
								(response.getStatusCode().value() == 200) ? read(response.getBody()) : new byte[0]),
						true);
		}
		catch (RestClientException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new DiscoveryException("the metadata endpoint " + uri + " could not be reached ("
					+ cause.getClass().getSimpleName() + ")");
		}
	}

	private static byte[] read(InputStream body) throws IOException {
		try (body) {
			byte[] bytes = body.readNBytes(MAX_BYTES + 1);
			if (bytes.length > MAX_BYTES) {
				throw new DiscoveryException("the metadata is larger than " + MAX_BYTES + " bytes");
			}
			return bytes;
		}
	}

	private record Document(URI uri, int status, byte[] body) {
	}

}
