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

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IntrospectionCacheMetrics}.
 */
class IntrospectionCacheMetricsTests {

	private static final String TOKEN = "metrics-T0ken.value";

	private final FakeTime time = new FakeTime();

	private final FakeIntrospector idp = new FakeIntrospector();

	private final CachingOpaqueTokenIntrospector cache = CachingOpaqueTokenIntrospector.builder(this.idp)
		.ttl(Duration.ofSeconds(60))
		.ticker(this.time.ticker())
		.clock(this.time.clock())
		.executor(Runnable::run)
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void bindToThenHitsMissesAndSizeAreCounted() {
		new IntrospectionCacheMetrics(this.cache.getCache()).bindTo(this.registry);
		this.cache.introspect(TOKEN);
		this.cache.introspect(TOKEN);
		this.cache.introspect(TOKEN);
		this.cache.introspect("another-token");
		assertThat(gets("hit")).isEqualTo(2);
		assertThat(gets("miss")).isEqualTo(2);
		assertThat(this.registry.get("cache.size").tag("cache", "introspection").gauge().value()).isEqualTo(2);
	}

	@Test
	void metersNeverCarryTheToken() {
		new IntrospectionCacheMetrics(this.cache.getCache()).bindTo(this.registry);
		this.cache.introspect(TOKEN);
		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().toString()).doesNotContain(TOKEN);
		}
	}

	private double gets(String result) {
		return this.registry.get("cache.gets")
			.tag("cache", "introspection")
			.tag("result", result)
			.functionCounter()
			.count();
	}

}
