/**
 * Health checks and counters of outputs ({@link dev.hakobu.outputs.telemetry.InstrumentedOutput}), with the
 * module's metric names in {@link dev.hakobu.outputs.telemetry.OutputMetricNames}.
 */
package dev.hakobu.outputs.telemetry;
