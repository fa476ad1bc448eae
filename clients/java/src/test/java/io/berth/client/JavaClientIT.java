package io.berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.client.api.ApplicationResourcesApi;
import io.berth.client.api.ApplicationsApi;
import io.berth.client.api.OperationsApi;
import io.berth.client.api.TemplateSetsApi;
import io.berth.client.model.ApplicationResources;
import io.berth.client.model.Cluster;
import io.berth.client.model.CreateApplication;
import io.berth.client.model.Operation;
import io.berth.client.model.PodView;
import io.berth.client.model.Problem;
import io.berth.client.model.ResourceView;
import io.berth.client.model.ScaleApplication;
import io.berth.client.model.SeedReport;
import io.berth.client.model.TargetBody;
import io.berth.client.model.TargetResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated from docs/openapi.yaml, driving the walk-through of the README against a
 * running Berth: register clusters, load the example templates, deploy the 3-replica nginx StatefulSet
 * {@code web}, scale it to 5, wait for each operation and read what runs.
 */
class JavaClientIT extends ClientTestBase {

    private static final Set<Operation.StateEnum> ENDED =
            Set.of(Operation.StateEnum.SUCCEEDED, Operation.StateEnum.FAILED, Operation.StateEnum.CANCELLED);

    private ApiClient client;

    @BeforeEach
    void connect() {
        client = javaClient();
    }

    @Test
    void deploysScalesAndReadsTheWebApplication() throws ApiException {
        List<TargetBody> targets = new ArrayList<>();
        for (String prefix : List.of("eu", "us")) {
            Cluster registered = newCluster(prefix);
            assertThat(registered.getStatus()).as(registered.getStatusReason()).isEqualTo(Cluster.StatusEnum.READY);
            targets.add(new TargetBody().cluster(registered.getName()).namespace("shop"));
        }
        SeedReport seeds = new TemplateSetsApi(client).seedTemplateSets();
        List<String> loaded = new ArrayList<>(seeds.getCreated());
        loaded.addAll(seeds.getSkipped());
        assertThat(loaded).contains("nginx-web@1.0.0", "etcd-operator@1.0.0", "etcd-cluster@1.0.0");

        ApplicationsApi applications = new ApplicationsApi(client);
        Operation deploy = applications.deployApplication(new CreateApplication().name("web").templateSet("nginx-web")
                .version("1.0.0").values(Map.of("replicas", 3)).targets(targets).wait(true), UUID.randomUUID().toString());
        assertThat(awaitEnd(deploy).getState()).isEqualTo(Operation.StateEnum.SUCCEEDED);
        assertThat(readyOrdinals("web")).containsExactly(List.of(0, 1, 2), List.of(0, 1, 2));

        Operation scale = applications.scaleApplication("web", new ScaleApplication().replicas(5).wait(true), null);
        assertThat(scale.getType()).isEqualTo(Operation.TypeEnum.SCALE);
        assertThat(awaitEnd(scale).getState()).isEqualTo(Operation.StateEnum.SUCCEEDED);
        assertThat(readyOrdinals("web")).containsExactly(List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3, 4));
    }

    @Test
    void anErrorIsAnApiExceptionCarryingTheProblem() throws Exception {
        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> new ApplicationsApi(client).getApplication("no-such-application"));

        assertThat(missing.getCode()).isEqualTo(404);
        Problem problem = new ObjectMapper().readValue(missing.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("urn:berth:problem:not-found");
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getRequestId()).isNotBlank();
    }

    /** Per target, the ordinals of the ready pods of the StatefulSet web, read live through the resource tree. */
    private List<List<Integer>> readyOrdinals(String application) throws ApiException {
        ApplicationResources resources = new ApplicationResourcesApi(client).getApplicationResources(application, null);
        return resources.getTargets().stream().map(JavaClientIT::readyOrdinals).toList();
    }

    private static List<Integer> readyOrdinals(TargetResources target) {
        assertThat(target.getError()).isNull();
        ResourceView web = target.getObjects().stream()
                .filter(o -> "StatefulSet".equals(o.getKind()) && "web".equals(o.getName())).findFirst().orElseThrow();
        assertThat(web.getHealth()).isEqualTo(ResourceView.HealthEnum.HEALTHY);
        return web.getPods().stream().filter(pod -> Boolean.TRUE.equals(pod.getReady())).map(PodView::getOrdinal).sorted().toList();
    }

    /** Reads the operation until it has ended, as a client of the API must: it is carried out in the background. */
    private Operation awaitEnd(Operation accepted) {
        OperationsApi operations = new OperationsApi(client);
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> operations.getOperation(accepted.getId()), operation -> ENDED.contains(operation.getState()));
    }
}
