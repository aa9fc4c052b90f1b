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

package io.github.introspection.autoconfigure;

import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SslBundleSocketFactory}: a bundle's protocols and cipher suites reach
 * every socket of the request factory.
 */
class SslBundleSocketFactoryTests {

	private static final String CIPHER = "TLS_AES_128_GCM_SHA256";

	@Test
	void theBundlesProtocolsAndCiphersAreSetOnEverySocket() throws Exception {
		SslBundle bundle = SslBundle.of(SslStoreBundle.NONE, null,
				SslOptions.of(new String[] { CIPHER }, new String[] { "TLSv1.3" }));
		SSLSocketFactory sockets = SslBundleSocketFactory.of(bundle);
		try (Socket socket = sockets.createSocket()) {
			SSLSocket ssl = (SSLSocket) socket;
			assertThat(ssl.getEnabledProtocols()).containsExactly("TLSv1.3");
			assertThat(ssl.getEnabledCipherSuites()).containsExactly(CIPHER);
		}
		assertThat(sockets.getDefaultCipherSuites()).containsExactly(CIPHER);
	}

	@Test
	void aBundleWithoutOptionsKeepsTheContextsDefaults() throws Exception {
		SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
		SSLSocketFactory sockets = SslBundleSocketFactory.of(bundle);
		assertThat(sockets).isNotInstanceOf(SslBundleSocketFactory.class);
		try (Socket socket = sockets.createSocket()) {
			assertThat(((SSLSocket) socket).getEnabledProtocols()).contains("TLSv1.3", "TLSv1.2");
		}
	}

}
