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

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code introspection.backchannel-logout.*} once validated, with the audiences resolved.
 *
 * @param issuer the accepted issuer
 * @param jwkSetUri the identity provider's key set
 * @param audiences the accepted audiences, never empty
 * @param algorithms the accepted JWS algorithm names, never empty
 * @param maxAge the oldest logout token accepted
 */
record BackchannelLogoutSettings(String issuer, URI jwkSetUri, List<String> audiences, List<String> algorithms,
		Duration maxAge) {

}
