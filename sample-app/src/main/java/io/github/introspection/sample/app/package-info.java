/**
 * The sample app's own components: its endpoints and method security. The demo IdP
 * lives in {@code io.github.introspection.sample.demoidp}, outside this component scan.
 */
package io.github.introspection.sample.app;
