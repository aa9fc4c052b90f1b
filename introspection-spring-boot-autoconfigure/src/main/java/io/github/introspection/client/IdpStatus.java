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

package io.github.introspection.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link IntrospectionClient} last saw of its identity provider, for health
 * reports: when it last answered, when a call last failed and why (token-free), and
 * whether an outage is under way.
 *
 * @param lastAnswer when the identity provider last answered, or {@code null}
 * @param lastFailure when a call last failed because the identity provider was
 * unavailable, or {@code null}
 * @param lastFailureCause why that call failed, or {@code null}
 * @param unavailable whether an outage is under way (no answer since the last failure)
 */
public record IdpStatus(@Nullable Instant lastAnswer, @Nullable Instant lastFailure, @Nullable String lastFailureCause,
		boolean unavailable) {

}
