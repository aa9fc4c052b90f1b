/**
 * OAuth 2.0 Token Introspection (RFC 7662) for Spring Boot servlet applications.
 */
@NullMarked
package io.github.introspection;

import org.jspecify.annotations.NullMarked;
