package dev.signalbox.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Embeds a nested config record's keys at the level of its parent, like the Collector's
 * {@code mapstructure:",squash"} (e.g. an exporter's {@code endpoint} and {@code tls} come from its
 * client config).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Squash {}
