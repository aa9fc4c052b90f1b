package io.github.introspection.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.web.client.RestClient;

/**
 * Builds introspection clients against a {@link MockWebServer} the way the
 * auto-configuration does: Boot's JDK request factory, timeouts, no redirects, HTTP/1.1.
 */
final class IdpClients {

	static final Duration TIMEOUT = Duration.ofMillis(300);

	private IdpClients() {
	}

	static RestClient restClient(Duration timeout) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(timeout, timeout)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		return RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
				.build(settings))
			.build();
	}

	static IntrospectionClient.Builder builder(MockWebServer idp) {
		return builder(idp.url("/oauth2/introspect").uri());
	}

	static IntrospectionClient.Builder builder(URI endpoint) {
		return IntrospectionClient.builder(restClient(TIMEOUT), endpoint).retryDelay(Duration.ofMillis(1));
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
	}

	static MockResponse status(int code) {
		return new MockResponse.Builder().code(code).build();
	}

}
