/**
 * Tailing: globs (minus excludes) expanded into files, each file read line by line from a byte offset,
 * followed across rotation.
 *
 * <p>Threading: everything here runs on the single reader thread of {@link dev.hakobu.agent.tail.TailReader};
 * no locks. The one exception, {@link dev.hakobu.agent.tail.DirectoryWatch}'s thread, only raises a flag and
 * wakes the reader when a watched directory gets a new entry; the reader then rescans. A line is handed on with the file offset just past its newline, which is what the position
 * store commits once the chunk holding the line is acknowledged.
 *
 * <p>Identity: a file is its device + inode while it exists; two paths with different identities are two
 * files, read and positioned apart, whatever bytes they hold (the same application's log in two directories,
 * the same header and first records). Positions are keyed by identity (not by path), with a
 * {@link dev.hakobu.agent.tail.Fingerprint} of the first KiB stored beside the offset. A saved offset is
 * used only if the file still starts with those bytes and is at least that long. The position of a file
 * gone from disk (no globbed path has its identity in two scans in a row) is forgotten once every chunk
 * with its lines is acknowledged ({@link dev.hakobu.agent.tail.GoneFiles}).
 *
 * <p>Generations: the fingerprint only links a new file to its predecessor in the same directory (by the
 * directory's device + inode). Rename-and-create needs no link (the renamed file keeps its identity and
 * offset); a copytruncate copy is linked to its truncated original ({@link dev.hakobu.agent.tail.Truncation},
 * {@link dev.hakobu.agent.tail.Copies}).
 *
 * <p>Rotation: rename-and-create (the old file is read on until idle for {@code rotate_wait}, the new one
 * from 0), copytruncate (truncation restarts at 0; a copy beside the original matched by the globs is
 * recognised by its fingerprint and read on from where the original was), deletion (read to the end, then
 * closed). Guarantee under copytruncate: lines written between the copy and the truncation exist in neither
 * file and are lost; that is the nature of copytruncate, not of the agent. Prefer rename-and-create.
 *
 * <p>Hard input: lines longer than {@code max_line_bytes} are truncated (flagged {@code _truncated}) or
 * skipped without buffering them; a last line without a newline is sent after {@code partial_line_wait}.
 */
package dev.hakobu.agent.tail;
