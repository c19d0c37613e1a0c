package dev.signalbox.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A nested block that is enabled by writing its key, as the Collector's {@code configoptional}:
 * absent from the user's config, the record component is bound to null; present (even with no
 * value, as in {@code protocols: {grpc: }}), it is the default config's value with the user's keys
 * bound over it. The default config holds the value used when present.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Presence {}
