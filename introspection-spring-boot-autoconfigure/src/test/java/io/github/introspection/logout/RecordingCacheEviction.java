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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.introspection.cache.IntrospectionCacheEviction;

/**
 * An {@link IntrospectionCacheEviction} that records its calls, such as
 * {@code session:s-1} or {@code subject:alice}, and can be made to fail.
 */
public final class RecordingCacheEviction implements IntrospectionCacheEviction {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	/**
	 * The calls so far, in order.
	 * @return the calls
	 */
	public List<String> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * Makes every later call throw, as a broken shared tier would.
	 */
	public void fail() {
		this.failing = true;
	}

	@Override
	public boolean evictToken(String token) {
		record("token:" + token);
		return false;
	}

	@Override
	public long evictSubject(String subject) {
		record("subject:" + subject);
		return 0;
	}

	@Override
	public long evictClient(String clientId) {
		record("client:" + clientId);
		return 0;
	}

	@Override
	public long evictSession(String sessionId) {
		record("session:" + sessionId);
		return 0;
	}

	@Override
	public void evictAll() {
		record("all");
	}

	private void record(String call) {
		if (this.failing) {
			throw new IllegalStateException("the shared tier is down");
		}
		this.calls.add(call);
	}

}
