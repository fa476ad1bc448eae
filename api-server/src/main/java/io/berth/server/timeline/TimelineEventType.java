package io.berth.server.timeline;

/** The kinds of events on the timeline; written by the database triggers of {@code V8__timeline.sql}. */
public enum TimelineEventType {
    OperationRequested, OperationStarted, OperationEnded, Scaled,
    StepStarted, StepAttemptFailed, StepEnded,
    RevisionCreated,
    HealthChanged, SyncChanged, DriftDetected, DriftResolved,
    ClusterLost, ClusterRegained, ClusterStatusChanged,
    BackupStarted, BackupSucceeded, BackupFailed, BackupPruned
}
