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
import java.io.InputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.introspection.autoconfigure.IntrospectionProperties.Auth;
import io.github.introspection.autoconfigure.IntrospectionProperties.SigningAlgorithm;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.util.StringUtils;

/**
 * The signing key of {@code private-key-jwt} from
 * {@code introspection.client-config.auth.private-key} (PEM) or {@code .key-bundle} (an
 * SSL bundle's key store): the key, its algorithm and its {@code kid}, with start-up
 * errors that name the key. Never prints key material.
 */
final class ClientAssertionKeys {

	static final String PREFIX = "introspection.client-config.auth.";

	private ClientAssertionKeys() {
	}

	/**
	 * A loaded signing key.
	 *
	 * @param signer signs the assertions
	 * @param algorithm the JWS algorithm
	 * @param keyId the {@code kid}
	 */
	record SigningKey(JWSSigner signer, JWSAlgorithm algorithm, String keyId) {

		@Override
		public String toString() {
			return "SigningKey [" + this.algorithm + ", kid " + this.keyId + "]";
		}

	}

	static SigningKey load(Auth auth, @Nullable SslBundles sslBundles) {
		KeyPair pair = StringUtils.hasText(auth.getKeyBundle()) ? fromBundle(auth, sslBundles) : fromPem(auth);
		JWSAlgorithm algorithm = algorithm(auth.getAlgorithm(), pair.privateKey);
		String keyId = StringUtils.hasText(auth.getKeyId()) ? auth.getKeyId() : thumbprint(pair);
		try {
			JWSSigner signer = (pair.privateKey instanceof ECPrivateKey ec) ? new ECDSASigner(ec)
					: new RSASSASigner(pair.privateKey);
			return new SigningKey(signer, algorithm, keyId);
		}
		catch (JOSEException | IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(source(auth), null,
					"cannot sign client assertions: " + ex.getMessage());
		}
	}

	private static String source(Auth auth) {
		return PREFIX + (StringUtils.hasText(auth.getKeyBundle()) ? "key-bundle" : "private-key");
	}

	private static KeyPair fromPem(Auth auth) {
		String key = PREFIX + "private-key";
		org.springframework.core.io.Resource resource = auth.getPrivateKey();
		if (resource == null || !resource.exists()) {
			throw new InvalidConfigurationPropertyValueException(key,
					(resource != null) ? resource.getDescription() : null,
					"does not exist: name a PEM (PKCS#8) private key file, with file: or classpath:");
		}
		String content;
		PemContent pem;
		try (InputStream in = resource.getInputStream()) {
			content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			pem = PemContent.of(content);
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(key, resource.getDescription(),
					"cannot be read as PEM (" + ex.getClass().getSimpleName() + ")");
		}
		PrivateKey privateKey;
		try {
			privateKey = (pem != null) ? pem.getPrivateKey() : null;
		}
		catch (RuntimeException ex) {
			privateKey = null;
		}
		if (privateKey == null) {
			throw new InvalidConfigurationPropertyValueException(key, resource.getDescription(),
					"holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----, RSA or EC)");
		}
		PublicKey publicKey = null;
		if (content.contains("-----BEGIN CERTIFICATE-----")) {
			List<java.security.cert.X509Certificate> certificates = pem.getCertificates();
			publicKey = certificates.isEmpty() ? null : certificates.get(0).getPublicKey();
		}
		return new KeyPair(privateKey, publicKey, key);
	}

	private static KeyPair fromBundle(Auth auth, @Nullable SslBundles sslBundles) {
		String key = PREFIX + "key-bundle";
		String name = auth.getKeyBundle();
		if (sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException(key, name,
					"no SSL bundles are configured (spring.ssl.bundle.*)");
		}
		SslBundle bundle;
		try {
			bundle = sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(key, name,
					"must name an SSL bundle configured under spring.ssl.bundle.*");
		}
		try {
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore == null) {
				throw new InvalidConfigurationPropertyValueException(key, name, "has no key store");
			}
			String alias = auth.getKeyAlias();
			if (!StringUtils.hasText(alias)) {
				alias = (bundle.getKey().getAlias() != null) ? bundle.getKey().getAlias() : onlyKey(keyStore, name);
			}
			String password = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			Key found = keyStore.getKey(alias, (password != null) ? password.toCharArray() : new char[0]);
			if (!(found instanceof PrivateKey privateKey)) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "key-alias", alias,
						"names no private key in the key store of SSL bundle '" + name + "'");
			}
			Certificate certificate = keyStore.getCertificate(alias);
			return new KeyPair(privateKey, (certificate != null) ? certificate.getPublicKey() : null, key);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new InvalidConfigurationPropertyValueException(key, name,
					"its key cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private static String onlyKey(KeyStore keyStore, String name) throws KeyStoreException {
		List<String> keys = Collections.list(keyStore.aliases()).stream().filter((alias) -> {
			try {
				return keyStore.isKeyEntry(alias);
			}
			catch (KeyStoreException ex) {
				return false;
			}
		}).toList();
		if (keys.size() != 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "key-alias", null,
					"is required: the key store of SSL bundle '" + name + "' holds " + keys.size() + " keys");
		}
		return keys.get(0);
	}

	private static JWSAlgorithm algorithm(@Nullable SigningAlgorithm configured, PrivateKey privateKey) {
		boolean ec = privateKey instanceof ECPrivateKey;
		if (ec && !Curve.P_256.toECParameterSpec()
			.getCurve()
			.equals(((ECPrivateKey) privateKey).getParams().getCurve())) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key", null,
					"is an EC key on a curve other than P-256: ES256 needs P-256");
		}
		if (!ec && !(privateKey instanceof RSAPrivateKey)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key", null,
					"is neither an RSA nor an EC P-256 key");
		}
		if (configured == null) {
			return ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
		}
		boolean rsaAlgorithm = configured != SigningAlgorithm.ES256;
		if (rsaAlgorithm == ec) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "algorithm", configured,
					"does not fit the " + (ec ? "EC" : "RSA") + " key: use " + (ec ? "ES256" : "RS256 or PS256"));
		}
		return JWSAlgorithm.parse(configured.name());
	}

	// RFC 7638; the public key comes from a certificate next to the key, or from an RSA
	// private key's own parameters
	private static String thumbprint(KeyPair pair) {
		try {
			PublicKey publicKey = pair.publicKey;
			if (publicKey == null && pair.privateKey instanceof RSAPrivateCrtKey crt) {
				publicKey = java.security.KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
			}
			if (publicKey instanceof RSAPublicKey rsa) {
				return new RSAKey.Builder(rsa).build().computeThumbprint().toString();
			}
			if (publicKey instanceof ECPublicKey ec) {
				return new ECKey.Builder(Curve.P_256, ec).build().computeThumbprint().toString();
			}
		}
		catch (JOSEException | java.security.GeneralSecurityException ex) {
			// fall through: the kid must be given
		}
		throw new InvalidConfigurationPropertyValueException(PREFIX + "key-id", null,
				"is required: the public key of " + pair.source
						+ " is unknown (put its certificate in the same PEM file, or set key-id to the kid "
						+ "the identity provider knows the key by)");
	}

	private record KeyPair(PrivateKey privateKey, @Nullable PublicKey publicKey, String source) {

		@Override
		public String toString() {
			return "KeyPair [" + this.source + "]";
		}

	}

}
