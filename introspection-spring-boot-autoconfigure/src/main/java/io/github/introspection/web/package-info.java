/**
 * Web-layer pieces: RFC 6750 error responses with problem+json bodies, and request filters.
 */
@NullMarked
package io.github.introspection.web;

import org.jspecify.annotations.NullMarked;
