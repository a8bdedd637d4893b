/**
 * Tailing: globs expanded into files, each file read line by line from a byte offset.
 *
 * <p>Threading: everything here runs on the single reader thread of {@link dev.hakobu.agent.tail.TailReader};
 * no locks. A line is handed on with the file offset just past its newline, which is what the position
 * store commits once the chunk holding the line is acknowledged. A final line without a newline is not
 * handed on until its newline arrives.
 */
package dev.hakobu.agent.tail;
