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

package io.github.introspection.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.introspection.client.IntrospectionUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An issuer's metadata, read lazily: the application starts while the identity provider
 * is down, and requests get 503 with {@code Retry-After} until the metadata is read. One
 * read is in flight at a time (concurrent requests wait for it); after a failure the next
 * read waits, from 1 s doubling up to a minute. Metadata naming another issuer is never
 * trusted: it is refused like a failure, with an ERROR line. Logs one WARN when reading
 * starts failing, one INFO when it succeeds.
 */
public final class IssuerMetadata {

	private static final Log logger = LogFactory.getLog(IssuerMetadata.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	private final URI issuer;

	private final AuthorizationServerMetadataReader reader;

	private final List<Consumer<AuthorizationServerMetadata>> onRead;

	private final LongSupplier nanoTime;

	private final ReentrantLock reading = new ReentrantLock();

	private volatile @Nullable AuthorizationServerMetadata metadata;

	private volatile @Nullable Failure failure;

	/**
	 * Creates the lazy metadata.
	 * @param issuer the issuer identifier ({@code introspection.issuer-uri})
	 * @param reader reads the metadata
	 * @param onRead told the metadata once it is read, such as to check the client
	 * authentication method against the supported ones
	 * @param nanoTime the time source of the backoff
	 */
	public IssuerMetadata(URI issuer, AuthorizationServerMetadataReader reader,
			List<Consumer<AuthorizationServerMetadata>> onRead, LongSupplier nanoTime) {
		Assert.notNull(issuer, "issuer cannot be null");
		Assert.notNull(reader, "reader cannot be null");
		this.issuer = issuer;
		this.reader = reader;
		this.onRead = List.copyOf(onRead);
		this.nanoTime = nanoTime;
	}

	/**
	 * The issuer identifier.
	 * @return the issuer
	 */
	public URI getIssuer() {
		return this.issuer;
	}

	/**
	 * The metadata, read now if it is not yet.
	 * @return the metadata
	 * @throws IntrospectionUnavailableException while it cannot be read (an outage)
	 */
	public AuthorizationServerMetadata get() {
		AuthorizationServerMetadata current = this.metadata;
		if (current != null) {
			return current;
		}
		this.reading.lock();
		try {
			current = this.metadata;
			if (current != null) {
				return current;
			}
			Failure last = this.failure;
			long now = this.nanoTime.getAsLong();
			if (last != null && now - last.nextReadNanos < 0) {
				throw unavailable(last.reason, Duration.ofNanos(last.nextReadNanos - now));
			}
			return read(last, now);
		}
		finally {
			this.reading.unlock();
		}
	}

	/**
	 * The metadata if it has been read, without reading it.
	 * @return the metadata, or {@code null}
	 */
	public @Nullable AuthorizationServerMetadata getIfRead() {
		return this.metadata;
	}

	/**
	 * An endpoint of the metadata, for a client that calls it.
	 * @param name the metadata's member, for the message when it is absent
	 * @param endpoint what the metadata says
	 * @param overrideKey the property that would give the endpoint instead
	 * @return the endpoint
	 * @throws IntrospectionUnavailableException when the metadata has none
	 */
	public URI require(String name, @Nullable URI endpoint, String overrideKey) {
		if (endpoint == null) {
			throw unavailable("the metadata of " + this.issuer + " has no " + name + "; set " + overrideKey,
					MAX_BACKOFF);
		}
		return endpoint;
	}

	private AuthorizationServerMetadata read(@Nullable Failure last, long now) {
		try {
			AuthorizationServerMetadata read = this.reader.read(this.issuer);
			this.onRead.forEach((listener) -> listener.accept(read));
			this.metadata = read;
			this.failure = null;
			logger.info("Read the metadata of issuer " + this.issuer
					+ ((last != null) ? " after " + last.failures + " failed attempt(s)" : ""));
			return read;
		}
		catch (DiscoveryException ex) {
			Duration backoff = (last == null) ? FIRST_BACKOFF : min(last.backoff.multipliedBy(2), MAX_BACKOFF);
			Failure next = new Failure(ex.getMessage(), now + backoff.toNanos(), backoff,
					(last != null) ? last.failures + 1 : 1);
			this.failure = next;
			if (ex.isUntrusted()) {
				if (last == null || !ex.getMessage().equals(last.reason)) {
					logger.error("Issuer metadata refused: " + ex.getMessage()
							+ "; answering 503 to requests until introspection.issuer-uri and the identity provider "
							+ "agree");
				}
			}
			else if (last == null) {
				logger.warn("Cannot read the metadata of issuer " + this.issuer + ": " + ex.getMessage()
						+ "; answering 503 with Retry-After and trying again with backoff (up to " + MAX_BACKOFF + ")");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Still cannot read the metadata of issuer " + this.issuer + ": " + ex.getMessage());
			}
			throw unavailable(ex.getMessage(), backoff);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static IntrospectionUnavailableException unavailable(String reason, Duration retryAfter) {
		Duration seconds = Duration.ofSeconds(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
		return new IntrospectionUnavailableException("the issuer's metadata is not available: " + reason, seconds, null,
				true);
	}

	private record Failure(String reason, long nextReadNanos, Duration backoff, int failures) {
	}

}
