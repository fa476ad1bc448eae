package io.berth.cluster;

/** What Berth last learned about a cluster by probing it. */
public enum ClusterStatus {
    /** Registered but never probed. */
    Pending,
    /** The API server answered the version and node queries. */
    Ready,
    /**
     * Connection refused, name not resolved, time-out, or the server failed to answer sensibly; also when Berth
     * refused to connect because the address is in a denied network (the reason says so).
     */
    Unreachable,
    /** The API server refused the credentials (401 or 403). */
    Unauthorized,
    /** The TLS handshake failed: the certificate does not match the CA or the host name. */
    TLSError
}
