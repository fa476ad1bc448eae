package io.berth.template.internal.helm.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the worker's class path is found: directories, jars on disk, and jars inside berth.jar. */
class CodeLocationTest {

    private static final String WORKER = "io/berth/template/internal/helm/worker/HelmWorkerMain.class";

    @Test
    void aClassInADirectoryGivesTheDirectory() throws Exception {
        URL url = new URL("file:/work/template-store/target/classes/" + WORKER);

        assertThat(CodeLocation.of(url, WORKER))
                .isEqualTo(new CodeLocation.Directory(Path.of("/work/template-store/target/classes")));
    }

    @Test
    void aClassInAJarOnDiskGivesTheJar() throws Exception {
        URL url = new URL("jar:file:/root/.m2/repository/net/java/dev/jna/jna-jpms/5.15.0/jna-jpms-5.15.0.jar!/com/sun/jna/Native.class");

        assertThat(CodeLocation.of(url, "com/sun/jna/Native.class")).isEqualTo(new CodeLocation.LocalJar(
                Path.of("/root/.m2/repository/net/java/dev/jna/jna-jpms/5.15.0/jna-jpms-5.15.0.jar")));
    }

    @Test
    void aClassInAJarInsideBerthsJarGivesTheNestedJarToCopyOut() throws Exception {
        // as Spring Boot's launcher gives it for berth.jar (its "nested:" handler is not registered here)
        URL url = new URL(null, "jar:nested:/app/berth.jar/!BOOT-INF/lib/helm-java-0.0.15.jar!/com/marcnuri/helm/TemplateCommand.class",
                new NoHandler());

        assertThat(CodeLocation.of(url, "com/marcnuri/helm/TemplateCommand.class")).isEqualTo(new CodeLocation.NestedJar(
                "nested:/app/berth.jar/!BOOT-INF/lib/helm-java-0.0.15.jar", "helm-java-0.0.15.jar"));
    }

    @Test
    void thePlatformsNativeLibraryIsPreferred() {
        CodeLocation arm = new CodeLocation.LocalJar(Path.of("/m2/linux-arm64-0.0.15.jar"));
        CodeLocation amd = new CodeLocation.LocalJar(Path.of("/m2/linux-amd64-0.0.15.jar"));
        String arch = System.getProperty("os.arch");
        CodeLocation expected = arch.equals("aarch64") || arch.equals("arm64") ? arm : amd;

        assertThat(HelmRuntime.platformProvider(List.of(arm, amd))).isEqualTo(expected);
        assertThat(HelmRuntime.platformProvider(List.of(amd, arm))).isEqualTo(expected);
    }

    @Test
    void theWorkersMainClassIsNamedRight() {
        assertThat(HelmRuntime.WORKER_MAIN)
                .isEqualTo(io.berth.template.internal.helm.worker.HelmWorkerMain.class.getName());
    }

    @Test
    void otherLocationsCannotBeOnAClassPath() throws Exception {
        URL url = new URL(null, "jrt:/java.base/java/lang/String.class", new NoHandler());

        assertThatThrownBy(() -> CodeLocation.of(url, "java/lang/String.class"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class NoHandler extends java.net.URLStreamHandler {
        @Override
        protected java.net.URLConnection openConnection(URL url) {
            throw new UnsupportedOperationException("not opened in this test");
        }
    }
}
