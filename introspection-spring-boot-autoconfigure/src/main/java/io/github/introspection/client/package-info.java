/**
 * The RFC 7662 introspection client: the HTTP call, its answer, and the principal built from it.
 */
@NullMarked
package io.github.introspection.client;

import org.jspecify.annotations.NullMarked;
