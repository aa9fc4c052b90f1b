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

package io.github.introspection.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.http.Cookie;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With every logger at TRACE, no log line (message or stack trace) carries a token, the
 * client secret, the client's Basic credentials or a raw introspection answer.
 */
class NoLeakTests {

	private static final String RAW_MARKER = "raw-answer-marker-92b1";

	private final List<String> tokens = new ArrayList<>();

	private MockWebServer idp;

	private ListAppender<ILoggingEvent> appender;

	private Level previousLevel;

	@BeforeEach
	void captureEverything() throws Exception {
		this.idp = new MockWebServer();
		this.idp.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		this.previousLevel = root.getLevel();
		root.setLevel(Level.TRACE);
		this.appender = new ListAppender<>();
		this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.appender.start();
		root.addAppender(this.appender);
	}

	@AfterEach
	void restore() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(this.appender);
		root.setLevel(this.previousLevel);
		this.idp.close();
	}

	@Test
	void noSecretReachesTheLogsWhateverHappens() {
		TestApp.runner(this.idp).run((context) -> {
			MockMvc mvc = TestApp.mvc(context);
			this.idp.enqueue(active());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("header-ok")))
				.andExpect(status().isOk());
			this.idp.enqueue(active());
			mvc.perform(get("/api/hello").queryParam("access_token", token("query-ok"))).andExpect(status().isOk());
			this.idp.enqueue(active());
			mvc.perform(get("/api/hello").cookie(new Cookie("access_token", token("cookie-ok"))))
				.andExpect(status().isOk());
			this.idp.enqueue(TestApp.json("{\"active\":false,\"note\":\"" + RAW_MARKER + "\"}"));
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("inactive")))
				.andExpect(status().isUnauthorized());
			this.idp.enqueue(new MockResponse.Builder().code(500).body(RAW_MARKER).build());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("idp-500")))
				.andExpect(status().isServiceUnavailable());
			this.idp.enqueue(TestApp.json("<html>" + RAW_MARKER + "</html>"));
			mvc.perform(get("/api/hello").queryParam("access_token", token("html")))
				.andExpect(status().isServiceUnavailable());
			this.idp.enqueue(TestApp.json("{\"active\":true,\"exp\":\"" + RAW_MARKER + "\"}"));
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("bad-exp")))
				.andExpect(status().isServiceUnavailable());
			this.idp.enqueue(new MockResponse.Builder().code(401).body(RAW_MARKER).build());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("rejected-client")))
				.andExpect(status().isServiceUnavailable());
			this.idp.enqueue(active().newBuilder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("timeout")))
				.andExpect(status().isServiceUnavailable());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("two-places"))
				.queryParam("access_token", token("two-places-query"))).andExpect(status().isBadRequest());
			mvc.perform(get("/api/hello").header("Authorization", "Bearer " + token("bad chars") + "$"))
				.andExpect(status().isUnauthorized());
		});
		List<String> lines = loggedText();
		assertThat(lines).as("log lines captured at TRACE").hasSizeGreaterThan(50);
		String basic = Base64.getEncoder()
			.encodeToString(("app:" + TestApp.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		for (String line : lines) {
			assertThat(line).doesNotContain(TestApp.CLIENT_SECRET).doesNotContain(basic).doesNotContain(RAW_MARKER);
			for (String token : this.tokens) {
				assertThat(line).as("a log line leaks a token").doesNotContain(token);
			}
		}
	}

	private String token(String label) {
		String token = "tok-" + label.replace(' ', '-') + "-"
				+ Long.toHexString(Double.doubleToLongBits(Math.random()));
		this.tokens.add(token);
		return token;
	}

	private static MockResponse active() {
		return TestApp.json("{\"active\":true,\"sub\":\"alice\",\"scope\":\"orders:read\",\"note\":\"" + RAW_MARKER
				+ "\",\"exp\":" + (System.currentTimeMillis() / 1000 + Duration.ofMinutes(5).toSeconds()) + "}");
	}

	private List<String> loggedText() {
		List<String> lines = new ArrayList<>();
		for (ILoggingEvent event : this.appender.list) {
			lines.add(event.getLoggerName() + " " + event.getFormattedMessage());
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				lines.add(proxy.getClassName() + ": " + proxy.getMessage());
				for (StackTraceElementProxy element : proxy.getStackTraceElementProxyArray()) {
					lines.add(element.getSTEAsString());
				}
			}
		}
		return lines;
	}

}
