/** Hakobu's shared core: what both the agent and the aggregator need. Subpackages hold one concept each. */
package dev.hakobu.core;
