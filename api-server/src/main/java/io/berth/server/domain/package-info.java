/**
 * The words every feature refuses a request with, so that no feature speaks HTTP: something named
 * does not exist ({@link io.berth.server.domain.NotFoundException}), the request conflicts with the
 * current state ({@link io.berth.server.domain.ConflictException}, with its kinds
 * {@link io.berth.server.domain.AlreadyExistsException} and
 * {@link io.berth.server.domain.OperationUnderWayException}), the caller's copy is out of date
 * ({@link io.berth.server.domain.ChangedSinceReadException}), or fields of the request are wrong
 * ({@link io.berth.server.domain.InvalidRequestException} with its
 * {@link io.berth.server.domain.Violation}s). Each feature names its own exceptions after these; the
 * web layer alone turns each kind into a problem type and status. A kind's message is the problem's
 * detail, written for people.
 *
 * <p>This package depends on no other package of the application, so features and the web layer can
 * all use it without a cycle between them.
 */
package io.berth.server.domain;
