/**
 * Durable operations: asynchronous work on clusters recorded in Postgres step by step. The
 * {@link io.berth.server.operations.OperationRunner} claims operations with a lease (so instances
 * sharing a database never run one twice, and a crashed instance's work resumes), runs each target's
 * step with retries ({@link io.berth.server.operations.RetryPolicy}) and records the end. What a step
 * does is the application feature's business ({@link io.berth.server.operations.StepWork}).
 */
package io.berth.server.operations;
