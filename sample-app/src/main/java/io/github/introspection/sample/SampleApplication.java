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

package io.github.introspection.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app: a resource server whose tokens are checked by OAuth 2.0 Token
 * Introspection. {@link #main} first starts the embedded demo authorization server
 * (package {@code demoidp}, port {@code demo-idp.port}, default 9000) unless
 * {@code demo-idp.enabled=false}, then the app (port 8080).
 * <p>
 * The component scan covers {@code io.github.introspection.sample.app} only, so the demo
 * IdP's configuration stays out of the app's context; the Authorization Server
 * auto-configuration (on the classpath for the demo IdP) is excluded from it as well.
 */
@SpringBootApplication(scanBasePackages = "io.github.introspection.sample.app", exclude = {
		OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class })
public class SampleApplication {

	public static void main(String[] args) {
		run(args);
	}

	/**
	 * Starts the demo IdP (unless {@code demo-idp.enabled=false}), then the app.
	 * @param args command-line arguments, such as {@code --demo-idp.enabled=false}
	 * @return the app's context; closing it stops the demo IdP too
	 */
	public static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addListeners(new DemoIdpLauncher());
		return application.run(args);
	}

}
