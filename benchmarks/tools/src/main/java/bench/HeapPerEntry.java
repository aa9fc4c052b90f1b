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

package bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.github.introspection.cache.CachingOpaqueTokenAuthenticationConverter;
import io.github.introspection.cache.CachingOpaqueTokenIntrospector;
import io.github.introspection.client.ClaimAuthorityMapping;
import io.github.introspection.client.IntrospectionPrincipalFactory;
import io.github.introspection.client.IntrospectionResponseParser;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Heap retained per cached entry: fills a {@link CachingOpaqueTokenIntrospector} with N
 * answers of the fake IdP's Keycloak-like shape (~30 claims, parsed by the starter's own
 * parser and principal factory), hands each one once to the
 * {@link CachingOpaqueTokenAuthenticationConverter} (as a request would, so the ready
 * authentication is kept too), forces full GCs, and divides the heap delta by N.
 * <p>
 * {@code java bench.HeapPerEntry [N]} prints {@code HEAP entries=N bytes_per_entry=...}.
 */
public final class HeapPerEntry {

	private HeapPerEntry() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		IntrospectionResponseParser parser = new IntrospectionResponseParser();
		IntrospectionPrincipalFactory factory = new IntrospectionPrincipalFactory("sub",
				List.of(ClaimAuthorityMapping.of("scope", "SCOPE_", null),
						ClaimAuthorityMapping.of("realm_access.roles", "ROLE_", null)));
		OpaqueTokenIntrospector idp = (token) -> factory
			.create(parser.parse(FakeIdp.active(token).getBytes(StandardCharsets.UTF_8)));
		// warm-up (class loading, JIT) in a cache that is then dropped
		fill(idp, 2_000, "warm");
		long base = usedAfterGc();
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(idp)
			.endpoint("http://127.0.0.1:8080/realms/bench/protocol/openid-connect/token/introspect")
			.ttl(Duration.ofMinutes(30))
			.maxSize(10_000_000)
			.build();
		CachingOpaqueTokenAuthenticationConverter converter = new CachingOpaqueTokenAuthenticationConverter(cache.getCache());
		for (int i = 0; i < n; i++) {
			cache.introspect(token(i, "heap"));
		}
		long answers = usedAfterGc();
		for (int i = 0; i < n; i++) {
			// a new String, as each request brings its own copy of the token
			String token = token(i, "heap");
			OAuth2AuthenticatedPrincipal principal = cache.introspect(token);
			converter.convert(token, principal);
		}
		long withAuthentications = usedAfterGc();
		System.out.printf("HEAP entries=%d token_chars=%d answer_only_bytes=%d bytes_per_entry=%d%n", n, 64,
				(answers - base) / n, (withAuthentications - base) / n);
		if (args.length > 1 && args[1].equals("hold")) {
			System.out.println("holding for a class histogram");
			Thread.sleep(30_000);
		}
		// keep the cache reachable until the last measurement
		System.out.println("cache: " + cache.introspect("valid-heap-x" + "0".repeat(52)).getName().length());
	}

	private static void fill(OpaqueTokenIntrospector idp, int n, String prefix) {
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(idp).build();
		CachingOpaqueTokenAuthenticationConverter converter = new CachingOpaqueTokenAuthenticationConverter(cache.getCache());
		for (int i = 0; i < n; i++) {
			String token = token(i, prefix);
			converter.convert(token, cache.introspect(token));
		}
	}

	// A 64-character opaque token, "valid-" + random base64url characters, the same for
	// the same i and seed.
	private static String token(int i, String seed) {
		Random random = new Random(31L * i + seed.hashCode());
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		StringBuilder token = new StringBuilder("valid-");
		while (token.length() < 64) {
			token.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return token.toString();
	}

	private static long usedAfterGc() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(200);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
