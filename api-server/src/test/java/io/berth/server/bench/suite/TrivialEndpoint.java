package io.berth.server.bench.suite;

import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The floor of the read benchmark: an API request that does nothing but what every API request does
 * (the servlet filters, the bearer token checked, the role {@code /api/v1/**} requires, a small JSON
 * answer). Registered by the benchmark, on its own Berth only: it is no component, so that no scan of
 * Berth's packages (the tests' context among them) ever finds it.
 */
final class TrivialEndpoint {

    static final String PATH = "/api/v1/bench/floor";

    /** Maps {@code GET} {@value #PATH} in the running Berth. */
    static void register(ApplicationContext berth) throws NoSuchMethodException {
        Method floor = TrivialEndpoint.class.getDeclaredMethod("floor");
        berth.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .registerMapping(RequestMappingInfo.paths(PATH).methods(RequestMethod.GET).build(), new TrivialEndpoint(), floor);
    }

    @ResponseBody
    Map<String, String> floor() {
        return Map.of("floor", "ok");
    }
}
