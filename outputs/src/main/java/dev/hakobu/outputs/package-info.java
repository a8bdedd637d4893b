/** Hakobu's sinks, one package each. Each implements {@link dev.hakobu.core.output.Output}. */
package dev.hakobu.outputs;
