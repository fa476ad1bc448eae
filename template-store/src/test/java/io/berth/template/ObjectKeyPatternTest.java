package io.berth.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectKeyPatternTest {

    private static final String ETCD = "{key}_v{revision}_{finished:yyyy-MM-dd-HH:mm:ss}";

    @Test
    void theEtcdOperatorsKeyIsMadeAndReadBack() {
        Instant at = Instant.parse("2019-02-27T19:23:49Z");

        String key = ObjectKeyPattern.keyOf(ETCD, "etcd/eu-1/db/scheduled", 42L, at);

        assertThat(key).isEqualTo("etcd/eu-1/db/scheduled_v42_2019-02-27-19:23:49");
        assertThat(ObjectKeyPattern.parse(ETCD, "etcd/eu-1/db/scheduled", key))
                .contains(new ObjectKeyPattern.Parsed(42L, at));
    }

    @Test
    void aKeyOfAnotherShapeOrPrefixIsNotRead() {
        assertThat(ObjectKeyPattern.parse(ETCD, "etcd/eu-1/db/scheduled", "etcd/eu-1/db/scheduled")).isEmpty();
        assertThat(ObjectKeyPattern.parse(ETCD, "etcd/eu-1/db/scheduled", "other/scheduled_v1_2019-02-27-19:23:49")).isEmpty();
        assertThat(ObjectKeyPattern.parse(ETCD, "a.b", "aXb_v1_2019-02-27-19:23:49")).isEmpty(); // the key is literal
        assertThat(ObjectKeyPattern.parse(ETCD, "k", "k_v1_yesterday")).isEmpty();
    }

    @Test
    void aPatternMustStartWithTheKeyAndTellObjectsApart() {
        assertThat(ObjectKeyPattern.problems(ETCD, "p")).isEmpty();
        assertThat(ObjectKeyPattern.problems("backup_{revision}", "p")).hasSize(1);
        assertThat(ObjectKeyPattern.problems("{key}.db", "p")).hasSize(1);
        assertThat(ObjectKeyPattern.problems("{key}_{finished:yyyy-MM-dd qq ZZZZZZZ}", "p")).hasSize(1);
    }
}
