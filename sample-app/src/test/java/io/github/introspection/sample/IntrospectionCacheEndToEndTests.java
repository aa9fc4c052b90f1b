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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static io.github.introspection.sample.E2eHttp.demoClientToken;
import static io.github.introspection.sample.E2eHttp.get;
import static io.github.introspection.sample.E2eHttp.revoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The introspection cache (on by default), seen from the IdP: how many calls its
 * introspection endpoint receives. Each test uses a token of its own, so the app's cache
 * has never seen it.
 */
class IntrospectionCacheEndToEndTests extends DemoIdpAppTests {

	@Test
	void tokenUsedManyTimesIsIntrospectedOnce() {
		String token = demoClientToken(idp);
		long before = idp.introspectionCount();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = get(app("/api/hello"), "Authorization", "Bearer " + token);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		assertThat(idp.introspectionCount() - before).isEqualTo(1);
	}

	@Test
	void cacheIsKeyedByTheTokenWhateverItsSourceOrEndpoint() {
		String token = demoClientToken(idp);
		long before = idp.introspectionCount();
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(get(app("/api/me"), "Cookie", "access_token=" + token).statusCode()).isEqualTo(200);
		assertThat(get(app("/api/orders?access_token=" + token)).statusCode()).isEqualTo(200);
		assertThat(get(app("/api/group"), "Authorization", "Bearer " + token).body()).isEqualTo("dev");
		assertThat(idp.introspectionCount() - before).isEqualTo(1);
	}

	@Test
	void concurrentFirstRequestsForOneTokenShareOneIntrospection() throws Exception {
		String token = demoClientToken(idp);
		long before = idp.introspectionCount();
		int callers = 16;
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				statuses.add(executor.submit(() -> {
					start.await();
					return get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> status : statuses) {
				assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(idp.introspectionCount() - before).isEqualTo(1);
	}

	@Test
	void unknownTokenIsAskedAboutEachTime() {
		// inactive answers are not cached by default (introspection.cache.inactive-ttl 0)
		long before = idp.introspectionCount();
		for (int i = 0; i < 3; i++) {
			assertThat(get(app("/api/hello"), "Authorization", "Bearer never-issued-by-the-idp").statusCode())
				.isEqualTo(401);
		}
		assertThat(idp.introspectionCount() - before).isEqualTo(3);
	}

	@Test
	void revokedTokenIsStillServedFromTheCacheWithinItsLifetime() {
		// the trade-off of the cache (60 s here): revocation shows once the entry ends;
		// RevocationWithShortCacheEndToEndTests waits for that end
		String token = demoClientToken(idp);
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		revoke(idp, "demo-client", "demo-secret", token);
		long before = idp.introspectionCount();
		assertThat(get(app("/api/hello"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(idp.introspectionCount() - before).isZero();
	}

}
