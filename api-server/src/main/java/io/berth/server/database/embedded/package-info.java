/**
 * The embedded PostgreSQL: a real server from bundled binaries, run by Berth as a child process on
 * its own data directory, durable (fsync, synchronous commit) and closed (SCRAM password, loopback
 * only, no Unix socket) by default. It goes away with Berth: a watchdog shell stops it when Berth's
 * end of a pipe closes, and a start that finds a server left behind on its own data directory stops it
 * before starting a new one. Nothing here is Spring-specific; {@code database} wires it.
 */
package io.berth.server.database.embedded;
