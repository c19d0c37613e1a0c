package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import java.util.Locale;

/**
 * {@code authorization}: sent as {@code Authorization: <type> <credentials>} with every scrape.
 *
 * @param type {@code type}: default {@code Bearer}; {@code Basic} is refused (use basic_auth)
 * @param credentials {@code credentials}
 * @param credentialsFile {@code credentials_file}: read at every scrape
 */
public record Authorization(String type, Secret credentials, String credentialsFile) implements ConfigBlock {
  public Authorization {
    type = type == null || type.isEmpty() ? "Bearer" : type;
    credentials = credentials == null ? Secret.EMPTY : credentials;
    credentialsFile = credentialsFile == null ? "" : credentialsFile;
  }

  public static Authorization defaults() {
    return new Authorization("Bearer", Secret.EMPTY, "");
  }

  @Override
  public void validate(Problems problems) {
    if (type.toLowerCase(Locale.ROOT).equals("basic")) {
      problems.error("type", "cannot be \"Basic\": use basic_auth instead");
    }
    if (!credentials.isEmpty() && !credentialsFile.isEmpty()) {
      problems.error("at most one of credentials and credentials_file may be set");
    }
    if (!credentialsFile.isEmpty()) {
      BasicAuth.checkReadable(problems, "credentials_file", credentialsFile);
    }
  }
}
