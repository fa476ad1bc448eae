package io.berth.server.demo;

/**
 * The demo's S3-compatible object store, with one bucket for backups. {@link #toString()} leaves the keys out.
 *
 * @param endpoint  its URL (HTTP on a loopback port chosen at start; path-style addressing)
 * @param bucket    the bucket made for backups
 */
public record SimulatedObjectStore(String endpoint, String bucket, String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "SimulatedObjectStore[endpoint=" + endpoint + ", bucket=" + bucket + "]";
    }
}
