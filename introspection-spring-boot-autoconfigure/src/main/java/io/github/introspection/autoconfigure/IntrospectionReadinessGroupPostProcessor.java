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

package io.github.introspection.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.introspection.actuate.IntrospectionHealthIndicator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

/**
 * Adds the {@code introspection} contributor to the {@code readiness} health group, where
 * {@link IntrospectionHealthIndicator#IDP_UNAVAILABLE} counts as {@code OUT_OF_SERVICE}
 * (HTTP 503); the primary group and {@code liveness} are left as they are. Runs after
 * Spring Boot's availability probes post-processor, which creates the group.
 */
class IntrospectionReadinessGroupPostProcessor implements HealthEndpointGroupsPostProcessor {

	private static final Log logger = LogFactory.getLog(IntrospectionReadinessGroupPostProcessor.class);

	static final String READINESS = "readiness";

	static final String CONTRIBUTOR = "introspection";

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness == null) {
			logger.warn("introspection.health.readiness is set, but there is no readiness health group: turn on "
					+ "management.endpoint.health.probes.enabled or define management.endpoint.health.group.readiness");
			return groups;
		}
		return new Groups(groups, new ReadinessGroup(readiness));
	}

	/**
	 * The groups, with the readiness group replaced.
	 */
	private static final class Groups implements HealthEndpointGroups, AdditionalPathsMapper {

		private final HealthEndpointGroups groups;

		private final HealthEndpointGroup readiness;

		Groups(HealthEndpointGroups groups, HealthEndpointGroup readiness) {
			this.groups = groups;
			this.readiness = readiness;
		}

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.groups.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			return this.groups.getNames();
		}

		@Override
		public @Nullable HealthEndpointGroup get(String name) {
			return READINESS.equals(name) ? this.readiness : this.groups.get(name);
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
			return (this.groups instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
		}

	}

	/**
	 * The readiness group, with the introspection contributor as a member.
	 */
	private static final class ReadinessGroup implements HealthEndpointGroup {

		private final HealthEndpointGroup group;

		private final StatusAggregator statusAggregator;

		ReadinessGroup(HealthEndpointGroup group) {
			this.group = group;
			StatusAggregator aggregator = group.getStatusAggregator();
			this.statusAggregator = (statuses) -> {
				if (!statuses.contains(IntrospectionHealthIndicator.IDP_UNAVAILABLE)) {
					return aggregator.getAggregateStatus(statuses);
				}
				Set<Status> mapped = new HashSet<>(statuses);
				mapped.remove(IntrospectionHealthIndicator.IDP_UNAVAILABLE);
				mapped.add(Status.OUT_OF_SERVICE);
				return aggregator.getAggregateStatus(mapped);
			};
		}

		@Override
		public boolean isMember(String name) {
			return CONTRIBUTOR.equals(name) || this.group.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.group.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.group.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.statusAggregator;
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.group.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.group.getAdditionalPath();
		}

	}

}
