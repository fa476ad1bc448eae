package io.berth.template.helm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.berth.template.BuiltIns;
import io.berth.template.HelmContent;

/**
 * Charts for the Helm tests, built in memory: the nginx {@code web} StatefulSet with its headless
 * Service as a chart, and a small tar writer (ustar with PAX names) that can also write the entries
 * a chart must never hold.
 */
/** Helm charts built in memory, for the template store's tests and (through the test jar) the API's. */
public final class TestCharts {

    public static final BuiltIns BUILT_INS = new BuiltIns("shop", "team-a", "eu-1", Map.of("region", "eu-west"));

    public static final String CHART_YAML = """
            apiVersion: v2
            name: web
            description: nginx behind a headless Service, one volume per replica
            version: 0.1.0
            appVersion: "1.27"
            """;

    public static final String VALUES_YAML = """
            replicas: 3
            image: nginx:1.27
            storageSize: 1Gi
            storageClassName: standard
            """;

    public static final String VALUES_SCHEMA = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "properties": {
                "replicas": { "type": "integer", "minimum": 0 },
                "image": { "type": "string", "minLength": 1 },
                "storageSize": { "type": "string", "pattern": "^[1-9][0-9]*(Ki|Mi|Gi|Ti)$" },
                "storageClassName": { "type": "string" }
              },
              "additionalProperties": false
            }
            """;

    public static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ .Release.Name }}-nginx
              namespace: {{ .Release.Namespace }}
              labels:
                app: nginx
            spec:
              ports:
              - port: 80
                name: web
              clusterIP: None
              selector:
                app: nginx
            """;

    /** Leaves the namespace out, so the target namespace applies. */
    public static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: {{ .Release.Name }}-web
              labels:
                app.kubernetes.io/instance: {{ .Release.Name }}
            spec:
              selector:
                matchLabels:
                  app: nginx # has to match .spec.template.metadata.labels
              serviceName: {{ .Release.Name }}-nginx
              replicas: {{ .Values.replicas }}
              minReadySeconds: 10
              template:
                metadata:
                  labels:
                    app: nginx
                spec:
                  terminationGracePeriodSeconds: 10
                  containers:
                  - name: nginx
                    image: {{ required "image is required" .Values.image | quote }}
                    ports:
                    - containerPort: 80
                      name: web
                    volumeMounts:
                    - name: www
                      mountPath: /usr/share/nginx/html
              volumeClaimTemplates:
              - metadata:
                  name: www
                spec:
                  accessModes: [ "ReadWriteOnce" ]
                  storageClassName: {{ .Values.storageClassName | quote }}
                  resources:
                    requests:
                      storage: {{ .Values.storageSize | quote }}
            """;

    private TestCharts() {
    }

    /** The files of the web chart, by path inside the chart directory; the templates: StatefulSet first. */
    public static Map<String, String> webFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Chart.yaml", CHART_YAML);
        files.put("values.yaml", VALUES_YAML);
        files.put("values.schema.json", VALUES_SCHEMA);
        files.put("templates/statefulset.yaml", STATEFUL_SET);
        files.put("templates/service.yaml", SERVICE);
        return files;
    }

    public static HelmContent web() {
        return chart(webFiles());
    }

    /** A chart archive with the files under {@code web/}, as {@code helm package} lays it out. */
    public static HelmContent chart(Map<String, String> files) {
        Tar tar = new Tar().directory("web/");
        files.forEach((path, text) -> tar.file("web/" + path, text));
        return new HelmContent(tar.gzip());
    }

    /** A tar writer: ustar headers, PAX records for names over 100 bytes. */
    public static final class Tar {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Tar file(String name, String text) {
            return entry(name, '0', "", text.getBytes(StandardCharsets.UTF_8));
        }

        public Tar file(String name, byte[] content) {
            return entry(name, '0', "", content);
        }

        public Tar directory(String name) {
            return entry(name, '5', "", new byte[0]);
        }

        public Tar symlink(String name, String target) {
            return entry(name, '2', target, new byte[0]);
        }

        public Tar hardLink(String name, String target) {
            return entry(name, '1', target, new byte[0]);
        }

        public Tar entry(String name, char type, String linkName, byte[] content) {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            if (nameBytes.length > 100) {
                String record = " path=" + name + "\n";
                int length = record.getBytes(StandardCharsets.UTF_8).length;
                int total = length + String.valueOf(length).length();
                total = length + String.valueOf(total).length();
                byte[] pax = (total + record).getBytes(StandardCharsets.UTF_8);
                block(header("PaxHeaders/" + name.substring(0, 20), 'x', pax.length, ""), pax);
                nameBytes = name.substring(0, 90).getBytes(StandardCharsets.UTF_8);
            }
            block(header(new String(nameBytes, StandardCharsets.UTF_8), type, content.length, linkName), content);
            return this;
        }

        /** A file whose long name comes first in a GNU {@code ././@LongLink} record. */
        public Tar gnuLongName(String name, String text) {
            block(header("././@LongLink", 'L', name.length() + 1, ""), (name + "\0").getBytes(StandardCharsets.UTF_8));
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            block(header(name.substring(0, 99), '0', content.length, ""), content);
            return this;
        }

        /** A file whose name is split into the ustar prefix and name fields. */
        public Tar ustarPrefix(String prefix, String name, String text) {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            byte[] header = header(name, '0', content.length, "");
            put(header, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, 8, (octalText(sum, 6) + "\0 ").getBytes(StandardCharsets.US_ASCII));
            block(header, content);
            return this;
        }

        /** The archive, ended by two zero blocks, gzip-compressed. */
        public byte[] gzip() {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(out.toByteArray());
                gzip.write(new byte[1024]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return compressed.toByteArray();
        }

        private void block(byte[] header, byte[] content) {
            out.writeBytes(header);
            out.writeBytes(content);
            int padding = (512 - content.length % 512) % 512;
            out.writeBytes(new byte[padding]);
        }

        private static byte[] header(String name, char type, long size, String linkName) {
            byte[] header = new byte[512];
            put(header, 0, 100, name.getBytes(StandardCharsets.UTF_8));
            put(header, 100, 8, octal(type == '5' ? 0755 : 0644, 7));
            put(header, 108, 8, octal(0, 7));
            put(header, 116, 8, octal(0, 7));
            put(header, 124, 12, octal(size, 11));
            put(header, 136, 12, octal(0, 11));
            header[156] = (byte) type;
            put(header, 157, 100, linkName.getBytes(StandardCharsets.UTF_8));
            put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, 8, (octalText(sum, 6) + "\0 ").getBytes(StandardCharsets.US_ASCII));
            return header;
        }

        /** Zero-padded octal digits and a NUL. */
        private static byte[] octal(long value, int digits) {
            return (octalText(value, digits) + "\0").getBytes(StandardCharsets.US_ASCII);
        }

        private static String octalText(long value, int digits) {
            return String.format("%0" + digits + "o", value);
        }

        private static void put(byte[] header, int offset, int length, byte[] value) {
            System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
        }
    }
}
