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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up validation of the discovery, client authentication and response format
 * properties: every bad value fails naming its key, and never prints a secret.
 */
class ClientAuthenticationPropertiesTests {

	private static final String SECRET = "top-secret-value";

	private static final String AUTH = "introspection.client-config.auth.";

	private static HeldCertificate rsa;

	private static HeldCertificate ec;

	@TempDir
	static Path directory;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class,
				IntrospectionWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("introspection.client-config.url=https://idp.example.com/introspect",
				AUTH + "client-id=app");

	@BeforeAll
	static void keys() {
		rsa = new HeldCertificate.Builder().commonName("app").rsa2048().build();
		ec = new HeldCertificate.Builder().commonName("app").build();
	}

	@Test
	void startupFailsOnABadIssuerUri() {
		this.runner.withPropertyValues("introspection.issuer-uri=ftp://idp.example.com")
			.run((context) -> assertInvalid(context, "introspection.issuer-uri", "absolute http or https URL"));
		this.runner.withPropertyValues("introspection.issuer-uri=https://idp.example.com/realms/demo?x=1")
			.run((context) -> assertInvalid(context, "introspection.issuer-uri", "without query or fragment"));
	}

	@Test
	void startupFailsOnABadTokenUrlOrJwkSetUri() {
		this.runner.withPropertyValues("introspection.client-config.token-url=not a url")
			.run((context) -> assertInvalid(context, "introspection.client-config.token-url", "token endpoint"));
		this.runner.withPropertyValues("introspection.client-config.jwk-set-uri=file:/tmp/jwks.json")
			.run((context) -> assertInvalid(context, "introspection.client-config.jwk-set-uri", "JWK set"));
	}

	@Test
	void anIssuerUriAloneIsEnoughAndTheAppStartsWhileTheIdentityProviderIsDown() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class))
			.withPropertyValues("introspection.issuer-uri=http://127.0.0.1:9/realms/demo", AUTH + "client-id=app",
					AUTH + "client-secret=" + SECRET)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OpaqueTokenIntrospector.class));
	}

	@Test
	void startupFailsWhenJwtAnswersHaveNoIssuerOrNoClientId() {
		this.runner
			.withPropertyValues("introspection.client-config.response-format=jwt", AUTH + "client-secret=" + SECRET)
			.run((context) -> assertInvalid(context, "introspection.client-config.response-format",
					"needs introspection.issuer-uri"));
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(IntrospectionAutoConfiguration.class))
			.withPropertyValues("introspection.issuer-uri=https://idp.example.com", AUTH + "method=none",
					"introspection.client-config.response-format=jwt")
			.run((context) -> assertInvalid(context, "introspection.client-config.response-format",
					"needs introspection.client-config.auth.client-id"));
		this.runner.withPropertyValues("introspection.client-config.response-format=xml")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("introspection.client-config.response-format"));
	}

	@Test
	void privateKeyJwtNeedsExactlyOneKey() throws IOException {
		this.runner.withPropertyValues(AUTH + "method=private-key-jwt")
			.run((context) -> assertInvalid(context, AUTH + "private-key", "is required"));
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("both.pem", rsa.privateKeyPkcs8Pem()),
					AUTH + "key-bundle=signing")
			.run((context) -> assertInvalid(context, AUTH + "private-key", "cannot be combined with"));
	}

	@Test
	void privateKeyJwtFailsOnAMissingOrUnreadableKey() throws IOException {
		this.runner.withPropertyValues(AUTH + "private-key=file:" + directory.resolve("missing.pem"))
			.run((context) -> assertInvalid(context, AUTH + "private-key", "does not exist"));
		this.runner.withPropertyValues(AUTH + "private-key=" + pem("cert-only.pem", rsa.certificatePem()))
			.run((context) -> assertInvalid(context, AUTH + "private-key", "holds no unencrypted PEM private key"));
	}

	@Test
	void privateKeyJwtIsChosenWhenAKeyIsSet() throws IOException {
		this.runner.withPropertyValues(AUTH + "private-key=" + pem("rsa.pem", rsa.privateKeyPkcs8Pem()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(IntrospectorLayers.client(context.getBean(OpaqueTokenIntrospector.class)).toString())
					.contains("authentication=PrivateKeyJwt");
			});
	}

	@Test
	void anEcKeyWithoutItsCertificateNeedsAKeyId() throws IOException {
		this.runner.withPropertyValues(AUTH + "private-key=" + pem("ec.pem", ec.privateKeyPkcs8Pem()))
			.run((context) -> assertInvalid(context, AUTH + "key-id", "is required"));
		this.runner
			.withPropertyValues(
					AUTH + "private-key=" + pem("ec-cert.pem", ec.privateKeyPkcs8Pem() + ec.certificatePem()))
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("ec-kid.pem", ec.privateKeyPkcs8Pem()),
					AUTH + "key-id=ec-1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theAlgorithmMustFitTheKey() throws IOException {
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("rsa-es.pem", rsa.privateKeyPkcs8Pem()),
					AUTH + "algorithm=ES256")
			.run((context) -> assertInvalid(context, AUTH + "algorithm", "does not fit the RSA key"));
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("ec-rs.pem", ec.privateKeyPkcs8Pem()), AUTH + "key-id=ec-1",
					AUTH + "algorithm=PS256")
			.run((context) -> assertInvalid(context, AUTH + "algorithm", "does not fit the EC key"));
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("rsa-hs.pem", rsa.privateKeyPkcs8Pem()),
					AUTH + "algorithm=HS256")
			.run((context) -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(AUTH + "algorithm"));
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("rsa-ps.pem", rsa.privateKeyPkcs8Pem()),
					AUTH + "algorithm=PS256")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void assertionTimesAreChecked() throws IOException {
		String key = AUTH + "private-key=" + pem("times.pem", rsa.privateKeyPkcs8Pem());
		this.runner.withPropertyValues(key, AUTH + "assertion-lifetime=1s")
			.run((context) -> assertInvalid(context, AUTH + "assertion-lifetime", "from 10s to 1h"));
		this.runner.withPropertyValues(key, AUTH + "assertion-reuse=60s")
			.run((context) -> assertInvalid(context, AUTH + "assertion-reuse", "below the assertion lifetime"));
		this.runner.withPropertyValues(key, AUTH + "assertion-reuse=-1s")
			.run((context) -> assertInvalid(context, AUTH + "assertion-reuse", "0 or more"));
	}

	@Test
	void aKeyBundleMustExistAndHoldTheKey() {
		this.runner.withPropertyValues(AUTH + "key-bundle=signing")
			.run((context) -> assertInvalid(context, AUTH + "key-bundle", "must name an SSL bundle"));
		this.runner
			.withPropertyValues(AUTH + "key-bundle=signing",
					"spring.ssl.bundle.pem.signing.keystore.certificate=" + rsa.certificatePem(),
					"spring.ssl.bundle.pem.signing.keystore.private-key=" + rsa.privateKeyPkcs8Pem())
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner
			.withPropertyValues(AUTH + "key-bundle=signing", AUTH + "key-alias=nope",
					"spring.ssl.bundle.pem.signing.keystore.certificate=" + rsa.certificatePem(),
					"spring.ssl.bundle.pem.signing.keystore.private-key=" + rsa.privateKeyPkcs8Pem())
			.run((context) -> assertInvalid(context, AUTH + "key-alias", "names no private key"));
	}

	@Test
	void privateKeyJwtDoesNotUseAClientSecret() throws IOException {
		this.runner
			.withPropertyValues(AUTH + "private-key=" + pem("secret.pem", rsa.privateKeyPkcs8Pem()),
					AUTH + "client-secret=" + SECRET)
			.run((context) -> assertInvalid(context, AUTH + "method",
					"does not use introspection.client-config.auth.client-secret"));
	}

	@Test
	void clientSecretJwtNeedsA32ByteSecretAndNeverPrintsIt() {
		this.runner.withPropertyValues(AUTH + "method=client-secret-jwt", AUTH + "client-secret=" + SECRET)
			.run((context) -> assertInvalid(context, AUTH + "client-secret", "at least 32 bytes"));
		this.runner
			.withPropertyValues(AUTH + "method=client-secret-jwt", AUTH + "client-secret=" + SECRET + SECRET + SECRET)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void tlsClientAuthNeedsAClientCertificate() {
		this.runner.withPropertyValues(AUTH + "method=tls-client-auth")
			.run((context) -> assertInvalid(context, "introspection.client-config.tls.cert", "is required"));
	}

	@Test
	void clientCredentialsNeedsATokenEndpointAndTheCredentialsOfItsMethod() throws IOException {
		this.runner.withPropertyValues(AUTH + "method=client-credentials", AUTH + "client-secret=" + SECRET)
			.run((context) -> assertInvalid(context, AUTH + "method", "needs the token endpoint"));
		String tokenUrl = "introspection.client-config.token-url=https://idp.example.com/token";
		this.runner.withPropertyValues(AUTH + "method=client-credentials", tokenUrl)
			.run((context) -> assertInvalid(context, AUTH + "client-secret",
					"client-credentials with token-endpoint-auth-method client-secret-basic"));
		this.runner
			.withPropertyValues(AUTH + "method=client-credentials", tokenUrl,
					AUTH + "token-endpoint-auth-method=private-key-jwt")
			.run((context) -> assertInvalid(context, AUTH + "private-key", "is required"));
		this.runner
			.withPropertyValues(AUTH + "method=client-credentials", tokenUrl, AUTH + "token-endpoint-auth-method=magic")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(AUTH + "token-endpoint-auth-method"));
		this.runner
			.withPropertyValues(AUTH + "method=client-credentials", tokenUrl, AUTH + "client-secret=" + SECRET,
					AUTH + "scope=introspect")
			.run((context) -> assertThat(
					IntrospectorLayers.client(context.getBean(OpaqueTokenIntrospector.class)).toString())
				.contains("authentication=ClientCredentials"));
	}

	private static String pem(String name, String content) throws IOException {
		Path file = directory.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return "file:" + file;
	}

	private static void assertInvalid(AssertableWebApplicationContext context, String key, String reason) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.satisfies((ex) -> {
				InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) ex;
				assertThat(invalid.getName()).isEqualTo(key);
				assertThat(invalid.getMessage()).contains(reason);
			});
		java.io.StringWriter trace = new java.io.StringWriter();
		context.getStartupFailure().printStackTrace(new java.io.PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain("PRIVATE KEY-----\n");
	}

}
