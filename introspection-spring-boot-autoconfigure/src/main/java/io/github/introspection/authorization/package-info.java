/**
 * Authorization with claims rules: the {@code @claims} expression bean, {@code @RequireClaims} and request authorization managers.
 */
@NullMarked
package io.github.introspection.authorization;

import org.jspecify.annotations.NullMarked;
