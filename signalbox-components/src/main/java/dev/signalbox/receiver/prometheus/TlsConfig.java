package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus' {@code tls_config} for scraping https targets.
 *
 * @param caFile {@code ca_file}: CA to verify the target with (default: the system's)
 * @param certFile {@code cert_file}: client certificate
 * @param keyFile {@code key_file}: client key
 * @param serverName {@code server_name}: name to verify and send in SNI
 * @param insecureSkipVerify {@code insecure_skip_verify}: accept any certificate
 * @param minVersion {@code min_version}: TLS10, TLS11, TLS12 (default) or TLS13
 */
public record TlsConfig(String caFile, String certFile, String keyFile, String serverName,
    boolean insecureSkipVerify, String minVersion) implements ConfigBlock {

  public TlsConfig {
    caFile = caFile == null ? "" : caFile;
    certFile = certFile == null ? "" : certFile;
    keyFile = keyFile == null ? "" : keyFile;
    serverName = serverName == null ? "" : serverName;
    minVersion = minVersion == null ? "" : minVersion;
  }

  public static TlsConfig defaults() {
    return new TlsConfig("", "", "", "", false, "");
  }

  /** The equivalent client TLS config of the SDK. */
  public TlsClientConfig toClientConfig() {
    String min = switch (minVersion.toUpperCase(Locale.ROOT)) {
      case "TLS10" -> "1.0";
      case "TLS11" -> "1.1";
      case "TLS13" -> "1.3";
      default -> "1.2";
    };
    return new TlsClientConfig(caFile, "", certFile, "", keyFile, Secret.EMPTY, min, "", List.of(), false, List.of(),
        false, Duration.ZERO, false, insecureSkipVerify, serverName);
  }

  @Override
  public void validate(Problems problems) {
    switch (minVersion.toUpperCase(Locale.ROOT)) {
      case "", "TLS10", "TLS11", "TLS12", "TLS13" -> {
        // known
      }
      default -> problems.error("min_version", "must be one of TLS10, TLS11, TLS12, TLS13, got \"" + minVersion + "\"");
    }
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      problems.error("cert_file and key_file must be set together");
    }
    for (String[] f : new String[][] {{"ca_file", caFile}, {"cert_file", certFile}, {"key_file", keyFile}}) {
      if (!f[1].isEmpty()) {
        BasicAuth.checkReadable(problems, f[0], f[1]);
      }
    }
  }
}
