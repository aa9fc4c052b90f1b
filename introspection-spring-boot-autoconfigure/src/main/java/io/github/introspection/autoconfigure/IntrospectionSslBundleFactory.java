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

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.introspection.autoconfigure.IntrospectionProperties.Tls;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Turns {@code introspection.client-config.tls.*} into a Spring Boot {@link SslBundle}: a
 * named bundle, or one made from PEM files (a trusted CA, a client certificate and key),
 * optionally trusting any server certificate.
 */
final class IntrospectionSslBundleFactory {

	private static final String PREFIX = "introspection.client-config.tls.";

	private IntrospectionSslBundleFactory() {
	}

	static @Nullable SslBundle create(Tls tls, @Nullable SslBundles sslBundles) {
		if (StringUtils.hasText(tls.getBundle())) {
			return namedBundle(tls.getBundle(), sslBundles);
		}
		if (tls.getCa() == null && tls.getCert() == null && !tls.isInsecureSkipVerify()) {
			return null;
		}
		PemSslStoreDetails keyStore = (tls.getCert() != null && tls.getKey() != null)
				? new PemSslStoreDetails(null, readPem(tls.getCert(), "cert"), readPem(tls.getKey(), "key")) : null;
		PemSslStoreDetails trustStore = (tls.getCa() != null)
				? PemSslStoreDetails.forCertificates(readPem(tls.getCa(), "ca")) : null;
		load(new PemSslStoreBundle(null, trustStore), "ca");
		PemSslStoreBundle stores = load(new PemSslStoreBundle(keyStore, trustStore), "cert");
		if (!tls.isInsecureSkipVerify()) {
			return SslBundle.of(stores);
		}
		SslManagerBundle managers = SslManagerBundle.of(SslManagerBundle.from(stores, null).getKeyManagerFactory(),
				SslManagerBundle.from(TrustEverything.INSTANCE).getTrustManagerFactory());
		return SslBundle.of(stores, null, null, null, managers);
	}

	private static SslBundle namedBundle(String name, @Nullable SslBundles sslBundles) {
		if (sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "bundle", name,
					"no SSL bundles are configured (spring.ssl.bundle.*)");
		}
		try {
			return sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "bundle", name,
					"must name an SSL bundle configured under spring.ssl.bundle.*");
		}
	}

	// Loads the stores now, so that a bad file fails start-up naming its key.
	private static PemSslStoreBundle load(PemSslStoreBundle stores, String key) {
		try {
			stores.getKeyStore();
			stores.getTrustStore();
			return stores;
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, null,
					"could not be loaded as PEM: " + ex.getMessage());
		}
	}

	// The content itself is handed to Boot, which would take anything that does not look
	// like PEM for a file location: insist on PEM here.
	private static String readPem(Resource resource, String key) {
		if (!resource.exists()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, resource.getDescription(),
					"does not exist: name a PEM file, with file: or classpath:");
		}
		if (isDirectory(resource)) {
			// read as a URL, a directory gives its listing: the PEM check below would
			// then only say that it holds no PEM block
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, resource.getDescription(),
					"is a directory: name a PEM file in it");
		}
		String content;
		try {
			content = resource.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, resource.getDescription(),
					"cannot be read: " + ex.getMessage());
		}
		if (!content.contains("-----BEGIN ")) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, resource.getDescription(),
					"could not be loaded as PEM: the file holds no PEM block");
		}
		return content;
	}

	private static boolean isDirectory(Resource resource) {
		try {
			return resource.isFile() && resource.getFile().isDirectory();
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Trusts every certificate and skips host name verification: for
	 * {@code insecure-skip-verify} only.
	 */
	private static final class TrustEverything extends X509ExtendedTrustManager {

		static final TrustManager INSTANCE = new TrustEverything();

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
