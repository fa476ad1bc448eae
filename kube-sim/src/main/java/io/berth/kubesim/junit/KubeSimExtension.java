package io.berth.kubesim.junit;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs a {@link KubeSim} for a test class, as configured by {@link SimulatedClusters} on it (or with
 * its defaults when the extension is registered without the annotation).
 *
 * <p>One KubeSim per test class: started before the first test (or when the first test instance
 * needs it), kept in the class's extension store and closed with it after the class's last test.
 * A {@code @Nested} class shares its enclosing class's clusters unless it carries its own
 * {@link SimulatedClusters}.
 *
 * <p>It resolves parameters of test methods, lifecycle methods and constructors typed
 * {@code KubeSim}, {@code List<SimulatedCluster>} or {@code SimulatedCluster} (the first cluster), and
 * fills non-final fields of those types: static ones before all tests, instance ones when the test
 * instance is created.
 */
public final class KubeSimExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KubeSimExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        KubeSim sim = kubeSim(context);
        Class<?> testClass = context.getRequiredTestClass();
        for (Field field : fields(testClass, ModifierSupport::isStatic)) {
            inject(field, null, sim);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        KubeSim sim = kubeSim(context);
        for (Field field : fields(testInstance.getClass(), ModifierSupport::isNotStatic)) {
            inject(field, testInstance, sim);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return kindOf(parameter.getParameter().getParameterizedType()) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Kind kind = kindOf(parameter.getParameter().getParameterizedType());
        if (kind == null) {
            throw new ParameterResolutionException("kube-sim cannot provide " + parameter.getParameter());
        }
        return kind.valueFrom(kubeSim(context));
    }

    /**
     * The KubeSim of the test class the context belongs to: the nearest class (this one or an enclosing
     * one, for {@code @Nested} classes) carrying {@link SimulatedClusters} owns it, or the outermost
     * class when none does.
     */
    static KubeSim kubeSim(ExtensionContext context) {
        ExtensionContext owner = ownerOf(context);
        SimulatedClusters config = owner.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, SimulatedClusters.class)).orElse(null);
        // keyed by the owner, as a store lookup also finds the values of the enclosing classes' stores
        return owner.getStore(NAMESPACE).computeIfAbsent(owner.getUniqueId(), key -> start(config), KubeSim.class);
    }

    private static ExtensionContext ownerOf(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() || classContext.getTestClass().isEmpty()) {
            Optional<ExtensionContext> parent = classContext.getParent();
            if (parent.isEmpty()) {
                throw new ExtensionConfigurationException("kube-sim needs a test class");
            }
            classContext = parent.get();
        }
        ExtensionContext outermost = classContext;
        for (ExtensionContext c = classContext; c.getTestClass().isPresent(); c = c.getParent().orElseThrow()) {
            if (AnnotationSupport.isAnnotated(c.getTestClass().get(), SimulatedClusters.class)) {
                return c;
            }
            outermost = c;
        }
        return outermost;
    }

    private static KubeSim start(SimulatedClusters config) {
        int count = config == null ? 1 : config.count();
        long delay = config == null ? 200 : config.readinessDelayMillis();
        long backOff = config == null ? 10_000 : config.crashLoopBackOffMillis();
        if (count < 1) {
            throw new ExtensionConfigurationException("@SimulatedClusters needs a count of at least 1");
        }
        KubeSim sim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(Duration.ofMillis(delay))
                .withCrashLoopBackOff(Duration.ofMillis(backOff)));
        try {
            for (int i = 0; i < count; i++) {
                sim.startCluster();
            }
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    private static List<Field> fields(Class<?> type, Predicate<Field> scope) {
        return ReflectionSupport.findFields(type,
                f -> scope.test(f) && !ModifierSupport.isFinal(f) && kindOf(f.getGenericType()) != null,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void inject(Field field, Object target, KubeSim sim) throws IllegalAccessException {
        field.setAccessible(true);
        field.set(target, kindOf(field.getGenericType()).valueFrom(sim));
    }

    private static Kind kindOf(Type type) {
        if (type == KubeSim.class) {
            return Kind.SIM;
        }
        if (type == SimulatedCluster.class) {
            return Kind.FIRST_CLUSTER;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == SimulatedCluster.class) {
            return Kind.ALL_CLUSTERS;
        }
        return null;
    }

    private enum Kind {
        SIM, FIRST_CLUSTER, ALL_CLUSTERS;

        Object valueFrom(KubeSim sim) {
            return switch (this) {
                case SIM -> sim;
                case FIRST_CLUSTER -> sim.clusters().get(0);
                case ALL_CLUSTERS -> sim.clusters();
            };
        }
    }

}
