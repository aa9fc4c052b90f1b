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

package io.github.introspection.error;

import java.io.IOException;

import io.github.introspection.authorization.InvalidClaimsRuleException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request whose authorization expression gave the {@code claims} bean a rule
 * that does not parse ({@link InvalidClaimsRuleException}) with a 500
 * {@code application/problem+json}, and logs one line without a stack trace. Neither the
 * body nor the log line holds the rule or the text around the error: a rule built at run
 * time may hold request data. Ordered last, so that an application's own
 * {@code @ExceptionHandler} still comes first.
 */
public final class InvalidClaimsRuleExceptionResolver implements HandlerExceptionResolver, Ordered {

	private static final Log logger = LogFactory.getLog(InvalidClaimsRuleExceptionResolver.class);

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		InvalidClaimsRuleException invalid = find(ex);
		if (invalid == null) {
			return null;
		}
		if (logger.isErrorEnabled()) {
			logger.error("A claims rule given to the claims bean at run time does not parse (at position "
					+ invalid.getPosition() + " of " + invalid.getRule().length() + " characters); " + describe(handler)
					+ " answered 500");
		}
		try {
			ProblemDetailWriter.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR,
					"The authorization rule of this resource is not valid");
		}
		catch (IOException writeFailure) {
			// the client went away: nothing left to tell it
		}
		return new ModelAndView();
	}

	private static @Nullable InvalidClaimsRuleException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidClaimsRuleException invalid) {
				return invalid;
			}
		}
		return null;
	}

	private static String describe(@Nullable Object handler) {
		return (handler instanceof HandlerMethod method) ? method.getShortLogMessage() : "the request";
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
