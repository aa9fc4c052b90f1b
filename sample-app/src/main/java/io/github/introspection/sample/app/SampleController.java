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

package io.github.introspection.sample.app;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.introspection.authorization.RequireClaims;
import io.github.introspection.web.Claim;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sample API. Everything under {@code /api} needs an active token (the starter's
 * filter chain); {@code /public/**} is listed in {@code introspection.public-paths}.
 * {@code /api/ops/**} is guarded by a per-path claims rule in
 * {@link SecurityConfiguration}; the other checks are on the methods below.
 */
@RestController
class SampleController {

	private final AtomicInteger nextOrder = new AtomicInteger(2001);

	@GetMapping("/public/hello")
	String publicHello() {
		return "hello, world";
	}

	@GetMapping("/api/hello")
	String hello(Authentication authentication) {
		return "hello, " + authentication.getName();
	}

	/**
	 * Who the caller is: the principal's name, its authorities, and every claim of the
	 * introspection answer.
	 */
	@GetMapping("/api/me")
	Map<String, Object> me(Authentication authentication,
			@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("name", authentication.getName());
		me.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		me.put("claims", jsonValue(principal.getAttributes()));
		return me;
	}

	@GetMapping("/api/orders")
	@PreAuthorize("hasAuthority('SCOPE_orders:read')")
	List<Order> orders() {
		return List.of(new Order("o-1001", "coffee beans, 1 kg", 2, "shipped"),
				new Order("o-1002", "espresso machine", 1, "processing"));
	}

	/**
	 * Creates a (fake) order. Needs {@code SCOPE_orders:write}. With the token in a
	 * cookie, the starter accepts this POST only from the app's own origin (or with a
	 * CSRF token): see {@code introspection.token-source.cookie-csrf-protection}.
	 */
	@PostMapping("/api/orders")
	@PreAuthorize("hasAuthority('SCOPE_orders:write')")
	ResponseEntity<Order> createOrder(@RequestBody NewOrder order) {
		if (!StringUtils.hasText(order.item()) || (order.quantity() != null && order.quantity() < 1)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "An order needs an item and a positive quantity");
		}
		int quantity = (order.quantity() != null) ? order.quantity() : 1;
		Order created = new Order("o-" + this.nextOrder.getAndIncrement(), order.item(), quantity, "received");
		return ResponseEntity.created(URI.create("/api/orders/" + created.id())).body(created);
	}

	/**
	 * The claims rule as a meta-annotation: the short form of {@code @claims.matches}.
	 */
	@GetMapping("/api/dev")
	@RequireClaims("Equals(`group`, `dev`)")
	String dev(Authentication authentication) {
		return "hello, developer " + authentication.getName();
	}

	/** The same kind of rule through the {@code claims} bean in a SpEL expression. */
	@GetMapping("/api/admin")
	@PreAuthorize("@claims.matches('Equals(`group`, `admin`)')")
	String admin(Authentication authentication) {
		return "hello, administrator " + authentication.getName();
	}

	/**
	 * The {@code group} claim, injected. It is required: a token without it (such as
	 * {@code sample-app}'s own) gets 403.
	 */
	@GetMapping("/api/group")
	String group(@Claim("group") String group) {
		return group;
	}

	/**
	 * The Keycloak-shaped nested claim {@code realm_access.roles}, injected as a list. It
	 * is optional: a token without it gets an empty list rather than 403.
	 */
	@GetMapping("/api/roles")
	List<String> roles(@Claim(value = "realm_access.roles", required = false) List<String> roles) {
		return (roles != null) ? roles : List.of();
	}

	/**
	 * The {@code X-Auth-*} request headers this controller sees: those of
	 * {@code introspection.forward-headers} carry the token's claims, and a caller cannot
	 * forge them (the starter drops caller-sent headers of those names).
	 */
	@GetMapping("/api/forwarded")
	Map<String, String> forwarded(HttpServletRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			if (name.toLowerCase(Locale.ROOT).startsWith("x-auth-")) {
				headers.put(name, String.join(",", Collections.list(request.getHeaders(name))));
			}
		}
		return headers;
	}

	/**
	 * Guarded by the per-path rule {@code Equals(`group`, `ops`)} on {@code /api/ops/**}
	 * (see {@link SecurityConfiguration}), not by an annotation.
	 */
	@GetMapping("/api/ops/status")
	Map<String, String> opsStatus(Authentication authentication) {
		Map<String, String> status = new LinkedHashMap<>();
		status.put("status", "ok");
		status.put("operator", authentication.getName());
		return status;
	}

	/**
	 * Claims as plain JSON values: instants ({@code exp}, {@code iat}, {@code nbf}) as
	 * epoch seconds, as the IdP sent them; URLs ({@code iss}) as strings.
	 */
	private static Object jsonValue(Object value) {
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		if (value instanceof URL || value instanceof URI) {
			return value.toString();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((key, element) -> converted.put(String.valueOf(key), jsonValue(element)));
			return converted;
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(SampleController::jsonValue).toList();
		}
		return value;
	}

	record Order(String id, String item, int quantity, String status) {
	}

	record NewOrder(String item, Integer quantity) {
	}

}
