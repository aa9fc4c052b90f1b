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

package io.github.introspection.actuate;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds the meters of several identity providers ({@code introspection.providers}): each
 * one's {@link IntrospectionMetrics}, tagged with its provider, and its cache's meters.
 */
public final class IntrospectionProviderMetrics implements MeterBinder {

	private final List<MeterBinder> metrics;

	/**
	 * Creates the binder.
	 * @param metrics the providers' meters
	 */
	public IntrospectionProviderMetrics(List<? extends MeterBinder> metrics) {
		Assert.notNull(metrics, "metrics cannot be null");
		this.metrics = List.copyOf(metrics);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.metrics.forEach((binder) -> binder.bindTo(registry));
	}

}
