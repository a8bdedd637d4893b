/** Small msgpack building blocks shared by the parsers, the forward protocol and the outputs. */
package dev.hakobu.event;
