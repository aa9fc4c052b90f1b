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

package io.github.introspection.it;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.x509;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Certificate-bound tokens (RFC 8705 §3) through the whole chain: a token whose answer
 * carries {@code cnf.x5t#S256} is accepted only with that client certificate, on every
 * request, cached answers included.
 */
class CertificateBoundTokenChainTests {

	private static final X509Certificate CLIENT = new HeldCertificate.Builder().commonName("orders-client")
		.build()
		.certificate();

	private static final X509Certificate OTHER_CLIENT = new HeldCertificate.Builder().commonName("other-client")
		.build()
		.certificate();

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private MockWebServer idp;

	@BeforeEach
	void start() throws Exception {
		this.idp = new MockWebServer();
		this.idp.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String body = request.getBody().utf8();
				String token = URLDecoder.decode(body.substring("token=".length()), StandardCharsets.UTF_8);
				return TestApp
					.json(CertificateBoundTokenChainTests.this.answers.getOrDefault(token, "{\"active\":false}"));
			}
		});
		this.idp.start();
		this.answers.put("bound",
				"{\"active\":true,\"sub\":\"alice\",\"cnf\":{\"x5t#S256\":\"" + thumbprint(CLIENT) + "\"}}");
		this.answers.put("plain", "{\"active\":true,\"sub\":\"alice\"}");
		this.answers.put("other-confirmation", "{\"active\":true,\"sub\":\"alice\",\"cnf\":{\"kid\":\"key-1\"}}");
		this.answers.put("cnf-string", "{\"active\":true,\"sub\":\"alice\",\"cnf\":\"" + thumbprint(CLIENT) + "\"}");
		this.answers.put("cnf-number", "{\"active\":true,\"sub\":\"alice\",\"cnf\":{\"x5t#S256\":42}}");
	}

	@AfterEach
	void stop() {
		this.idp.close();
	}

	@Test
	void boundTokenWithoutTheCertificateIsInvalidToken() {
		TestApp.runner(this.idp).run((context) -> {
			ResultActions result = TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer bound"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate",
						allOf(containsString("error=\"invalid_token\""),
								containsString("error_description=\"The token is bound to a client certificate\""),
								not(containsString(thumbprint(CLIENT))))))
				.andExpect(jsonPath("$.detail").value("The token is bound to a client certificate"));
			assertThat(result.andReturn().getResponse().getContentAsString()).doesNotContain(thumbprint(CLIENT));
		});
	}

	@Test
	void boundTokenWithAnotherCertificateIsInvalidToken() {
		TestApp.runner(this.idp)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer bound").with(x509(OTHER_CLIENT)))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\""))));
	}

	@Test
	void boundTokenWithItsCertificateReachesTheController() {
		TestApp.runner(this.idp)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer bound").with(x509(CLIENT)))
				.andExpect(status().isOk()));
	}

	@Test
	void cachedBoundTokenIsCheckedOnEveryRequest() {
		TestApp.runner(this.idp).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Authorization", "Bearer bound").with(x509(CLIENT)))
				.andExpect(status().isOk());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer bound")).andExpect(status().isUnauthorized());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer bound").with(x509(OTHER_CLIENT)))
				.andExpect(status().isUnauthorized());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer bound").with(x509(CLIENT)))
				.andExpect(status().isOk());
			assertThat(this.idp.getRequestCount()).as("every answer after the first came from the cache").isEqualTo(1);
		});
	}

	@Test
	void boundTokenWithoutTheCertificateIsCheckedBeforeItsScopes() {
		TestApp.runner(this.idp, "introspection.validation.required-scopes=orders:read")
			.run((context) -> TestApp.mvc(context)
				.perform(get("/api/hello").header("Authorization", "Bearer bound"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", not(containsString("scope=")))));
	}

	@Test
	void tokenWithoutCertificateThumbprintIsUnaffected() {
		TestApp.runner(this.idp).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Authorization", "Bearer plain")).andExpect(status().isOk());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer other-confirmation"))
				.andExpect(status().isOk());
		});
	}

	@Test
	void malformedConfirmationIsInvalidToken() {
		TestApp.runner(this.idp).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			for (String token : new String[] { "cnf-string", "cnf-number" }) {
				mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token).with(x509(CLIENT)))
					.andExpect(status().isUnauthorized())
					.andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")));
			}
		});
	}

	@Test
	void metadataAdvertisesCertificateBoundTokensWhenTheyAreChecked() {
		TestApp.runner(this.idp)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/.well-known/oauth-protected-resource"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.tls_client_certificate_bound_access_tokens").value(true)));
	}

	@Test
	void checkCanBeTurnedOffAndTheMetadataThenSaysSo() {
		TestApp.runner(this.idp, "introspection.validation.certificate-bound-tokens=false").run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			mvc.perform(get("/api/hello").header("Authorization", "Bearer bound")).andExpect(status().isOk());
			mvc.perform(get("/.well-known/oauth-protected-resource"))
				.andExpect(jsonPath("$.tls_client_certificate_bound_access_tokens").value(false));
		});
	}

	@Test
	void metadataDoesNotAdvertiseCertificateBoundTokensForAnApplicationIntrospector() {
		OpaqueTokenIntrospector own = (token) -> new DefaultOAuth2AuthenticatedPrincipal("alice",
				Map.of("sub", "alice"), AuthorityUtils.NO_AUTHORITIES);
		TestApp.runner(this.idp)
			.withBean(OpaqueTokenIntrospector.class, () -> own)
			.run((context) -> TestApp.mvc(context)
				.perform(get("/.well-known/oauth-protected-resource"))
				.andExpect(jsonPath("$.tls_client_certificate_bound_access_tokens").value(false)));
	}

	static String thumbprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
