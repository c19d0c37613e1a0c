package dev.signalbox.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the whole benchmark JVM (all threads: benchmark, JIT compilers, GC) per operation,
 * from {@code OperatingSystemMXBean.getProcessCpuTime()}. On a machine shared with other work, wall
 * time per operation includes the time the benchmark thread waited for a core; CPU time does not,
 * so this is the steadier number here. Use with {@code -prof dev.signalbox.benchmarks.jmh.CpuProfiler}
 * ({@code bin/bench jmh} adds it). Reports {@code cpu.time.norm} in ns/op.
 */
public final class CpuProfiler implements InternalProfiler {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long cpuBefore;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM (all threads) per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore = OS.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpu = OS.getProcessCpuTime() - cpuBefore;
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0 || cpu < 0) {
      return List.of();
    }
    return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }
}
