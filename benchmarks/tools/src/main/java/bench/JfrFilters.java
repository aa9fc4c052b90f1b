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

package bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Splits the CPU samples of a JFR recording (taken under load on one endpoint) by the
 * innermost security filter, or other known stage, on each sample's stack: a rough
 * "exclusive cost per filter" of the Spring Security chain.
 * <p>
 * {@code java bench.JfrFilters recording.jfr}
 */
public final class JfrFilters {

	// First match wins, innermost frame first; entries are class-name prefixes.
	private static final String[][] STAGES = {
			{ "io.github.introspection.cache.", "cache lookup (hash + map)" },
			{ "io.github.introspection.client.TokenHash", "cache lookup (hash + map)" },
			{ "io.github.introspection.validation.", "claim validation" },
			{ "io.github.introspection.token.CookieTokenCsrfFilter", "CookieTokenCsrfFilter" },
			{ "io.github.introspection.token.QueryTokenFilter", "QueryTokenFilter (servlet filter)" },
			{ "io.github.introspection.token.", "token resolver" },
			{ "io.github.introspection.web.ForwardedHeadersFilter", "ForwardedHeadersFilter" },
			{ "io.github.introspection.web.", "starter web (other)" },
			{ "io.github.introspection.error.", "starter web (other)" },
			{ "io.github.introspection.autoconfigure.", "starter chain (other)" },
			{ "org.springframework.web.servlet.", "Spring MVC + controller" },
			{ "org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter",
					"BearerTokenAuthenticationFilter" },
			{ "org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver", "token resolver" },
			{ "org.springframework.security.oauth2.server.resource.authentication.", "authentication provider" },
			{ "org.springframework.security.authentication.", "authentication provider" },
			{ "org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter",
					"OAuth2ProtectedResourceMetadataFilter" },
			{ "org.springframework.security.web.authentication.AuthenticationFilter", "AuthenticationFilter (DPoP)" },
			{ "org.springframework.security.web.session.DisableEncodeUrlFilter", "DisableEncodeUrlFilter" },
			{ "org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter",
					"WebAsyncManagerIntegrationFilter" },
			{ "org.springframework.security.web.context.SecurityContextHolderFilter", "SecurityContextHolderFilter" },
			{ "org.springframework.security.web.header.", "HeaderWriterFilter (+ writers)" },
			{ "org.springframework.security.web.servletapi.", "SecurityContextHolderAwareRequestFilter" },
			{ "org.springframework.security.web.session.SessionManagementFilter", "SessionManagementFilter" },
			{ "org.springframework.security.web.access.ExceptionTranslationFilter", "ExceptionTranslationFilter" },
			{ "org.springframework.security.web.access.intercept.AuthorizationFilter", "AuthorizationFilter" },
			{ "org.springframework.security.authorization.", "AuthorizationFilter" },
			{ "org.springframework.security.web.access.", "AuthorizationFilter" },
			{ "org.springframework.security.web.util.matcher.", "request matchers" },
			{ "org.springframework.security.web.servlet.util.matcher.", "request matchers" },
			{ "org.springframework.security.web.firewall.", "FilterChainProxy (firewall, chain)" },
			{ "org.springframework.security.web.FilterChainProxy", "FilterChainProxy (firewall, chain)" },
			{ "org.springframework.security.web.ObservationFilterChainDecorator", "FilterChainProxy (firewall, chain)" },
			{ "org.springframework.web.filter.", "Boot servlet filters" },
			{ "org.springframework.boot.", "Boot servlet filters" },
			{ "org.apache.catalina.", "Tomcat" },
			{ "org.apache.coyote.", "Tomcat" },
			{ "org.apache.tomcat.", "Tomcat" }, };

	private JfrFilters() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Integer> counts = new LinkedHashMap<>();
		Map<String, Integer> details = new LinkedHashMap<>();
		String detail = (args.length > 1) ? args[1] : null;
		int total = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null) {
				continue;
			}
			total++;
			String stage = stage(stack.getFrames());
			counts.merge(stage, 1, Integer::sum);
			if (stage.equals(detail)) {
				details.merge(path(stack.getFrames()), 1, Integer::sum);
			}
			if (detail != null && detail.startsWith("caller:") && stage.equals(detail.substring(7))) {
				details.merge(caller(stack.getFrames()), 1, Integer::sum);
			}
		}
		if (detail != null) {
			List<Map.Entry<String, Integer>> top = new ArrayList<>(details.entrySet());
			top.sort((a, b) -> b.getValue() - a.getValue());
			top.stream().limit(25).forEach((e) -> System.out.println(e.getValue() + "  " + e.getKey()));
		}
		List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
		sorted.sort((a, b) -> b.getValue() - a.getValue());
		System.out.printf("| stage (innermost on stack) | CPU samples | share |%n|---|---:|---:|%n");
		for (Map.Entry<String, Integer> entry : sorted) {
			System.out.printf("| %s | %d | %.1f %% |%n", entry.getKey(), entry.getValue(),
					100.0 * entry.getValue() / total);
		}
		System.out.printf("| total | %d | 100 %% |%n", total);
	}

	// The first frame, outward, outside Tomcat and the JDK: who made Tomcat do this work.
	private static String caller(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (!(type.startsWith("org.apache.") || type.startsWith("java.") || type.startsWith("jdk.")
					|| type.startsWith("sun."))) {
				return type + "." + frame.getMethod().getName();
			}
		}
		return "(Tomcat itself: request parsing, response writing, socket I/O)";
	}

	// The innermost frames up to the first one of a known stage.
	private static String path(List<RecordedFrame> frames) {
		StringBuilder path = new StringBuilder();
		int n = 0;
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			path.append(n++ == 0 ? "" : " < ")
				.append(type.substring(type.lastIndexOf('.') + 1))
				.append('.')
				.append(frame.getMethod().getName());
			if (n > 8) {
				break;
			}
			boolean known = false;
			for (String[] stage : STAGES) {
				known |= type.startsWith(stage[0]);
			}
			if (known) {
				break;
			}
		}
		return path.toString();
	}

	private static String stage(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			if (!frame.isJavaFrame()) {
				continue;
			}
			String type = frame.getMethod().getType().getName();
			for (String[] stage : STAGES) {
				if (type.startsWith(stage[0])) {
					return stage[1];
				}
			}
		}
		return "other (JDK, GC, I/O outside the chain)";
	}

}
