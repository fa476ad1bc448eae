/**
 * The live stream of the timeline as Server-Sent Events: each Berth instance follows the timeline
 * table (woken by Postgres LISTEN/NOTIFY, polling as a fallback) and hands each new event to its
 * subscribers, each with a bounded buffer and its own sender, so that no reader slows another.
 */
package io.berth.server.stream;
