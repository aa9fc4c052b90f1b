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

package io.github.introspection.provider;

import java.util.List;

import io.github.introspection.cache.IntrospectionCache;
import io.github.introspection.client.IntrospectionListener;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.Assert;

/**
 * The introspectors of {@code introspection.providers}, one stack (client, cache, checks)
 * per named identity provider, for the request resolver, the health contributor and the
 * meters; the default provider's are the starter's usual beans.
 */
public final class IntrospectionProviders {

	private final List<Stack> stacks;

	/**
	 * Creates the providers' stacks.
	 * @param stacks the stacks, in configuration order
	 */
	public IntrospectionProviders(List<Stack> stacks) {
		Assert.notNull(stacks, "stacks cannot be null");
		this.stacks = List.copyOf(stacks);
	}

	public List<Stack> getStacks() {
		return this.stacks;
	}

	/**
	 * The introspector of one named provider.
	 *
	 * @param name the provider's name
	 * @param introspector its introspector
	 * @param cache its own cache, or {@code null}
	 * @param metrics its meters (a Micrometer {@code MeterBinder}), or {@code null}
	 * @param provider its authentication manager and the requests it serves
	 */
	public record Stack(String name, OpaqueTokenIntrospector introspector, @Nullable IntrospectionCache cache,
			@Nullable IntrospectionListener metrics, IntrospectionProvider provider) {

		public Stack {
			Assert.hasText(name, "name cannot be empty");
			Assert.notNull(introspector, "introspector cannot be null");
			Assert.notNull(provider, "provider cannot be null");
		}

	}

}
