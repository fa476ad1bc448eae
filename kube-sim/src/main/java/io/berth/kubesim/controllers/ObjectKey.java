package io.berth.kubesim.controllers;

/** Which object a controller should look at: its resource (plural), namespace and name. */
public record ObjectKey(String resource, String namespace, String name) {
}
