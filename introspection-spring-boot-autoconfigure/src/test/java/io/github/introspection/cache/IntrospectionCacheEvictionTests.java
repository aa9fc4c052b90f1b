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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eviction API of a local-only cache: by token, subject, client, session, or all.
 */
class IntrospectionCacheEvictionTests {

	private final Fleet.Idp idp = new Fleet.Idp();

	private final IntrospectionCache cache = IntrospectionCache.builder().endpoint("https://idp.example").build();

	private final CachingOpaqueTokenIntrospector introspector = CachingOpaqueTokenIntrospector.builder(this.idp)
		.cache(this.cache)
		.build();

	@Test
	void evictTokenRemovesThatTokenOnlyAndSaysWhetherItWasHeld() {
		fill("a", "b");
		assertThat(this.cache.evictToken("a")).isTrue();
		assertThat(this.cache.evictToken("a")).isFalse();
		assertThat(held()).containsExactly(false, true);
	}

	@Test
	void evictSubjectClientOrSessionRemovesTheMatchingAnswersOnly() {
		fill("a", "b");
		this.cache.evictSubject("user-a");
		assertThat(held()).containsExactly(false, true);
		fill("a");
		this.cache.evictClient("client-b");
		assertThat(held()).containsExactly(true, false);
		fill("b");
		this.cache.evictSession("sid-a");
		assertThat(held()).containsExactly(false, true);
		this.cache.evictSubject("nobody");
		assertThat(held()).containsExactly(false, true);
	}

	@Test
	void evictAllRemovesEverythingAndTheNextRequestAsksAgain() {
		fill("a", "b");
		this.cache.evictAll();
		assertThat(held()).containsExactly(false, false);
		this.introspector.introspect("a");
		assertThat(this.idp.calls()).isEqualTo(3);
	}

	@Test
	void withoutASharedTierThereAreNoSharedStatistics() {
		assertThat(this.cache.sharedStatistics()).isNull();
	}

	private void fill(String... tokens) {
		for (String token : tokens) {
			this.introspector.introspect(token);
		}
	}

	private boolean[] held() {
		return new boolean[] { holds("a"), holds("b") };
	}

	private boolean holds(String token) {
		return this.cache.keys().contains(this.cache.key(token));
	}

}
