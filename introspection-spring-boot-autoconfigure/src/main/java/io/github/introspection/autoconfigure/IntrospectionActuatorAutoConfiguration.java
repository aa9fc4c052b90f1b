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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of what operates the introspection starter, each part only when its
 * library is on the class path: the meters (Micrometer), the {@code introspection} health
 * contributor and its optional active probe (Spring Boot's health module), and the
 * {@code introspection} endpoint (Spring Boot Actuator). Backs off when the application
 * replaces the starter's {@code OpaqueTokenIntrospector}. Ordered after Spring Boot's
 * availability probes, so that {@code introspection.health.readiness} can add the
 * contributor to the readiness group Spring Boot creates.
 */
@AutoConfiguration(after = IntrospectionAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "introspection.enabled", matchIfMissing = true)
@ConditionalOnBean(name = IntrospectorLayers.INTROSPECTOR)
@Import({ IntrospectionMetricsConfiguration.class, IntrospectionHealthConfiguration.class,
		IntrospectionEndpointConfiguration.class })
public final class IntrospectionActuatorAutoConfiguration {

}
