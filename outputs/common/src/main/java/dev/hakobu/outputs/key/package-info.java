/**
 * Object keys and file paths for outputs: a pure function of tag, node, chunk id and the event time,
 * so a retried or replayed chunk lands on the same key and never becomes a second object.
 */
package dev.hakobu.outputs.key;
