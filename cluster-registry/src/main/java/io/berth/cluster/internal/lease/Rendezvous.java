package io.berth.cluster.internal.lease;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rendezvous (highest random weight) hashing: a cluster goes to the replica whose hash with it is
 * highest. Every replica computes the same answer from the same list of live replicas, with no
 * coordination, and a replica joining or leaving moves only the clusters it gains or held: about
 * 1/n of them, where a hash modulo n would move most.
 */
final class Rendezvous {

    private Rendezvous() {
    }

    /** The replica among {@code replicas} that the cluster goes to; null when there is none. */
    static String owner(String cluster, Collection<String> replicas) {
        String best = null;
        long bestWeight = 0;
        for (String replica : replicas) {
            long weight = weight(replica, cluster);
            // ties (practically never) go to the smaller name, so that every replica breaks them alike
            if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
                    || (weight == bestWeight && replica.compareTo(best) < 0)) {
                best = replica;
                bestWeight = weight;
            }
        }
        return best;
    }

    /** A 64-bit FNV-1a hash of both names, finished with a mixer so that near names spread well. */
    static long weight(String replica, String cluster) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (replica + '\u0000' + cluster).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
