/** Small building blocks shared by the parsers, the forward protocol and the outputs: the msgpack entries format, event time, chunk ids. */
package dev.hakobu.event;
