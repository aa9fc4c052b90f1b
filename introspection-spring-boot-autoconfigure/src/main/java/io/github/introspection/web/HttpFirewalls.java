/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.introspection.web;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules for header names,
 * header values and parameter names checked by a loop over the characters instead of by
 * the regular expressions it compiles them to. The firewall checks every header the
 * application reads, on every request; the rules are the same (every code point assigned
 * and not an ISO control character, tabs allowed in header values).
 */
public final class HttpFirewalls {

	/**
	 * Assigned code points that are not ISO control characters: Spring Security's
	 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}.
	 */
	static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = (value) -> isAssignedAndNotControl(value, false);

	/**
	 * The same, tabs allowed: Spring Security's
	 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} for header values.
	 */
	static final Predicate<String> HEADER_VALUE = (value) -> isAssignedAndNotControl(value, true);

	private HttpFirewalls() {
	}

	/**
	 * A {@link StrictHttpFirewall} with Spring Security's default rules, checked without
	 * regular expressions.
	 * @return the firewall
	 */
	public static StrictHttpFirewall strict() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(ASSIGNED_AND_NOT_CONTROL);
		firewall.setAllowedHeaderValues(HEADER_VALUE);
		firewall.setAllowedParameterNames(ASSIGNED_AND_NOT_CONTROL);
		return firewall;
	}

	private static boolean isAssignedAndNotControl(String value, boolean tabAllowed) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				// printable ASCII, by far the most common case
				continue;
			}
			if (c == '\t' && tabAllowed) {
				continue;
			}
			int codePoint = value.codePointAt(i);
			if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
				return false;
			}
			if (Character.isSupplementaryCodePoint(codePoint)) {
				i++;
			}
		}
		return true;
	}

}
