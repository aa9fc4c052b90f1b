package io.github.introspection.sample.app;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample API. Everything under {@code /api} needs an active token (the starter's
 * filter chain); {@code /public/**} is listed in {@code introspection.public-paths}.
 */
@RestController
class SampleController {

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
	Map<String, Object> me(Authentication authentication, @AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
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

	@GetMapping("/api/dev")
	@PreAuthorize("principal.attributes['group'] == 'dev'")
	String dev(Authentication authentication) {
		return "hello, developer " + authentication.getName();
	}

	@GetMapping("/api/admin")
	@PreAuthorize("principal.attributes['group'] == 'admin'")
	String admin(Authentication authentication) {
		return "hello, administrator " + authentication.getName();
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

}
