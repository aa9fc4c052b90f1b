/**
 * Auto-configuration and configuration properties of the introspection starter.
 */
@NullMarked
package io.github.introspection.autoconfigure;

import org.jspecify.annotations.NullMarked;
