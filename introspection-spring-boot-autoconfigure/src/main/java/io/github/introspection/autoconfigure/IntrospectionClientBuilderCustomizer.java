package io.github.introspection.autoconfigure;

import io.github.introspection.client.IntrospectionClient;

/**
 * Callback that customizes the auto-configured {@link IntrospectionClient} before it is
 * built. Customizer beans are applied in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface IntrospectionClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(IntrospectionClient.Builder builder);

}
