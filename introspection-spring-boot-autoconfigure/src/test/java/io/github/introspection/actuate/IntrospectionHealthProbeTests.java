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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.introspection.client.ClientAuthentication;
import io.github.introspection.client.IdpProbeResult;
import io.github.introspection.client.IdpProbeResult.Kind;
import io.github.introspection.client.IntrospectionClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.introspection.actuate.TestClients.ACTIVE;
import static io.github.introspection.actuate.TestClients.INACTIVE;
import static io.github.introspection.actuate.TestClients.json;
import static io.github.introspection.actuate.TestClients.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IntrospectionHealthProbe}: what its call finds, and one clear log line when the
 * identity provider refuses this application's credentials at start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntrospectionHealthProbeTests {

	private static final String SECRET = "s3cr3t-client-secret";

	private final TestClients.MutableClock clock = new TestClients.MutableClock();

	private final CircuitBreaker circuitBreaker = TestClients.circuitBreaker(this.clock);

	private MockWebServer idp;

	private IntrospectionClient client;

	private IntrospectionHealthProbe probe;

	@BeforeEach
	void start() throws IOException {
		this.idp = new MockWebServer();
		this.idp.start();
		this.client = TestClients.builder(this.idp)
			.clientAuthentication(ClientAuthentication.clientSecretBasic("app", SECRET))
			.circuitBreaker(this.circuitBreaker)
			.build();
		this.probe = new IntrospectionHealthProbe(this.client, "introspection-health-probe", Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() {
		this.probe.stop();
		this.idp.close();
	}

	@Test
	void anInactiveAnswerProvesTheIdentityProviderReachableWithOurCredentials(CapturedOutput output) throws Exception {
		this.idp.enqueue(json(INACTIVE));
		IdpProbeResult result = this.probe.probe();
		assertThat(result.kind()).isEqualTo(Kind.ANSWERED);
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.isFailed()).isFalse();
		assertThat(this.probe.getLastResult()).isEqualTo(result);
		RecordedRequest request = this.idp.takeRequest();
		assertThat(request.getBody().utf8()).startsWith("token=introspection-health-probe");
		assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
		assertThat(output).doesNotContain("Introspection health probe");
	}

	@Test
	void anActiveAnswerStillProvesTheIdentityProviderReachable() {
		this.idp.enqueue(json(ACTIVE));
		assertThat(this.probe.probe().kind()).isEqualTo(Kind.ANSWERED);
	}

	@Test
	void aRefusalOfOurCredentialsAtStartUpIsOneClearLogLine(CapturedOutput output) {
		this.idp.enqueue(status(401));
		IdpProbeResult result = this.probe.probe();
		assertThat(result.kind()).isEqualTo(Kind.CREDENTIALS_REJECTED);
		assertThat(result.status()).isEqualTo(401);
		assertThat(result.isFailed()).isTrue();
		assertThat(output.getAll().lines().filter((line) -> line.contains("introspection"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains("Introspection health probe at start-up")
				.contains("refused this application's client credentials (HTTP 401)")
				.contains("introspection.client-config.auth")
				.doesNotContain(SECRET));
		// the same again: no new line
		this.idp.enqueue(status(401));
		this.probe.probe();
		assertThat(output.getAll().lines().filter((line) -> line.contains("Introspection health probe"))).hasSize(1);
		assertThat(this.client.getStatus().lastFailureCause()).contains("HTTP 401");
	}

	@Test
	void aForbiddenAnswerIsARefusalOfOurCredentialsToo() {
		this.idp.enqueue(status(403));
		IdpProbeResult result = this.probe.probe();
		assertThat(result.kind()).isEqualTo(Kind.CREDENTIALS_REJECTED);
		assertThat(result.status()).isEqualTo(403);
		assertThat(result.cause()).contains("HTTP 403").contains("introspection.client-config.auth");
	}

	@Test
	void aWrongUrlIsABadAnswer(CapturedOutput output) {
		this.idp.enqueue(status(404));
		IdpProbeResult result = this.probe.probe();
		assertThat(result.kind()).isEqualTo(Kind.BAD_ANSWER);
		assertThat(output).contains("did not answer as RFC 7662 says").contains("introspection.client-config.url");
	}

	@Test
	void anOutageIsUnavailableAndItsEndIsLogged(CapturedOutput output) {
		this.idp.enqueue(status(503));
		assertThat(this.probe.probe().kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(output).contains("is unavailable (the identity provider answered HTTP 503)");
		this.idp.enqueue(json(INACTIVE));
		assertThat(this.probe.probe().kind()).isEqualTo(Kind.ANSWERED);
		assertThat(output).contains("answers again");
	}

	@Test
	void anOpenCircuitIsNotAttemptedAndTheFirstProbeAfterItsWaitClosesIt() {
		this.circuitBreaker.transitionToOpenState();
		IdpProbeResult result = this.probe.probe();
		assertThat(result.kind()).isEqualTo(Kind.NOT_ATTEMPTED);
		assertThat(result.isFailed()).isFalse();
		assertThat(this.idp.getRequestCount()).isZero();
		// no traffic needed: the probe is the half-open call
		this.clock.advance(Duration.ofMillis(1001));
		this.idp.enqueue(json(INACTIVE));
		assertThat(this.probe.probe().kind()).isEqualTo(Kind.ANSWERED);
		assertThat(this.circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void startProbesAtOnceOnItsOwnThread() throws Exception {
		this.idp.enqueue(json(INACTIVE));
		this.probe.start();
		assertThat(this.probe.isRunning()).isTrue();
		RecordedRequest request = this.idp.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		this.probe.stop();
		assertThat(this.probe.isRunning()).isFalse();
	}

}
