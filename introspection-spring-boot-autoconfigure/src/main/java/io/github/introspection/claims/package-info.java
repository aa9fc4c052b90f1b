/**
 * Claims rule language (Traefik Hub style) and helpers for reading token claims.
 */
@NullMarked
package io.github.introspection.claims;

import org.jspecify.annotations.NullMarked;
