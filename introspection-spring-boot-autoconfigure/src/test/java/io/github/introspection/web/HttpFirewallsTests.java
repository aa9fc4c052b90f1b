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

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HttpFirewalls}.
 */
class HttpFirewallsTests {

	// Spring Security 7's own rules (StrictHttpFirewall), as regular expressions.
	private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	// Where the rules have edges: controls (C0, DEL, C1), tab, unassigned code points,
	// lone and paired surrogates, and ordinary text.
	private static final int[] INTERESTING = { 'a', 'Z', '0', ' ', '~', '|', '\t', '\n', '\r', 0x00, 0x1f, 0x7f, 0x80,
			0x9f, 0xa0, 0xe9, 0x378, 0x2028, 0xd800, 0xdc00, 0xfffe, 0xffff, 0x1f600, 0xe0000, 0x10ffff, 0x30000 };

	@Test
	void predicatesAcceptExactlyWhatSpringSecuritysPatternsAccept() {
		Random random = new Random(20261128L);
		for (int i = 0; i < 200_000; i++) {
			String value = randomValue(random);
			assertThat(HttpFirewalls.ASSIGNED_AND_NOT_CONTROL.test(value)).as("name %s", escaped(value))
				.isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(value).matches());
			assertThat(HttpFirewalls.HEADER_VALUE.test(value)).as("value %s", escaped(value))
				.isEqualTo(HEADER_VALUE.matcher(value).matches());
		}
	}

	@Test
	void predicatesAcceptEveryCodePointThePatternsAccept() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String value = "x" + new String(Character.toChars(codePoint)) + "y";
			assertThat(HttpFirewalls.HEADER_VALUE.test(value)).as("U+%04X", codePoint)
				.isEqualTo(HEADER_VALUE.matcher(value).matches());
		}
	}

	@Test
	void strictFirewallRejectsAHeaderValueWithAControlCharacter() {
		StrictHttpFirewall firewall = HttpFirewalls.strict();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hello");
		request.addHeader("X-Bad", "a\u0007b");
		request.addHeader("X-Tab", "a\tb");
		var firewalled = firewall.getFirewalledRequest(request);
		assertThat(firewalled.getHeader("X-Tab")).isEqualTo("a\tb");
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> firewalled.getHeader("X-Bad"));
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> firewalled.getHeader("X-\u0085Name"));
	}

	@Test
	void strictFirewallKeepsSpringSecuritysUrlRules() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/..;/hello");
		request.setServletPath("/api/..;/hello");
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> HttpFirewalls.strict().getFirewalledRequest(request));
	}

	private static String randomValue(Random random) {
		StringBuilder value = new StringBuilder();
		int length = random.nextInt(6);
		for (int i = 0; i < length; i++) {
			int pick = random.nextInt(INTERESTING.length + 4);
			if (pick < INTERESTING.length) {
				value.appendCodePoint(INTERESTING[pick]);
			}
			else {
				value.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
			}
		}
		return value.toString();
	}

	private static String escaped(String value) {
		StringBuilder escaped = new StringBuilder();
		value.codePoints().forEach((codePoint) -> escaped.append(String.format("\\u{%X}", codePoint)));
		return escaped.toString();
	}

}
