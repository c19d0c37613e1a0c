/** Config primitives shared by every component's config record. */
package dev.signalbox.config;
