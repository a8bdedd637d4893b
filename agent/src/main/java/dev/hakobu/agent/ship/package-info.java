/**
 * From parsed lines to acknowledged chunks and committed positions.
 *
 * <p>Contract: {@link dev.hakobu.agent.ship.Positions} commits a file offset only when every chunk sent
 * up to and including the one holding that offset has been acknowledged, in send order; the position
 * file is replaced atomically (write, fsync, rename, fsync the directory). A crash therefore re-reads at
 * most the unacknowledged lines and never skips any.
 */
package dev.hakobu.agent.ship;
