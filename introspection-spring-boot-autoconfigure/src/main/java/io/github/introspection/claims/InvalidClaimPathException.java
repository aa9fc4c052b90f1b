package io.github.introspection.claims;

/**
 * Thrown by {@link ClaimPath#parse(String)} for a malformed path; remembers the index of
 * the problem so that the rule parser can report it as a position in the rule.
 */
final class InvalidClaimPathException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int index;

	private final String reason;

	InvalidClaimPathException(String path, int index, String reason) {
		super("Invalid claim path \"" + path + "\" at index " + index + ": " + reason);
		this.index = index;
		this.reason = reason;
	}

	int getIndex() {
		return this.index;
	}

	String getReason() {
		return this.reason;
	}

}
