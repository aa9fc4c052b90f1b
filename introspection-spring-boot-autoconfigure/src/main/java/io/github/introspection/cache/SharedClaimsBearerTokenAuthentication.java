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
package io.github.introspection.cache;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;

/**
 * A {@link BearerTokenAuthentication} whose token attributes are its principal's claims
 * themselves: Spring Security's class copies every claim into a new map, which for an
 * authentication kept as long as its cached answer doubles the memory the answer holds.
 * The claims of a cached principal are read-only, so sharing them changes nothing a
 * caller can observe: {@link #getPrincipal()}, {@link #getName()},
 * {@link #getTokenAttributes()}, {@link #toBuilder()}, {@code equals} and
 * {@code hashCode} answer as Spring's class does.
 */
final class SharedClaimsBearerTokenAuthentication extends BearerTokenAuthentication {

	@Serial
	private static final long serialVersionUID = 1L;

	private final OAuth2AuthenticatedPrincipal principal;

	SharedClaimsBearerTokenAuthentication(OAuth2AuthenticatedPrincipal principal, OAuth2AccessToken token,
			Collection<? extends GrantedAuthority> authorities) {
		// Spring's constructor copies the attributes of the principal it is given: give
		// it one without any, and answer with the real one.
		super(NoClaims.INSTANCE, token, authorities);
		this.principal = principal;
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public Map<String, Object> getTokenAttributes() {
		return this.principal.getAttributes();
	}

	private static final class NoClaims implements OAuth2AuthenticatedPrincipal, Serializable {

		static final NoClaims INSTANCE = new NoClaims();

		@Serial
		private static final long serialVersionUID = 1L;

		@Override
		public Map<String, Object> getAttributes() {
			return Map.of();
		}

		@Override
		public Collection<? extends GrantedAuthority> getAuthorities() {
			return List.of();
		}

		@Override
		public String getName() {
			return "";
		}

		@Serial
		private Object readResolve() {
			return INSTANCE;
		}

	}

}
