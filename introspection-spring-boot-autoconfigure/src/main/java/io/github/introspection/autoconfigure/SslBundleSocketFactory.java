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

package io.github.introspection.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * The TLS sockets of an SSL bundle: its context (trust, client key) and its options
 * (enabled protocols and cipher suites) on every socket, which a bare
 * {@code SSLContext.getSocketFactory()} would leave out.
 */
final class SslBundleSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	private final SslOptions options;

	private SslBundleSocketFactory(SSLSocketFactory delegate, SslOptions options) {
		this.delegate = delegate;
		this.options = options;
	}

	static SSLSocketFactory of(SslBundle bundle) {
		SSLSocketFactory sockets = bundle.createSslContext().getSocketFactory();
		SslOptions options = bundle.getOptions();
		return (options == null || !options.isSpecified()) ? sockets : new SslBundleSocketFactory(sockets, options);
	}

	private Socket configure(Socket socket) {
		if (socket instanceof SSLSocket ssl) {
			if (this.options.getEnabledProtocols() != null) {
				ssl.setEnabledProtocols(this.options.getEnabledProtocols());
			}
			if (this.options.getCiphers() != null) {
				ssl.setEnabledCipherSuites(this.options.getCiphers());
			}
		}
		return socket;
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return (this.options.getCiphers() != null) ? this.options.getCiphers().clone()
				: this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket() throws IOException {
		return configure(this.delegate.createSocket());
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return configure(this.delegate.createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return configure(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return configure(this.delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return configure(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return configure(this.delegate.createSocket(address, port, localAddress, localPort));
	}

}
