/**
 * Checks of an introspected token's claims (time, issuer, audience, scopes) that run on
 * every request, cached answers included.
 */
@NullMarked
package io.github.introspection.validation;

import org.jspecify.annotations.NullMarked;
