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

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Interner;
import io.github.introspection.claims.ClaimPath;
import io.github.introspection.claims.ClaimValues;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Maps the values of one claim to granted authorities: a string claim is split (on spaces
 * unless a separator is given), an array claim gives one authority per element, and each
 * value gets a prefix. So {@code scope} with prefix {@code SCOPE_} gives
 * {@code SCOPE_orders:read}, and Keycloak's {@code realm_access.roles} with prefix
 * {@code ROLE_} gives {@code ROLE_orders-reader}.
 */
public final class ClaimAuthorityMapping {

	private static final Interner<GrantedAuthority> AUTHORITIES = Interner.newWeakInterner();

	private final ClaimPath claim;

	private final String prefix;

	private final @Nullable String separator;

	private ClaimAuthorityMapping(ClaimPath claim, String prefix, @Nullable String separator) {
		this.claim = claim;
		this.prefix = prefix;
		this.separator = separator;
	}

	/**
	 * Creates a mapping.
	 * @param claim the claim path, such as {@code scope} or {@code realm_access.roles}
	 * @param prefix the prefix of every authority
	 * @param separator the separator of a string claim, or {@code null} for whitespace
	 * @return the mapping
	 */
	public static ClaimAuthorityMapping of(String claim, String prefix, @Nullable String separator) {
		Assert.notNull(prefix, "prefix cannot be null");
		return new ClaimAuthorityMapping(ClaimPath.parse(claim), prefix,
				StringUtils.hasLength(separator) ? separator : null);
	}

	/**
	 * Adds the authorities this mapping finds in the claims.
	 * @param claims the token's claims
	 * @param authorities where to add them
	 */
	public void addAuthorities(Map<String, ?> claims, Collection<GrantedAuthority> authorities) {
		Object value = this.claim.resolve(claims);
		if (value instanceof String text) {
			for (String part : split(text)) {
				authorities.add(authority(this.prefix + part));
			}
		}
		else if (value instanceof List<?> list) {
			for (Object element : list) {
				String text = ClaimValues.toScalarText(element);
				if (StringUtils.hasText(text)) {
					authorities.add(authority(this.prefix + text));
				}
			}
		}
	}

	// The same few authorities recur in every cached authentication: share them.
	private static GrantedAuthority authority(String name) {
		return AUTHORITIES.intern(new SimpleGrantedAuthority(name));
	}

	private String[] split(String text) {
		String[] parts = (this.separator != null) ? StringUtils.delimitedListToStringArray(text, this.separator)
				: StringUtils.tokenizeToStringArray(text, " \t\n\r");
		return Arrays.stream(parts).map(String::trim).filter(StringUtils::hasText).toArray(String[]::new);
	}

	@Override
	public String toString() {
		return "ClaimAuthorityMapping [claim=" + this.claim + ", prefix=" + this.prefix + "]";
	}

}
