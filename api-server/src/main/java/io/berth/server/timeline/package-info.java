/**
 * The timeline: what happened to applications and clusters (operations and their steps, revisions,
 * scale, health, sync and drift transitions, clusters lost and regained), read from Postgres, where
 * triggers write it in commit order (see {@code V8__timeline.sql}), and the live stream of it.
 */
package io.berth.server.timeline;
