package io.github.introspection.token;

/**
 * The kinds of places an access token can be read from.
 */
public enum TokenSourceKind {

	/**
	 * A request header, with or without an authentication scheme.
	 */
	HEADER,

	/**
	 * A query parameter.
	 */
	QUERY,

	/**
	 * A cookie.
	 */
	COOKIE

}
