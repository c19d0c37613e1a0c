/**
 * The {@code health_check} extension: an HTTP endpoint (default {@code localhost:13133}, path
 * {@code /}) answering 200 while every pipeline is healthy and 503 otherwise, with a JSON body
 * naming the failing pipeline and component. A pipeline is failing when one of its components
 * reports a permanent error, or a recoverable one (e.g. an unreachable backend) for longer than
 * {@code component_health.recovery_duration} (5m).
 */
package dev.signalbox.extension.healthcheck;
