package dev.signalbox.kafka;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.exporter.debug.DebugExporterFactory;
import dev.signalbox.exporter.file.FileExporterFactory;
import dev.signalbox.exporter.kafka.KafkaExporterFactory;
import dev.signalbox.processor.batch.BatchProcessorFactory;
import dev.signalbox.processor.memorylimiter.MemoryLimiterProcessorFactory;
import dev.signalbox.receiver.kafka.KafkaReceiverFactory;
import dev.signalbox.receiver.otlp.OtlpReceiverFactory;
import dev.signalbox.service.Registry;
import dev.signalbox.service.Service;
import dev.signalbox.service.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Signalbox's {@code run} for child processes of this module's tests: the distribution's main cannot
 * be on this module's classpath (the distribution depends on this module), so this runs the
 * service with the components the Kafka pipelines use. Arguments are config sources, as
 * {@code --config}. SIGTERM shuts down gracefully.
 */
public final class PipelineMain {
  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    Registry registry = Registry.builder()
        .add(new OtlpReceiverFactory())
        .add(new KafkaReceiverFactory())
        .add(new BatchProcessorFactory())
        .add(new MemoryLimiterProcessorFactory())
        .add(new DebugExporterFactory())
        .add(new FileExporterFactory())
        .add(new KafkaExporterFactory())
        .build();
    var config = ConfigLoader.load(List.of(args), System::getenv, registry);
    Service service = Service.create(config, registry, BuildInfo.DEFAULT);
    service.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.shutdown(Duration.ofSeconds(20));
      stopped.countDown();
    }, "shutdown"));
    new CountDownLatch(1).await();
  }
}
