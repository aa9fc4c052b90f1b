/**
 * The sample app's own components (controllers, configuration). The demo IdP lives in
 * {@code io.github.introspection.sample.demoidp}, outside this component scan.
 */
package io.github.introspection.sample.app;
