package dev.signalbox.exporter.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.exporter.file.FileExporterConfig.Compression;
import dev.signalbox.exporter.file.FileExporterConfig.Format;
import dev.signalbox.exporter.file.FileExporterConfig.Rotation;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExporterTest {
  @TempDir
  Path dir;

  FileExporter exporter(FileExporterConfig cfg) throws Exception {
    FileExporter e = new FileExporter(ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("file")), cfg);
    e.start(null);
    return e;
  }

  static FileExporterConfig cfg(Path path, Format f, Compression c, Rotation r) {
    return new FileExporterConfig(path.toString(), f, c, r, Duration.ofSeconds(1), false);
  }

  @Test
  void writesOneJsonLinePerBatchForEverySignal() throws Exception {
    Path out = dir.resolve("out.jsonl");
    FileExporter e = exporter(cfg(out, Format.JSON, Compression.NONE, null));
    Traces t = TestData.traces(3);
    Logs l = TestData.logs(0, 2);
    e.consumer(Signal.TRACES).consume(Context.empty(), t.copy());
    e.consumer(Signal.LOGS).consume(Context.empty(), l.copy());
    e.shutdown(Deadline.in(Duration.ofSeconds(1)));
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    assertThat(OtlpJsonCodec.INSTANCE.decodeTraces(lines.get(0).getBytes(StandardCharsets.UTF_8), 0,
        lines.get(0).length())).isEqualTo(t);
    byte[] b = lines.get(1).getBytes(StandardCharsets.UTF_8);
    assertThat(OtlpJsonCodec.INSTANCE.decodeLogs(b, 0, b.length)).isEqualTo(l);
  }

  @Test
  void protoFormatIsLengthPrefixedAndGzipAndZstdCompressTheWholeStream() throws Exception {
    for (Compression c : List.of(Compression.NONE, Compression.GZIP, Compression.ZSTD)) {
      Path out = dir.resolve("out-" + c + ".pb");
      FileExporter e = exporter(cfg(out, Format.PROTO, c, null));
      Traces t = TestData.traces(4);
      e.consumer(Signal.TRACES).consume(Context.empty(), t.copy());
      e.consumer(Signal.TRACES).consume(Context.empty(), t.copy());
      e.shutdown(Deadline.in(Duration.ofSeconds(1)));
      byte[] raw = Files.readAllBytes(out);
      InputStream in = switch (c) {
        case NONE -> new ByteArrayInputStream(raw);
        case GZIP -> new GZIPInputStream(new ByteArrayInputStream(raw));
        case ZSTD -> new ZstdInputStream(new ByteArrayInputStream(raw));
      };
      try (DataInputStream d = new DataInputStream(in)) {
        for (int i = 0; i < 2; i++) {
          byte[] msg = new byte[d.readInt()];
          d.readFully(msg);
          assertThat(OtlpProtoCodec.INSTANCE.decodeTraces(msg, 0, msg.length)).as(c.name()).isEqualTo(t);
        }
        assertThat(d.read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void rotatesBySizeAndKeepsMaxBackups() throws Exception {
    Path out = dir.resolve("spans.json");
    FileExporter e = exporter(cfg(out, Format.JSON, Compression.NONE, new Rotation(1, 0, 2, false)));
    var c = e.consumer(Signal.TRACES);
    for (int i = 0; i < 150; i++) {
      c.consume(Context.empty(), TestData.traces("svc", i * 100L, 100));
    }
    e.shutdown(Deadline.in(Duration.ofSeconds(1)));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSize(3).contains(out);
    assertThat(files).filteredOn(p -> !p.equals(out))
        .allSatisfy(p -> assertThat(p.getFileName().toString()).matches("spans-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}\\.json"));
    // the newest data is kept: the current file ends with the last batch, the backups precede it
    long expectedSeq = 150 * 100 - 1;
    List<Path> newestFirst = List.of(out, files.get(1), files.get(0));
    for (Path p : newestFirst) {
      assertThat(Files.size(p)).isLessThanOrEqualTo(1L << 20);
      List<String> lines = Files.readAllLines(p);
      for (int i = lines.size() - 1; i >= 0; i--) {
        byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
        Traces t = OtlpJsonCodec.INSTANCE.decodeTraces(b, 0, b.length);
        var spans = t.resourceSpans().get(0).scopeSpans().get(0).spans();
        assertThat(spans.get(spans.size() - 1).attributes().get("seq")).isEqualTo(dev.signalbox.pdata.AnyValue.of(expectedSeq));
        expectedSeq -= 100;
      }
    }
  }
}
