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

package io.github.introspection.logout;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.introspection.cache.ReplayGuard;

/**
 * A {@link ReplayGuard} that records every identifier with its expiry, never forgetting.
 */
public final class RecordingReplayGuard implements ReplayGuard {

	private final Map<String, Instant> seen = new ConcurrentHashMap<>();

	/**
	 * The identifiers recorded, with their expiry.
	 * @return the records
	 */
	public Map<String, Instant> seen() {
		return Map.copyOf(this.seen);
	}

	@Override
	public boolean firstUse(String id, Instant expiresAt) {
		return this.seen.putIfAbsent(id, expiresAt) == null;
	}

}
