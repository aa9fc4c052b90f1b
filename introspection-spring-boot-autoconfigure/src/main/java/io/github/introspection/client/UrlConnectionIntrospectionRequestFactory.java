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
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

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
 * A {@link ClientHttpRequestFactory} on the JDK's blocking {@link HttpURLConnection} for
 * the small exchanges of token introspection: the form body goes out as one byte array,
 * and the answer comes back whole, at most {@code maxResponseBytes + 1} bytes of it,
 * within one deadline for the whole exchange. Connections are kept alive by the JDK.
 * <p>
 * The request thread itself reads the answer: on a cache miss that is one thread wake-up
 * when the answer arrives, where a non-blocking client needs two (its selector thread,
 * then the request thread), which on a busy virtual machine cost about a millisecond per
 * miss ({@code benchmarks/miss-path.sh}). The connect and read timeouts are the
 * exchange's timeout, so a hung identity provider is cut at it; an answer still dripping
 * at the timeout is cut at the next bytes it sends (headers that drip byte by byte are
 * bounded by the read timeout per read only).
 * <p>
 * The body is buffered, not streamed: before reusing a kept-alive connection for a
 * streamed POST the JDK waits 1 ms on a read, on every exchange, to see whether the
 * server closed it. With a buffered body the JDK instead sends the request once more, on
 * a new connection, when a connection ends without any answer (a kept-alive one that the
 * identity provider closed, or one it drops): an identity provider that drops connections
 * sees each attempt at most twice. Credentials are never added by the JVM's default
 * {@link Authenticator}.
 */
public final class UrlConnectionIntrospectionRequestFactory implements ClientHttpRequestFactory {

	/**
	 * The request attribute that shortens the timeout of one request (a {@link Duration},
	 * such as what is left of its deadline); a longer one than the factory's is ignored.
	 */
	public static final String TIMEOUT_ATTRIBUTE = UrlConnectionIntrospectionRequestFactory.class.getName()
			+ ".timeout";

	// Set by the connection itself; it refuses most of them as request headers.
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade", "transfer-encoding", "keep-alive", "trailer", "te");

	private static final Authenticator NO_CREDENTIALS = new Authenticator() {
	};

	private final @Nullable SSLSocketFactory socketFactory;

	private final @Nullable HostnameVerifier hostnameVerifier;

	private final Duration timeout;

	private final int readLimit;

	/**
	 * Creates a factory for plain HTTP and HTTPS with the JDK's default trust.
	 * @param timeout the longest a whole exchange may take, answer included
	 * @param maxResponseBytes the largest answer kept; one byte more is read, so that the
	 * caller can tell an oversized answer, and the rest is never read
	 */
	public UrlConnectionIntrospectionRequestFactory(Duration timeout, int maxResponseBytes) {
		this(null, null, timeout, maxResponseBytes);
	}

	/**
	 * Creates a factory.
	 * @param socketFactory the TLS socket factory of {@code https} exchanges (trust and
	 * client certificate), or {@code null} for the JDK's default
	 * @param hostnameVerifier the host name check of {@code https} exchanges, or
	 * {@code null} for the JDK's default
	 * @param timeout the longest a whole exchange may take, answer included
	 * @param maxResponseBytes the largest answer kept; one byte more is read, so that the
	 * caller can tell an oversized answer, and the rest is never read
	 */
	public UrlConnectionIntrospectionRequestFactory(@Nullable SSLSocketFactory socketFactory,
			@Nullable HostnameVerifier hostnameVerifier, Duration timeout, int maxResponseBytes) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		Assert.isTrue(maxResponseBytes >= 0, "maxResponseBytes must not be negative");
		this.socketFactory = socketFactory;
		this.hostnameVerifier = hostnameVerifier;
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

	private HttpURLConnection open(URI uri, Duration timeout) throws IOException {
		// no proxy, as the identity provider is called directly
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
		if (connection instanceof HttpsURLConnection https) {
			if (this.socketFactory != null) {
				https.setSSLSocketFactory(this.socketFactory);
			}
			if (this.hostnameVerifier != null) {
				https.setHostnameVerifier(this.hostnameVerifier);
			}
		}
		int millis = (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
		connection.setConnectTimeout(millis);
		connection.setReadTimeout(millis);
		connection.setInstanceFollowRedirects(false);
		connection.setUseCaches(false);
		// the client's credentials are in the request's headers; a 401 is answered as it
		// is, never with credentials from the JVM's default authenticator
		connection.setAuthenticator(NO_CREDENTIALS);
		return connection;
	}

	// Reads the answer up to the limit; an answer still dripping at the deadline is cut
	// (a read that gets nothing at all ends at the connection's read timeout).
	private byte[] read(InputStream in, long deadline, Duration timeout) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
		byte[] buffer = new byte[Math.min(8192, Math.max(1, this.readLimit))];
		while (bytes.size() < this.readLimit) {
			int n = in.read(buffer, 0, Math.min(buffer.length, this.readLimit - bytes.size()));
			if (n < 0) {
				break;
			}
			bytes.write(buffer, 0, n);
			if (System.nanoTime() - deadline > 0) {
				throw new HttpTimeoutException("no complete answer within " + timeout);
			}
		}
		return bytes.toByteArray();
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
			long deadline = System.nanoTime() + timeout.toNanos();
			HttpURLConnection connection = open(this.uri, timeout);
			try {
				connection.setRequestMethod(this.method.name());
				headers.forEach((name, values) -> {
					if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
						values.forEach((value) -> connection.addRequestProperty(name, value));
					}
				});
				if (body.length > 0) {
					// Not in streaming mode: before it reuses a kept-alive connection for
					// a
					// streamed POST, the JDK waits 1 ms on a read to see whether the
					// server
					// closed it, on every miss. A buffered body is sent again on a new
					// connection instead when a kept-alive one turns out closed (an
					// introspection may be repeated), and goes with its Content-Length.
					connection.setDoOutput(true);
					try (OutputStream out = connection.getOutputStream()) {
						out.write(body);
					}
				}
				int status;
				try {
					status = connection.getResponseCode();
				}
				catch (java.net.HttpRetryException ex) {
					// a 401 with a challenge that the connection could not answer: the
					// status is all there is
					connection.disconnect();
					return new Response(ex.responseCode(), Map.of(), new byte[0]);
				}
				InputStream in = (status >= 400) ? connection.getErrorStream() : connection.getInputStream();
				byte[] answer = (in != null) ? read(in, deadline, timeout) : new byte[0];
				if (answer.length >= UrlConnectionIntrospectionRequestFactory.this.readLimit) {
					// the rest is never read: the connection cannot be used again
					connection.disconnect();
				}
				else if (in != null) {
					// read to its end and closed: the connection goes back to the JDK's
					// keep-alive cache
					in.close();
				}
				return new Response(status, connection.getHeaderFields(), answer);
			}
			catch (IOException ex) {
				connection.disconnect();
				throw (ex instanceof java.net.SocketTimeoutException)
						? new HttpTimeoutException("no complete answer within " + timeout) : ex;
			}
		}

	}

	private static final class Response implements ClientHttpResponse {

		private final int status;

		private final HttpHeaders headers = new HttpHeaders();

		private final byte[] body;

		Response(int status, Map<String, List<String>> headers, byte[] body) {
			this.status = status;
			this.body = body;
			headers.forEach((name, values) -> {
				// the status line comes under the null name
				if (name != null) {
					this.headers.addAll(name, values);
				}
			});
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.status);
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
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
		}

	}

}
