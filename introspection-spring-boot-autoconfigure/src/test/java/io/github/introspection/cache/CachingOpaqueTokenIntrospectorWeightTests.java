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

package io.github.introspection.cache;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache is bounded by the bytes its answers hold, not only by their number: an
 * identity provider that answers with large claims cannot exhaust the heap.
 */
class CachingOpaqueTokenIntrospectorWeightTests {

	private static final int LARGE_CLAIM = 240_000;

	// Each answer carries a unique 240,000-character claim, as in the report that ended
	// in an OutOfMemoryError with -Xmx384m.
	private final OpaqueTokenIntrospector largeAnswers = (token) -> principal(
			Map.of("active", true, "sub", token, "blob", token + "x".repeat(LARGE_CLAIM)));

	@Test
	void largeAnswersAreEvictedBeforeTheMemoryBoundIsExceeded() {
		long bound = 8L * 1024 * 1024;
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(this.largeAnswers)
			.maxMemory(bound)
			.build();
		for (int i = 0; i < 200; i++) {
			cache.introspect("token-" + i);
			cache.cache().cleanUp();
			assertThat(cache.cache().estimatedMemory()).isLessThanOrEqualTo(bound);
		}
		// 200 answers of at least 240 KB each would hold 48 MB: most were evicted, and
		// the bound of 8 MB holds at most 8 MB / 480 KB (two bytes a character) of them.
		assertThat(cache.cache().estimatedSize()).isBetween(1L, bound / (2L * LARGE_CLAIM));
	}

	@Test
	void theWeightOfAnAnswerIsAtLeastTheBytesOfItsClaims() {
		OAuth2AuthenticatedPrincipal principal = this.largeAnswers.introspect("t");
		String blob = (String) principal.getAttributes().get("blob");
		assertThat(EntryWeight.of(principal)).isGreaterThan(blob.length() + EntryWeight.ENTRY_OVERHEAD);
	}

	@Test
	void maxSizeStillBoundsTheNumberOfSmallAnswers() {
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector
			.builder((token) -> principal(Map.of("active", true, "sub", token)))
			.maxSize(10)
			.maxMemory(1L << 30)
			.build();
		for (int i = 0; i < 50; i++) {
			cache.introspect("token-" + i);
		}
		cache.cache().cleanUp();
		assertThat(cache.cache().estimatedSize()).isEqualTo(10);
	}

	@Test
	void maxSizeZeroKeepsNothing() {
		CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector
			.builder((token) -> principal(Map.of("active", true, "sub", token)))
			.maxSize(0)
			.build();
		cache.introspect("t");
		cache.cache().cleanUp();
		assertThat(cache.cache().estimatedSize()).isZero();
	}

	@Test
	void theDefaultBoundIsATenthOfTheHeap() {
		assertThat(CachingOpaqueTokenIntrospector.Builder.defaultMaxMemory())
			.isEqualTo(Runtime.getRuntime().maxMemory() / 10);
	}

	private static OAuth2AuthenticatedPrincipal principal(Map<String, Object> claims) {
		return new OAuth2IntrospectionAuthenticatedPrincipal((String) claims.get("sub"), claims,
				List.of(new SimpleGrantedAuthority("SCOPE_read")));
	}

}
