package dev.signalbox.pdata;

/** One quantile of a summary data point. */
public record ValueAtQuantile(double quantile, double value) {}
