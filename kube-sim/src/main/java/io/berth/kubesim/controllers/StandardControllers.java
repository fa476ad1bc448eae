package io.berth.kubesim.controllers;

import java.util.ArrayList;
import java.util.List;

/** The controllers every simulated cluster runs. */
public final class StandardControllers {

    private StandardControllers() {
    }

    public static List<Controller> create(SimContext context) {
        List<Controller> controllers = new ArrayList<>();
        controllers.add(new PodLifecycle(context));
        controllers.add(new NodeController(context));
        controllers.add(new StatefulSetController(context));
        controllers.add(new DeploymentController(context));
        controllers.add(new EtcdOperator(context));
        controllers.add(new EtcdBackupOperator(context));
        controllers.add(new EtcdRestoreOperator(context));
        controllers.add(new CustomResourceDefinitionController(context));
        return controllers;
    }
}
