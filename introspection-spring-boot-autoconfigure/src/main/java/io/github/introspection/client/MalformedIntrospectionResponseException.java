package io.github.introspection.client;

/**
 * Thrown when an introspection answer is not a valid RFC 7662 response. The message
 * names what is wrong, never the body itself.
 */
public class MalformedIntrospectionResponseException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong with the answer
	 */
	public MalformedIntrospectionResponseException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message what is wrong with the answer
	 * @param cause the parser's failure
	 */
	public MalformedIntrospectionResponseException(String message, Throwable cause) {
		super(message, cause);
	}

}
