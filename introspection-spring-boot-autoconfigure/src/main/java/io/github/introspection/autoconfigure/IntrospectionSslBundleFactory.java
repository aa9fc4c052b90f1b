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
 * Turns {@code introspection.client-config.tls.*} into a Spring Boot {@link SslBundle}:
 * a named bundle, or one made from PEM files (a trusted CA, a client certificate and key),
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
				? new PemSslStoreDetails(null, read(tls.getCert(), "cert"), read(tls.getKey(), "key"))
				: null;
		PemSslStoreDetails trustStore = (tls.getCa() != null) ? PemSslStoreDetails.forCertificates(read(tls.getCa(), "ca"))
				: null;
		PemSslStoreBundle stores;
		try {
			stores = new PemSslStoreBundle(keyStore, trustStore);
			stores.getKeyStore();
			stores.getTrustStore();
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ((keyStore != null) ? "cert" : "ca"), null,
					"could not be loaded as PEM: " + ex.getMessage());
		}
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

	private static String read(Resource resource, String key) {
		try {
			return resource.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + key, resource.getDescription(),
					"cannot be read: " + ex.getMessage());
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
