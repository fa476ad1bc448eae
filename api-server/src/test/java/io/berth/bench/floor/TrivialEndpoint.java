package io.berth.bench.floor;

import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor of the read benchmark: an API request that does nothing but what every request does (the
 * servlet filters, the bearer token checked and its role, a small JSON answer). Only the benchmark
 * registers it; it lives outside {@code io.berth.server} so that no component scan of Berth finds it.
 */
@RestController
public class TrivialEndpoint {

    public static final String PATH = "/api/v1/bench/floor";

    @GetMapping(PATH)
    @PreAuthorize("hasRole('VIEWER')")
    Map<String, String> floor() {
        return Map.of("floor", "ok");
    }
}
