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

import org.jspecify.annotations.Nullable;

/**
 * A validated logout token: what it logs out, and how long its {@code jti} must be
 * remembered to refuse a replay.
 *
 * @param issuer the {@code iss} claim
 * @param id the {@code jti} claim
 * @param sessionId the {@code sid} claim, if any
 * @param subject the {@code sub} claim, if any (one of the two is always present)
 * @param acceptedUntil the last moment at which this token still passes validation
 */
public record LogoutToken(String issuer, String id, @Nullable String sessionId, @Nullable String subject,
		Instant acceptedUntil) {

}
