package io.berth.template.internal.helm.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.marcnuri.helm.LintCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.VersionCommand;
import com.marcnuri.helm.jni.HelmLib;

/**
 * The requests a worker serves, each answered with a status word first:
 * <ul>
 * <li>{@code ["template", chart, release, namespace, values file]}: {@code ["ok", manifests]}
 * (hooks and tests are not part of them);</li>
 * <li>{@code ["lint", chart]} with the chart's own values: {@code ["ok", "failed"|"passed",
 * line...]}, Helm's report line by line;</li>
 * <li>{@code ["helm-error", message]} when Helm refuses the chart or the values (Helm's words), and
 * {@code ["worker-error", message]} when the worker itself failed or the request is unknown.</li>
 * </ul>
 *
 * <p>helm-java's commands are built on a library this worker loaded from a file given by Berth, not
 * through {@code Helm}'s own loader, which would copy the 90 MB library into the temporary directory
 * on every start (and fetch one from Maven Central when none is on the class path).
 */
final class HelmCalls {

    static final String READY = "ready";
    static final String OK = "ok";
    static final String HELM_ERROR = "helm-error";
    static final String WORKER_ERROR = "worker-error";

    private final HelmLib lib;

    HelmCalls(HelmLib lib) {
        this.lib = lib;
    }

    String version() {
        return new VersionCommand(lib).call().strip();
    }

    List<String> call(List<String> request) {
        try {
            String op = request.isEmpty() ? "" : request.get(0);
            if (op.equals("template") && request.size() == 5) {
                return template(Path.of(request.get(1)), request.get(2), request.get(3), Path.of(request.get(4)));
            }
            if (op.equals("lint") && request.size() == 2) {
                return lint(Path.of(request.get(1)));
            }
            return List.of(WORKER_ERROR, "unknown request '" + op + "' with " + request.size() + " fields");
        } catch (IllegalStateException e) {
            // helm-java throws this with Helm's own error message
            return List.of(HELM_ERROR, e.getMessage() == null ? "Helm failed without a message" : e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(WORKER_ERROR, e.toString());
        }
    }

    private List<String> template(Path chart, String release, String namespace, Path values) {
        String output = new TemplateCommand(lib, chart)
                .withName(release)
                .withNamespace(namespace)
                .withValuesFile(values)
                .call();
        if (output == null) {
            return List.of(WORKER_ERROR, "Helm returned neither manifests nor an error");
        }
        return List.of(OK, output);
    }

    private List<String> lint(Path chart) {
        LintResult result = new LintCommand(lib, chart).call();
        List<String> answer = new ArrayList<>();
        answer.add(OK);
        answer.add(result.isFailed() ? "failed" : "passed");
        answer.addAll(result.getMessages());
        return answer;
    }
}
