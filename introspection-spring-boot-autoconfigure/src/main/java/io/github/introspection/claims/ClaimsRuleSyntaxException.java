package io.github.introspection.claims;

/**
 * Thrown when a claims rule cannot be parsed. Carries the rule text and the 0-based
 * character position at which the problem was detected.
 *
 * @see ClaimsRule#parse(String)
 */
public class ClaimsRuleSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String rule;

	private final int position;

	private final String reason;

	/**
	 * Create a new exception.
	 * @param rule the rule text that failed to parse
	 * @param position the 0-based character index of the problem, between 0 and
	 * {@code rule.length()} inclusive
	 * @param reason what went wrong, typically {@code "expected X but found Y"}
	 */
	public ClaimsRuleSyntaxException(String rule, int position, String reason) {
		super("Invalid claims rule \"" + rule + "\" at position " + position + ": " + reason);
		this.rule = rule;
		this.position = position;
		this.reason = reason;
	}

	/**
	 * Return the rule text that failed to parse.
	 * @return the rule text
	 */
	public String getRule() {
		return this.rule;
	}

	/**
	 * Return the 0-based character index at which the problem was detected
	 * ({@code rule.length()} means "at the end of the rule").
	 * @return the position
	 */
	public int getPosition() {
		return this.position;
	}

	/**
	 * Return the description of the problem without the rule and position prefix.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
