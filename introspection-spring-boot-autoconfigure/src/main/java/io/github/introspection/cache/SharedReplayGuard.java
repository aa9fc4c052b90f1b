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

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * A {@link ReplayGuard} of the whole fleet: {@code SET NX} with the identifier's expiry
 * in the {@link SharedStore}, under the HMAC of the identifier (so that Redis holds
 * none). While the store is unavailable it falls back to a {@link LocalReplayGuard},
 * which every identifier also goes through: a replay is then still refused on the replica
 * that saw the first use.
 */
public final class SharedReplayGuard implements ReplayGuard {

	private static final Log logger = LogFactory.getLog(SharedReplayGuard.class);

	private final SharedStore store;

	private final CacheSecret secret;

	private final String prefix;

	private final Clock clock;

	private final LocalReplayGuard local;

	/**
	 * Creates the guard.
	 * @param store the shared store
	 * @param secret the secret whose HMAC names the identifiers
	 * @param prefix the prefix of the keys ({@code <prefix>:r:})
	 * @param clock the clock compared with expiries
	 * @param local the fallback, and this replica's own record
	 */
	public SharedReplayGuard(SharedStore store, CacheSecret secret, String prefix, Clock clock,
			LocalReplayGuard local) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(secret, "secret cannot be null");
		Assert.hasText(prefix, "prefix cannot be empty");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(local, "local cannot be null");
		this.store = store;
		this.secret = secret;
		this.prefix = prefix + ":r:";
		this.clock = clock;
		this.local = local;
	}

	@Override
	public boolean firstUse(String id, Instant expiresAt) {
		boolean firstHere = this.local.firstUse(id, expiresAt);
		if (!firstHere) {
			return false;
		}
		if (!expiresAt.isAfter(this.clock.instant())) {
			return true;
		}
		String key = this.prefix
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(this.secret.mac("replay", id));
		try {
			return this.store.putIfAbsent(key, new byte[] { 1 }, expiresAt);
		}
		catch (SharedStoreException ex) {
			logger.debug("Replay check fell back to this replica's own record: the shared tier failed", ex);
			return true;
		}
	}

}
