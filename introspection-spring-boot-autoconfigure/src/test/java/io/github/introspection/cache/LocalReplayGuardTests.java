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

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay guard of one application.
 */
class LocalReplayGuardTests {

	private final FakeTime time = new FakeTime();

	private final LocalReplayGuard guard = new LocalReplayGuard(1000, this.time.clock(), this.time.ticker());

	@Test
	void anIdentifierIsNewOnceUntilItExpires() {
		Instant expiresAt = this.time.clock().instant().plusSeconds(60);
		assertThat(this.guard.firstUse("jti-1", expiresAt)).isTrue();
		assertThat(this.guard.firstUse("jti-1", expiresAt)).isFalse();
		assertThat(this.guard.firstUse("jti-2", expiresAt)).isTrue();
		this.time.advance(Duration.ofSeconds(59));
		assertThat(this.guard.firstUse("jti-1", expiresAt)).isFalse();
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.guard.firstUse("jti-1", expiresAt.plusSeconds(60))).isTrue();
	}

}
