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

package io.github.introspection.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static io.github.introspection.sample.E2eHttp.revoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token revoked at the IdP while the app's cache holds it: still accepted within the
 * cache lifetime ({@code introspection.cache.ttl}, 2 s here), refused once it has ended.
 * Runs against real time, so its bounds are loose: no 401 before 1.5 s, a 401 within 5 s.
 */
@TestPropertySource(properties = "introspection.cache.ttl=2s")
class RevocationWithShortCacheEndToEndTests extends DemoIdpAppTests {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(5);

	@Test
	void revokedTokenIsRefusedOnceItsCacheLifetimeHasEnded() throws InterruptedException {
		String token = demoClientToken(idp);
		long before = idp.introspectionCount();
		long firstUse = System.nanoTime();
		HttpResponse<String> first = get(app("/api/hello"), "Authorization", "Bearer " + token);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

		revoke(idp, "demo-client", "demo-secret", token);

		List<String> seen = new ArrayList<>();
		Duration refusedAfter = null;
		while (refusedAfter == null) {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - firstUse);
			assertThat(elapsed).as("still accepted after revocation: %s", seen).isLessThan(GIVE_UP_AFTER);
			HttpResponse<String> response = get(app("/api/hello"), "Authorization", "Bearer " + token);
			seen.add(elapsed.toMillis() + "ms:" + response.statusCode());
			if (response.statusCode() == 401) {
				refusedAfter = elapsed;
				assertThat(response.headers().firstValue("WWW-Authenticate"))
					.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
			}
			else {
				assertThat(response.statusCode()).as("%s", seen).isEqualTo(200);
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
		}
		// the cache served it after the revocation, for about its lifetime
		assertThat(seen.get(0)).endsWith(":200");
		assertThat(refusedAfter).as("%s", seen).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
		// one call for the first use, one when the entry had ended; none in between
		assertThat(idp.introspectionCount() - before).isEqualTo(2);
	}

}
