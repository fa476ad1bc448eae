package io.berth.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContentTextTest {

    @Test
    void listsDocumentsThenSchemaDefaultsAndHintsAsSortedJson() {
        SimpleContent content = new SimpleContent("a: 1\r\nb: 2\n", "{\"type\":\"object\",\"$schema\":\"x\"}",
                Map.of("replicas", 3), List.of());

        assertThat(ContentText.of(content)).isEqualTo("""
                # documents
                a: 1
                b: 2
                # parametersSchema
                {
                  "$schema" : "x",
                  "type" : "object"
                }
                # defaults
                {
                  "replicas" : 3
                }
                # hints
                [ ]
                """);
    }

    @Test
    void isTheSameWhenOnlyKeyOrderOrHintOrderDiffersLikeTheDigest() {
        WorkloadHint etcd = new WorkloadHint("etcd.database.coreos.com/v1beta2", "EtcdCluster", ScaleHint.atPath("spec.size"), null);
        WorkloadHint sts = new WorkloadHint("apps/v1", "StatefulSet", ScaleHint.viaSubresource(), null);
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("y", 2, "x", 1));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", Map.of("x", 1, "y", 2));
        ba.put("a", 1);
        SimpleContent one = new SimpleContent("k: v\n", "{\"type\":\"object\",\"properties\":{}}", ab, List.of(etcd, sts));
        SimpleContent two = new SimpleContent("k: v\n", "{\"properties\":{},\"type\":\"object\"}", ba, List.of(sts, etcd));

        assertThat(ContentDigest.of(one)).isEqualTo(ContentDigest.of(two));
        assertThat(ContentText.of(one)).isEqualTo(ContentText.of(two));
    }

    @Test
    void keepsASchemaThatIsNotJsonAsText() {
        assertThat(ContentText.of(new SimpleContent("k: v\n", "not json", null, null))).contains("# parametersSchema\n\"not json\"\n");
    }
}
