package io.github.introspection.claims;

import java.util.Map;

/**
 * A node of a compiled claims rule. Implementations are immutable and thread-safe.
 */
interface ClaimsExpression {

	/**
	 * Evaluate this expression against the given claims. Never throws for missing or
	 * unexpected claim values.
	 * @param claims the token claims
	 * @return whether the claims match
	 */
	boolean matches(Map<String, ?> claims);

}
