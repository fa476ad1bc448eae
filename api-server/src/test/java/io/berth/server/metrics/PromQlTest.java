package io.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsOfAnAggregatedRateAndNotItsFunctionsLabelsOrVariables() {
        assertThat(PromQl.metricNames(
                "sum by (cluster) (rate(berth_apply_errors_total{cluster=~\"$cluster\"}[$__rate_interval])) * 60"))
                .containsExactly("berth_apply_errors_total");
    }

    @Test
    void findsBothSidesOfADivisionAndOfAnOr() {
        assertThat(PromQl.metricNames("sum by (pool) (rate(a_sum[5m])) / sum by (pool) (rate(a_count[5m])) or vector(0)"))
                .containsExactly("a_sum", "a_count");
    }

    @Test
    void findsAMisspeltNameAsAName() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, type) (rate(bert_operation_seconds_bucket[1m])))"))
                .containsExactly("bert_operation_seconds_bucket");
    }

    @Test
    void ignoresComparisonsNumbersAndKeywords() {
        assertThat(PromQl.metricNames("max by (cluster, status) (x{status!=\"Ready\"}) == 1 and on (cluster) y offset 5m"))
                .containsExactly("x", "y");
    }

    @Test
    void readsTheMetricOfAVariableQuery() {
        assertThat(PromQl.variableMetricNames("label_values(berth_cluster_status, cluster)"))
                .containsExactly("berth_cluster_status");
    }
}
