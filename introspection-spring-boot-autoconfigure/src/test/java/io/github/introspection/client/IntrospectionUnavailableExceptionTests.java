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

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IntrospectionUnavailableException}.
 */
class IntrospectionUnavailableExceptionTests {

	@Test
	void recordsNoStackTraceOfItsOwnAndKeepsItsCausesTrace() {
		IOException cause = new IOException("connection reset");
		IntrospectionUnavailableException exception = new IntrospectionUnavailableException("the exchange failed",
				Duration.ofSeconds(5), cause);

		assertThat(exception.getStackTrace()).isEmpty();
		assertThat(exception.getCause()).isSameAs(cause);
		assertThat(cause.getStackTrace()).isNotEmpty();
		assertThat(exception.getError().getErrorCode()).isEqualTo(IntrospectionUnavailableException.ERROR_CODE);
		assertThat(exception.getRetryAfter()).isEqualTo(Duration.ofSeconds(5));
		assertThat(exception.isOutage()).isTrue();
	}

	@Test
	void aRefusalWithoutCauseHasNoStackTraceEither() {
		IntrospectionUnavailableException exception = new IntrospectionUnavailableException("no slot",
				Duration.ofSeconds(1));

		assertThat(exception.getStackTrace()).isEmpty();
		assertThat(exception.getMessage()).isEqualTo("no slot");
	}

}
