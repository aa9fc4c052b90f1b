/**
 * The introspection cache: exp-bounded lifetimes, coalesced misses, serve-stale, and ready-made authentications.
 */
@NullMarked
package io.github.introspection.cache;

import org.jspecify.annotations.NullMarked;
