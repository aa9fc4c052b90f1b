package io.github.introspection.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A {@link RequestRejectedHandler} that answers a request Spring Security's firewall
 * rejects (control characters in a header, an encoded path traversal…) with a 400 and an
 * {@code application/problem+json} body, like every other error of the starter.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		ProblemDetailWriter.write(request, response, HttpStatus.BAD_REQUEST, "The request was rejected as malformed");
	}

}
