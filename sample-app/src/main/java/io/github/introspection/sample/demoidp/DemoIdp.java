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

package io.github.introspection.sample.demoidp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts and stops the embedded demo authorization server in its own application context,
 * separate from the sample app's.
 *
 * <pre>
 * try (DemoIdp idp = DemoIdp.start(0)) {
 *     String introspect = idp.introspectionUri();
 * }
 * </pre>
 */
public final class DemoIdp implements AutoCloseable {

	/** The port the demo IdP listens on unless {@code demo-idp.port} says otherwise. */
	public static final int DEFAULT_PORT = 9000;

	private final ConfigurableApplicationContext context;

	private final String host;

	private final int port;

	private DemoIdp(ConfigurableApplicationContext context, String host, int port) {
		this.context = context;
		this.host = host;
		this.port = port;
	}

	/**
	 * Starts the demo IdP on the loopback address, on {@code port}, or on a free port
	 * when {@code port} is 0.
	 * @param port the HTTP port, 0 for any free one
	 * @return the running IdP; {@link #close()} stops it
	 */
	public static DemoIdp start(int port) {
		return start(InetAddress.getLoopbackAddress(), port);
	}

	/**
	 * Starts the demo IdP on {@code address}, on {@code port}, or on a free port when
	 * {@code port} is 0. Its client secrets are published: listen on the loopback address
	 * unless the app itself is meant to be reached from elsewhere.
	 * @param address the address to listen on, such as the app's {@code server.address}
	 * @param port the HTTP port, 0 for any free one
	 * @return the running IdP; {@link #close()} stops it
	 */
	public static DemoIdp start(InetAddress address, int port) {
		int actualPort = (port != 0) ? port : freePort(address);
		String host = host(address);
		List<String> args = new ArrayList<>();
		// command-line arguments: they win over environment variables and system
		// properties
		args.add("--server.address=" + address.getHostAddress());
		args.add("--server.port=" + actualPort);
		args.add("--demo-idp.issuer=http://" + host + ":" + actualPort);
		// the IdP does not read the app's application.yml, nor runs the introspection
		// starter
		args.add("--spring.config.name=demo-idp");
		args.add("--introspection.enabled=false");
		args.add("--spring.jmx.enabled=false");
		SpringApplication application = new SpringApplication(DemoIdpConfiguration.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
		int listening = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new DemoIdp(context, host, listening);
	}

	/**
	 * The host of the IdP's URLs: {@code localhost} for the loopback and the wildcard
	 * address (so the README's {@code curl} lines work), else the address itself.
	 */
	private static String host(InetAddress address) {
		if (address.isAnyLocalAddress() || address.equals(InetAddress.getLoopbackAddress())) {
			return "localhost";
		}
		String literal = address.getHostAddress().replace("%", "%25");
		return (address instanceof Inet6Address) ? "[" + literal + "]" : literal;
	}

	/**
	 * Finds a free port up front, so that the issuer can be fixed before the server
	 * starts.
	 */
	private static int freePort(InetAddress address) {
		try (ServerSocket socket = new ServerSocket(0, 1, address)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the demo IdP", ex);
		}
	}

	/**
	 * Return the host of the IdP's URLs: {@code localhost} unless it listens on another
	 * address than the loopback or wildcard one.
	 * @return the host, an IPv6 address in brackets
	 */
	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	public String baseUri() {
		return "http://" + this.host + ":" + this.port;
	}

	public String issuer() {
		return baseUri();
	}

	public String tokenUri() {
		return baseUri() + "/oauth2/token";
	}

	public String introspectionUri() {
		return baseUri() + "/oauth2/introspect";
	}

	public String revocationUri() {
		return baseUri() + "/oauth2/revoke";
	}

	/**
	 * Return how many calls the IdP's introspection endpoint has received since it
	 * started (with any outcome, including rejected client credentials).
	 * @return the count
	 */
	@SuppressWarnings("unchecked")
	public long introspectionCount() {
		return ((FilterRegistrationBean<IntrospectionCounter>) this.context.getBean("introspectionCounter")).getFilter()
			.count();
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public boolean isRunning() {
		return this.context.isActive();
	}

	/** Stops the IdP. Calling it again does nothing. */
	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
