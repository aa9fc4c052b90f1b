/**
 * Finding the access token in a request: header, query parameter or cookie (RFC 6750).
 */
@NullMarked
package io.github.introspection.token;

import org.jspecify.annotations.NullMarked;
