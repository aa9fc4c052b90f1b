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

/**
 * Several identity providers side by side: each request is served by one of them, chosen
 * by its path, a header or the unverified issuer of a JWT-shaped token, through Spring
 * Security's {@code AuthenticationManagerResolver}.
 */
@NullMarked
package io.github.introspection.provider;

import org.jspecify.annotations.NullMarked;
