package dev.signalbox.kafka;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import java.util.List;

/**
 * The {@code auth.sasl} block: SASL authentication with a user name and password.
 *
 * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512} (required)
 * @param username the user (required)
 * @param password the password (required; never printed)
 */
public record SaslConfig(String mechanism, String username, Secret password) implements ConfigBlock {
  /** The mechanisms kafka-clients implements with a user name and password. */
  public static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  public SaslConfig {
    mechanism = mechanism == null ? "" : mechanism;
    username = username == null ? "" : username;
    password = password == null ? Secret.EMPTY : password;
  }

  public static SaslConfig defaults() {
    return new SaslConfig("", "", Secret.EMPTY);
  }

  @Override
  public void validate(Problems problems) {
    if (mechanism.isEmpty()) {
      problems.error("mechanism", "must be set: one of " + String.join(", ", MECHANISMS));
    } else if (!MECHANISMS.contains(mechanism.toUpperCase(java.util.Locale.ROOT))) {
      problems.error("mechanism", "unsupported mechanism '" + mechanism + "': use one of "
          + String.join(", ", MECHANISMS) + " (AWS_MSK_IAM and GSSAPI are not available in Signalbox)");
    }
    if (username.isEmpty()) {
      problems.error("username", "must be set");
    }
    if (password.isEmpty()) {
      problems.error("password", "must be set");
    }
  }
}
