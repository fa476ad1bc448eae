package io.berth.server.applications;

/** Whether an application is deployed, being uninstalled, or uninstalled with its history kept. */
public enum ApplicationState {
    Active, Deleting, Deleted
}
