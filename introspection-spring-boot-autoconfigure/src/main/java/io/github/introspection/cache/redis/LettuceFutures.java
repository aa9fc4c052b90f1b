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

package io.github.introspection.cache.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisFuture;

/**
 * Waits for several Lettuce replies as one.
 */
final class LettuceFutures {

	private LettuceFutures() {
	}

	/**
	 * A future that completes when every reply has, failing with the first failure; its
	 * cancellation cancels the replies still pending.
	 * @param replies the replies
	 * @return the future
	 */
	static CompletableFuture<Void> allOf(List<RedisFuture<?>> replies) {
		CompletableFuture<?>[] futures = new CompletableFuture<?>[replies.size()];
		for (int i = 0; i < futures.length; i++) {
			futures[i] = replies.get(i).toCompletableFuture();
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(futures);
		all.whenComplete((result, failure) -> {
			if (all.isCancelled()) {
				replies.forEach((reply) -> reply.cancel(false));
			}
		});
		return all;
	}

}
