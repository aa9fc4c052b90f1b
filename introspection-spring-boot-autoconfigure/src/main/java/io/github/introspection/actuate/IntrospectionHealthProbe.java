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

package io.github.introspection.actuate;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.introspection.client.IdpProbeResult;
import io.github.introspection.client.IdpProbeResult.Kind;
import io.github.introspection.client.IntrospectionClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * An active health probe: introspects a fixed string that is no token at start-up and
 * then once per interval, so that the {@link IntrospectionHealthIndicator health
 * contributor} knows whether the identity provider is reachable and accepts this
 * application's credentials even when no request has asked it anything. An answer
 * ({@code "active": false} expected) proves both.
 * <p>
 * The probe's call goes through the client's circuit breaker, bulkhead and retries, so
 * that it also closes an open circuit once the identity provider is back, traffic or not.
 * It logs one line at start-up when the identity provider refuses this application's
 * credentials (HTTP 401 or 403), cannot be reached or answers other than RFC 7662 says,
 * and after that one line each time that changes; a success at start-up is logged at
 * DEBUG only.
 *
 * @see IntrospectionClient#probe(String)
 */
public final class IntrospectionHealthProbe implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IntrospectionHealthProbe.class);

	private final IntrospectionClient client;

	private final String token;

	private final Duration interval;

	private volatile @Nullable IdpProbeResult lastResult;

	private final Object probeLock = new Object();

	// guarded by probeLock
	private @Nullable Kind lastLogged;

	// guarded by this
	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Creates the probe.
	 * @param client the client whose identity provider is probed
	 * @param token the string introspected, never a real token
	 * @param interval the time between the end of one probe and the start of the next
	 */
	public IntrospectionHealthProbe(IntrospectionClient client, String token, Duration interval) {
		Assert.notNull(client, "client cannot be null");
		Assert.hasText(token, "token cannot be empty");
		Assert.isTrue(interval != null && interval.toMillis() > 0, "interval must be positive");
		this.client = client;
		this.token = token;
		this.interval = interval;
	}

	/**
	 * Probes the identity provider now, on the caller's thread.
	 * @return what the probe found
	 */
	public IdpProbeResult probe() {
		synchronized (this.probeLock) {
			IdpProbeResult result = this.client.probe(this.token);
			this.lastResult = result;
			log(result);
			return result;
		}
	}

	/**
	 * What the last probe found.
	 * @return the last result, or {@code null} before the first probe
	 */
	public @Nullable IdpProbeResult getLastResult() {
		return this.lastResult;
	}

	private void log(IdpProbeResult result) {
		Kind kind = result.kind();
		if (kind == Kind.NOT_ATTEMPTED || kind == this.lastLogged) {
			return;
		}
		boolean startUp = this.lastLogged == null;
		this.lastLogged = kind;
		String endpoint = this.client.getEndpoint();
		String when = startUp ? " at start-up" : "";
		switch (kind) {
			case ANSWERED -> {
				if (!startUp) {
					logger.info("Introspection health probe: the identity provider at " + endpoint
							+ " answers again and accepts this application's credentials");
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("Introspection health probe: the identity provider at " + endpoint
							+ " answers and accepts this application's credentials");
				}
			}
			case CREDENTIALS_REJECTED -> logger.warn("Introspection health probe" + when + ": the identity provider at "
					+ endpoint + " refused this application's client credentials (HTTP " + result.status()
					+ "); tokens not in the cache get 503 until introspection.client-config.auth is fixed");
			case BAD_ANSWER -> logger.warn("Introspection health probe" + when + ": the identity provider at "
					+ endpoint + " did not answer as RFC 7662 says (" + result.cause()
					+ "); check introspection.client-config.url");
			default -> logger.warn("Introspection health probe" + when + ": the identity provider at " + endpoint
					+ " is unavailable (" + result.cause() + ")");
		}
	}

	private void probeSafely() {
		try {
			probe();
		}
		catch (RuntimeException ex) {
			// keep the schedule: the next probe may fare better
			if (logger.isDebugEnabled()) {
				logger.debug("Introspection health probe failed unexpectedly: " + ex.getClass().getSimpleName());
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "introspection-health-probe");
				thread.setDaemon(true);
				return thread;
			});
			scheduler.scheduleWithFixedDelay(this::probeSafely, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
			this.scheduler = scheduler;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	static String kindValue(Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
