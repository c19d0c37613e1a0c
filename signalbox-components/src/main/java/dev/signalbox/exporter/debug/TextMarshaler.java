package dev.signalbox.exporter.debug;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Exemplar;
import dev.signalbox.pdata.ExponentialHistogram;
import dev.signalbox.pdata.ExponentialHistogramDataPoint;
import dev.signalbox.pdata.Gauge;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.NumberKind;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.SpanLink;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Summary;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.ValueAtQuantile;
import java.time.Instant;
import java.util.Arrays;

/** Renders pdata as text in the layout of the Collector's debug exporter. */
final class TextMarshaler {
  private TextMarshaler() {}

  static String marshal(Telemetry t, boolean detailed) {
    StringBuilder sb = new StringBuilder(1024);
    switch (t) {
      case Traces x -> traces(sb, x, detailed);
      case Metrics x -> metrics(sb, x, detailed);
      case Logs x -> logs(sb, x, detailed);
      case Profiles x -> sb.append("Profiles: ").append(x.requests().size()).append(" requests, ")
          .append(x.itemCount()).append(" profiles (profiles are carried as opaque OTLP bytes)\n");
    }
    return sb.toString().stripTrailing();
  }

  private static void traces(StringBuilder sb, Traces t, boolean detailed) {
    int r = 0;
    for (var rs : t.resourceSpans()) {
      resource(sb, "ResourceSpans", r++, rs.schemaUrl(), rs.resource(), detailed);
      int s = 0;
      for (var ss : rs.scopeSpans()) {
        scope(sb, "ScopeSpans", s++, ss.schemaUrl(), ss.scope(), detailed);
        int i = 0;
        for (Span sp : ss.spans()) {
          if (!detailed) {
            sb.append(sp.name()).append(' ').append(sp.traceId().toHex()).append(' ').append(Ids.hex16(sp.spanId()));
            inlineAttrs(sb, sp.attributes());
            sb.append('\n');
            continue;
          }
          sb.append("Span #").append(i++).append('\n');
          field(sb, "Trace ID", sp.traceId().toHex());
          field(sb, "Parent ID", sp.parentSpanId() == 0 ? "" : Ids.hex16(sp.parentSpanId()));
          field(sb, "ID", Ids.hex16(sp.spanId()));
          field(sb, "Name", sp.name());
          field(sb, "Kind", titleCase(sp.kind().name()));
          if (!sp.traceState().isEmpty()) {
            field(sb, "TraceState", sp.traceState());
          }
          field(sb, "Start time", time(sp.startTimeUnixNano()));
          field(sb, "End time", time(sp.endTimeUnixNano()));
          field(sb, "Status code", titleCase(sp.statusCode().name()));
          field(sb, "Status message", sp.statusMessage());
          if (sp.flags() != 0) {
            field(sb, "Flags", Integer.toString(sp.flags()));
          }
          attrs(sb, "Attributes", sp.attributes());
          if (sp.hasEvents()) {
            sb.append("Events:\n");
            int e = 0;
            for (SpanEvent ev : sp.events()) {
              sb.append("SpanEvent #").append(e++).append('\n');
              sb.append("     -> Name: ").append(ev.name()).append('\n');
              sb.append("     -> Timestamp: ").append(time(ev.timeUnixNano())).append('\n');
              sb.append("     -> DroppedAttributesCount: ").append(ev.droppedAttributesCount()).append('\n');
              attrs(sb, "     -> Attributes:", ev.attributes());
            }
          }
          if (sp.hasLinks()) {
            sb.append("Links:\n");
            int l = 0;
            for (SpanLink ln : sp.links()) {
              sb.append("SpanLink #").append(l++).append('\n');
              sb.append("     -> Trace ID: ").append(ln.traceId().toHex()).append('\n');
              sb.append("     -> ID: ").append(Ids.hex16(ln.spanId())).append('\n');
              sb.append("     -> TraceState: ").append(ln.traceState()).append('\n');
              sb.append("     -> DroppedAttributesCount: ").append(ln.droppedAttributesCount()).append('\n');
              attrs(sb, "     -> Attributes:", ln.attributes());
            }
          }
        }
      }
    }
  }

  private static void logs(StringBuilder sb, Logs t, boolean detailed) {
    int r = 0;
    for (var rl : t.resourceLogs()) {
      resource(sb, "ResourceLog", r++, rl.schemaUrl(), rl.resource(), detailed);
      int s = 0;
      for (var sl : rl.scopeLogs()) {
        scope(sb, "ScopeLogs", s++, sl.schemaUrl(), sl.scope(), detailed);
        int i = 0;
        for (LogRecord lr : sl.logRecords()) {
          if (!detailed) {
            sb.append(lr.body().asString());
            inlineAttrs(sb, lr.attributes());
            sb.append('\n');
            continue;
          }
          sb.append("LogRecord #").append(i++).append('\n');
          sb.append("ObservedTimestamp: ").append(time(lr.observedTimeUnixNano())).append('\n');
          sb.append("Timestamp: ").append(time(lr.timeUnixNano())).append('\n');
          sb.append("SeverityText: ").append(lr.severityText()).append('\n');
          sb.append("SeverityNumber: ").append(titleCase(lr.severityNumber().name()))
              .append('(').append(lr.severityNumberValue()).append(")\n");
          if (!lr.eventName().isEmpty()) {
            sb.append("EventName: ").append(lr.eventName()).append('\n');
          }
          sb.append("Body: ").append(value(lr.body())).append('\n');
          attrs(sb, "Attributes", lr.attributes());
          sb.append("Trace ID: ").append(lr.traceIdHigh() == 0 && lr.traceIdLow() == 0 ? "" : lr.traceId().toHex())
              .append('\n');
          sb.append("Span ID: ").append(lr.spanId() == 0 ? "" : Ids.hex16(lr.spanId())).append('\n');
          sb.append("Flags: ").append(lr.flags()).append('\n');
        }
      }
    }
  }

  private static void metrics(StringBuilder sb, Metrics t, boolean detailed) {
    int r = 0;
    for (var rm : t.resourceMetrics()) {
      resource(sb, "ResourceMetrics", r++, rm.schemaUrl(), rm.resource(), detailed);
      int s = 0;
      for (var sm : rm.scopeMetrics()) {
        scope(sb, "ScopeMetrics", s++, sm.schemaUrl(), sm.scope(), detailed);
        int i = 0;
        for (Metric m : sm.metrics()) {
          if (!detailed) {
            sb.append(m.name()).append(' ').append(m.type().name().toLowerCase(java.util.Locale.ROOT))
                .append(" points=").append(m.dataPointCount()).append('\n');
            continue;
          }
          sb.append("Metric #").append(i++).append('\n');
          sb.append("Descriptor:\n");
          sb.append("     -> Name: ").append(m.name()).append('\n');
          sb.append("     -> Description: ").append(m.description()).append('\n');
          sb.append("     -> Unit: ").append(m.unit()).append('\n');
          sb.append("     -> DataType: ").append(dataType(m)).append('\n');
          switch (m.data()) {
            case Sum x -> {
              sb.append("     -> IsMonotonic: ").append(x.isMonotonic()).append('\n');
              sb.append("     -> AggregationTemporality: ").append(titleCase(x.aggregationTemporality().name())).append('\n');
            }
            case Histogram x -> sb.append("     -> AggregationTemporality: ")
                .append(titleCase(x.aggregationTemporality().name())).append('\n');
            case ExponentialHistogram x -> sb.append("     -> AggregationTemporality: ")
                .append(titleCase(x.aggregationTemporality().name())).append('\n');
            case null, default -> {}
          }
          if (m.data() == null) {
            continue;
          }
          int p = 0;
          for (DataPoint<?> dp : m.data().dataPoints()) {
            point(sb, p++, dp);
          }
        }
      }
    }
  }

  private static void point(StringBuilder sb, int index, DataPoint<?> dp) {
    String kind = switch (dp) {
      case NumberDataPoint x -> "NumberDataPoints";
      case HistogramDataPoint x -> "HistogramDataPoints";
      case ExponentialHistogramDataPoint x -> "ExponentialHistogramDataPoints";
      case SummaryDataPoint x -> "SummaryDataPoints";
    };
    sb.append(kind).append(" #").append(index).append('\n');
    attrs(sb, "Data point attributes", dp.attributes());
    sb.append("StartTimestamp: ").append(time(dp.startTimeUnixNano())).append('\n');
    sb.append("Timestamp: ").append(time(dp.timeUnixNano())).append('\n');
    switch (dp) {
      case NumberDataPoint x -> {
        sb.append("Value: ").append(x.valueKind() == NumberKind.INT ? Long.toString(x.intValue())
            : String.format(java.util.Locale.ROOT, "%f", x.doubleValue())).append('\n');
        exemplars(sb, x.hasExemplars() ? x.exemplars() : null);
      }
      case HistogramDataPoint x -> {
        sb.append("Count: ").append(x.count()).append('\n');
        if (x.hasSum()) {
          sb.append("Sum: ").append(String.format(java.util.Locale.ROOT, "%f", x.sum())).append('\n');
        }
        if (x.hasMin()) {
          sb.append("Min: ").append(String.format(java.util.Locale.ROOT, "%f", x.min())).append('\n');
        }
        if (x.hasMax()) {
          sb.append("Max: ").append(String.format(java.util.Locale.ROOT, "%f", x.max())).append('\n');
        }
        double[] b = x.explicitBounds();
        for (int i = 0; i < b.length; i++) {
          sb.append("ExplicitBounds #").append(i).append(": ").append(String.format(java.util.Locale.ROOT, "%f", b[i]))
              .append('\n');
        }
        long[] c = x.bucketCounts();
        for (int i = 0; i < c.length; i++) {
          sb.append("Buckets #").append(i).append(", Count: ").append(c[i]).append('\n');
        }
        exemplars(sb, x.hasExemplars() ? x.exemplars() : null);
      }
      case ExponentialHistogramDataPoint x -> {
        sb.append("Count: ").append(x.count()).append('\n');
        if (x.hasSum()) {
          sb.append("Sum: ").append(x.sum()).append('\n');
        }
        sb.append("Scale: ").append(x.scale()).append('\n');
        sb.append("ZeroCount: ").append(x.zeroCount()).append('\n');
        if (x.positive() != null) {
          sb.append("Positive: offset=").append(x.positive().offset()).append(' ')
              .append(Arrays.toString(x.positive().bucketCounts())).append('\n');
        }
        if (x.negative() != null) {
          sb.append("Negative: offset=").append(x.negative().offset()).append(' ')
              .append(Arrays.toString(x.negative().bucketCounts())).append('\n');
        }
        exemplars(sb, x.hasExemplars() ? x.exemplars() : null);
      }
      case SummaryDataPoint x -> {
        sb.append("Count: ").append(x.count()).append('\n');
        sb.append("Sum: ").append(String.format(java.util.Locale.ROOT, "%f", x.sum())).append('\n');
        int i = 0;
        for (ValueAtQuantile q : x.quantileValues()) {
          sb.append("QuantileValue #").append(i++).append(": Quantile ").append(q.quantile())
              .append(", Value ").append(String.format(java.util.Locale.ROOT, "%f", q.value())).append('\n');
        }
      }
    }
  }

  private static void exemplars(StringBuilder sb, Iterable<Exemplar> exemplars) {
    if (exemplars == null) {
      return;
    }
    sb.append("Exemplars:\n");
    int i = 0;
    for (Exemplar e : exemplars) {
      sb.append("Exemplar #").append(i++).append('\n');
      sb.append("     -> Trace ID: ").append(e.traceId().toHex()).append('\n');
      sb.append("     -> Span ID: ").append(Ids.hex16(e.spanId())).append('\n');
      sb.append("     -> Timestamp: ").append(time(e.timeUnixNano())).append('\n');
      sb.append("     -> Value: ").append(e.valueKind() == NumberKind.INT ? Long.toString(e.intValue())
          : String.format(java.util.Locale.ROOT, "%f", e.doubleValue())).append('\n');
      attrs(sb, "     -> FilteredAttributes:", e.filteredAttributes());
    }
  }

  private static String dataType(Metric m) {
    return switch (m.type()) {
      case EMPTY -> "Empty";
      case GAUGE -> "Gauge";
      case SUM -> "Sum";
      case HISTOGRAM -> "Histogram";
      case EXPONENTIAL_HISTOGRAM -> "ExponentialHistogram";
      case SUMMARY -> "Summary";
    };
  }

  private static void resource(StringBuilder sb, String label, int i, String schema, Resource r, boolean detailed) {
    if (!detailed) {
      sb.append(label).append(" #").append(i);
      inlineAttrs(sb, r.attributes());
      sb.append('\n');
      return;
    }
    sb.append(label).append(" #").append(i).append('\n');
    sb.append("Resource SchemaURL: ").append(schema).append('\n');
    attrs(sb, "Resource attributes", r.attributes());
  }

  private static void scope(StringBuilder sb, String label, int i, String schema, InstrumentationScope s,
      boolean detailed) {
    if (!detailed) {
      sb.append(label).append(" #").append(i).append(' ').append(s.name())
          .append(s.version().isEmpty() ? "" : "@" + s.version()).append('\n');
      return;
    }
    sb.append(label).append(" #").append(i).append('\n');
    sb.append(label).append(" SchemaURL: ").append(schema).append('\n');
    sb.append("InstrumentationScope ").append(s.name()).append(' ').append(s.version()).append('\n');
    if (!s.attributes().isEmpty()) {
      attrs(sb, "InstrumentationScope attributes", s.attributes());
    }
  }

  private static void attrs(StringBuilder sb, String header, Attributes a) {
    if (a.isEmpty()) {
      return;
    }
    sb.append(header.endsWith(":") ? header : header + ":").append('\n');
    a.forEach((k, v) -> sb.append("     -> ").append(k).append(": ").append(value(v)).append('\n'));
  }

  private static void inlineAttrs(StringBuilder sb, Attributes a) {
    a.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v.asString()));
  }

  static String value(AnyValue v) {
    return switch (v) {
      case AnyValue.StringValue s -> "Str(" + s.value() + ")";
      case AnyValue.BoolValue b -> "Bool(" + b.value() + ")";
      case AnyValue.IntValue i -> "Int(" + i.value() + ")";
      case AnyValue.DoubleValue d -> "Double(" + d.value() + ")";
      case AnyValue.BytesValue b -> "Bytes(" + v.asString() + ")";
      case AnyValue.ArrayValue a -> "Slice(" + v.asString() + ")";
      case AnyValue.KvListValue m -> "Map(" + v.asString() + ")";
      case AnyValue.EmptyValue e -> "Empty()";
    };
  }

  private static String field(StringBuilder sb, String name, String value) {
    sb.append("    ").append(String.format("%-15s", name)).append(": ").append(value).append('\n');
    return "";
  }

  private static String time(long nanos) {
    return Instant.ofEpochSecond(0, nanos).toString().replace('T', ' ').replace("Z", " +0000 UTC");
  }

  private static String titleCase(String enumName) {
    String s = enumName.toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
