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

package io.github.introspection.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * A {@link ClientHttpRequestFactory} on the JDK {@link HttpClient} for the small
 * exchanges of token introspection: the form body goes out as one byte array, and the
 * answer comes back whole, at most {@code maxResponseBytes + 1} bytes of it, within one
 * deadline for the whole exchange.
 * <p>
 * Spring's {@code JdkClientHttpRequestFactory} streams every request body through a
 * publisher that writes it on an executor thread, and hands the answer over as a stream;
 * on a cache miss those thread hand-offs cost more than the introspection call's own
 * work. Like it, this factory never lets a slowly dripping answer run past the timeout.
 */
public final class JdkIntrospectionRequestFactory implements ClientHttpRequestFactory {

	// Set by the JDK client itself; it refuses them as request headers.
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private final HttpClient httpClient;

	/**
	 * The request attribute that shortens the timeout of one request (a {@link Duration},
	 * such as what is left of its deadline); a longer one than the factory's is ignored.
	 */
	public static final String TIMEOUT_ATTRIBUTE = JdkIntrospectionRequestFactory.class.getName() + ".timeout";

	private final Duration timeout;

	private final int readLimit;

	/**
	 * Creates a factory.
	 * @param httpClient the client (TLS, connect timeout, redirects and executor are its
	 * own)
	 * @param timeout the longest a whole exchange may take, answer included
	 * @param maxResponseBytes the largest answer kept; one byte more is read, so that the
	 * caller can tell an oversized answer, and the rest is never read
	 */
	public JdkIntrospectionRequestFactory(HttpClient httpClient, Duration timeout, int maxResponseBytes) {
		Assert.notNull(httpClient, "httpClient cannot be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		Assert.isTrue(maxResponseBytes >= 0, "maxResponseBytes must not be negative");
		this.httpClient = httpClient;
		this.timeout = timeout;
		this.readLimit = (int) Math.min(maxResponseBytes + 1L, Integer.MAX_VALUE);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new Request(uri, httpMethod);
	}

	// A shorter timeout for one request (what is left of its deadline), never a longer
	// one.
	private Duration timeout(@Nullable Object requested) {
		return (requested instanceof Duration shorter && shorter.toNanos() > 0 && shorter.compareTo(this.timeout) < 0)
				? shorter : this.timeout;
	}

	private final class Request extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		Request(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			Duration timeout = timeout(getAttributes().get(TIMEOUT_ATTRIBUTE));
			HttpRequest.Builder request = HttpRequest.newBuilder(this.uri).timeout(timeout);
			headers.forEach((name, values) -> {
				if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			request.method(this.method.name(), (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
			CompletableFuture<HttpResponse<byte[]>> exchange = JdkIntrospectionRequestFactory.this.httpClient
				.sendAsync(request.build(), (info) -> new LimitedBody(JdkIntrospectionRequestFactory.this.readLimit));
			try {
				return new Response(exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException ex) {
				exchange.cancel(true);
				throw new HttpTimeoutException("no complete answer within " + timeout);
			}
			catch (InterruptedException ex) {
				exchange.cancel(true);
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while waiting for the answer");
			}
			catch (ExecutionException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				if (cause instanceof IOException io) {
					throw io;
				}
				if (cause instanceof UncheckedIOException unchecked) {
					throw unchecked.getCause();
				}
				throw new IOException("the exchange failed (" + cause.getClass().getSimpleName() + ")", cause);
			}
		}

	}

	private static final class Response implements ClientHttpResponse {

		private final HttpResponse<byte[]> response;

		private final HttpHeaders headers = new HttpHeaders();

		Response(HttpResponse<byte[]> response) {
			this.response = response;
			response.headers().map().forEach((name, values) -> {
				if (!name.startsWith(":")) {
					this.headers.addAll(name, values);
				}
			});
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.statusCode());
		}

		@Override
		public String getStatusText() {
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.response.body());
		}

		@Override
		public void close() {
		}

	}

	/**
	 * Collects an answer up to a number of bytes, then stops reading (the connection is
	 * then closed, not reused).
	 */
	private static final class LimitedBody implements BodySubscriber<byte[]> {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private Flow.@Nullable Subscription subscription;

		LimitedBody(int limit) {
			this.limit = limit;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.result.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				int take = Math.min(buffer.remaining(), this.limit - this.bytes.size());
				byte[] chunk = new byte[take];
				buffer.get(chunk);
				this.bytes.write(chunk, 0, take);
				if (this.bytes.size() >= this.limit) {
					Flow.Subscription current = this.subscription;
					if (current != null) {
						current.cancel();
					}
					this.result.complete(this.bytes.toByteArray());
					return;
				}
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.result.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.result.complete(this.bytes.toByteArray());
		}

	}

}
