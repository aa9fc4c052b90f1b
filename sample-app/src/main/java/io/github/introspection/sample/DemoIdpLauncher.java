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

package io.github.introspection.sample;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.introspection.sample.demoidp.DemoIdp;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded demo IdP before the sample app's context is refreshed, once the
 * app's environment is known (command line, {@code application.yml}, profiles), so that
 * {@code --demo-idp.enabled=false} or the {@code keycloak} profile keep it off. Stops it
 * when the app stops or fails to start. It listens on the app's {@code server.address},
 * or on the loopback address when that is unset.
 * <p>
 * Registered by {@link SampleApplication#main} only: tests start the IdP themselves.
 */
class DemoIdpLauncher implements ApplicationListener<ApplicationEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(DemoIdpLauncher.class);

	private volatile DemoIdp idp;

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationFailedEvent || event instanceof ContextClosedEvent) {
			stop();
		}
	}

	private void start(ConfigurableEnvironment environment) {
		if (this.idp != null || !environment.getProperty("demo-idp.enabled", Boolean.class, true)) {
			return;
		}
		int port = environment.getProperty("demo-idp.port", Integer.class, DemoIdp.DEFAULT_PORT);
		this.idp = DemoIdp.start(address(environment), port);
		// the app's introspection URL uses ${demo-idp.host} and ${demo-idp.port}: give it
		// the actual ones
		environment.getPropertySources()
			.addFirst(new MapPropertySource("demoIdp",
					Map.of("demo-idp.host", this.idp.host(), "demo-idp.port", this.idp.port())));
		// Client ids only: the demo credentials are in the README, not in the log.
		String started = "Demo authorization server started on " + this.idp.baseUri() + " (endpoints "
				+ this.idp.tokenUri() + " and " + this.idp.introspectionUri()
				+ "; clients demo-client, admin-client, ops-client, sample-app)";
		logger.info(started);
	}

	/**
	 * The app's {@code server.address}, else the loopback address: the demo clients'
	 * secrets are in the README, so the IdP never listens on every interface unless the
	 * app is set to.
	 */
	private static InetAddress address(ConfigurableEnvironment environment) {
		String address = environment.getProperty("server.address");
		if (!StringUtils.hasText(address)) {
			return InetAddress.getLoopbackAddress();
		}
		try {
			return InetAddress.getByName(address.trim());
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("server.address '" + address + "' is not a known host", ex);
		}
	}

	private void stop() {
		DemoIdp running = this.idp;
		if (running != null) {
			this.idp = null;
			running.close();
		}
	}

	@Override
	public int getOrder() {
		// after the config data (application.yml, profiles) and logging are set up
		return Ordered.LOWEST_PRECEDENCE;
	}

}
