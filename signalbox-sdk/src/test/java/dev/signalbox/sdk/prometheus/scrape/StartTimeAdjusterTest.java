package dev.signalbox.sdk.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import org.junit.jupiter.api.Test;

/** Start times across scrapes, driven by an explicit clock (the scrape times below). */
class StartTimeAdjusterTest {
  static final long S = 1_000_000_000L;

  final StartTimeAdjuster adjuster = new StartTimeAdjuster();

  /** One scrape of a counter {@code c{x="1"}} and a histogram {@code h} at {@code seconds}. */
  ResourceMetrics scrape(long seconds, double counter, double histCount, double histSum, long processStart) {
    ResourceMetrics rm = new ResourceMetrics();
    var sm = rm.scopeMetrics().addNew();
    var c = sm.metrics().addNew().setName("c_total").setEmptySum().setMonotonic(true);
    NumberDataPoint p = c.dataPoints().addNew().setTimeUnixNano(seconds * S);
    p.attributes().put("x", "1");
    if (Sample.isStaleNaN(counter)) {
      p.setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    } else {
      p.setDoubleValue(counter);
    }
    var h = sm.metrics().addNew().setName("h").setEmptyHistogram();
    h.dataPoints().addNew().setTimeUnixNano(seconds * S).setCount((long) histCount).setSum(histSum);
    adjuster.adjust(rm, processStart);
    return rm;
  }

  static long counterStart(ResourceMetrics rm) {
    return rm.scopeMetrics().get(0).metrics().get(0).sum().dataPoints().get(0).startTimeUnixNano();
  }

  static long histStart(ResourceMetrics rm) {
    HistogramDataPoint p = rm.scopeMetrics().get(0).metrics().get(1).histogram().dataPoints().get(0);
    return p.startTimeUnixNano();
  }

  @Test
  void firstPointStartsAtItsTimeAndLaterPointsKeepThatStart() {
    assertThat(counterStart(scrape(100, 5, 1, 1, 0))).isEqualTo(100 * S);
    assertThat(counterStart(scrape(110, 7, 2, 2, 0))).isEqualTo(100 * S);
    assertThat(histStart(scrape(120, 9, 3, 3, 0))).isEqualTo(100 * S);
  }

  @Test
  void aLowerValueIsAResetThatStartsANewRun() {
    scrape(100, 5, 4, 4, 0);
    ResourceMetrics reset = scrape(110, 2, 1, 1, 0);
    assertThat(counterStart(reset)).isEqualTo(110 * S);
    assertThat(histStart(reset)).isEqualTo(110 * S);
    assertThat(counterStart(scrape(120, 3, 2, 2, 0))).isEqualTo(110 * S);
  }

  @Test
  void aHistogramWhoseSumDropsHasReset() {
    scrape(100, 1, 4, 10, 0);
    assertThat(histStart(scrape(110, 1, 5, 2, 0))).isEqualTo(110 * S);
  }

  @Test
  void processStartTimeIsUsedForNewSeriesWhenKnown() {
    assertThat(counterStart(scrape(100, 5, 1, 1, 40 * S))).isEqualTo(40 * S);
    assertThat(counterStart(scrape(110, 1, 1, 1, 40 * S))).as("a reset still starts at the reset")
        .isEqualTo(110 * S);
  }

  @Test
  void staleMarkersKeepTheStartAndDoNotReset() {
    scrape(100, 5, 1, 1, 0);
    assertThat(counterStart(scrape(110, Sample.STALE_NAN, 1, 1, 0))).isEqualTo(100 * S);
    assertThat(counterStart(scrape(120, 6, 1, 1, 0))).isEqualTo(100 * S);
  }

  @Test
  void createdTimestampsAreLeftAlone() {
    ResourceMetrics rm = new ResourceMetrics();
    var sum = rm.scopeMetrics().addNew().metrics().addNew().setName("c").setEmptySum().setMonotonic(true);
    sum.dataPoints().addNew().setTimeUnixNano(100 * S).setStartTimeUnixNano(10 * S).setDoubleValue(1);
    adjuster.adjust(rm, 0);
    assertThat(sum.dataPoints().get(0).startTimeUnixNano()).isEqualTo(10 * S);
    assertThat(adjuster.size()).isZero();
  }

  @Test
  void sweepForgetsSeriesNotSeenSinceTheLastSweep() {
    scrape(100, 5, 1, 1, 0);
    adjuster.sweep();
    assertThat(adjuster.size()).isEqualTo(2);
    adjuster.sweep();
    assertThat(adjuster.size()).isZero();
    assertThat(counterStart(scrape(130, 6, 1, 1, 0))).as("a forgotten series starts afresh").isEqualTo(130 * S);
  }
}
