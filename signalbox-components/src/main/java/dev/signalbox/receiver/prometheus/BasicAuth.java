package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code basic_auth}: sent as {@code Authorization: Basic ...} with every scrape.
 *
 * @param username {@code username}
 * @param password {@code password}
 * @param passwordFile {@code password_file}: read at every scrape (so it may be rotated)
 */
public record BasicAuth(String username, Secret password, String passwordFile) implements ConfigBlock {
  public BasicAuth {
    username = username == null ? "" : username;
    password = password == null ? Secret.EMPTY : password;
    passwordFile = passwordFile == null ? "" : passwordFile;
  }

  public static BasicAuth defaults() {
    return new BasicAuth("", Secret.EMPTY, "");
  }

  @Override
  public void validate(Problems problems) {
    if (username.isEmpty()) {
      problems.error("username", "must be set");
    }
    if (!password.isEmpty() && !passwordFile.isEmpty()) {
      problems.error("at most one of password and password_file may be set");
    }
    if (!passwordFile.isEmpty()) {
      checkReadable(problems, "password_file", passwordFile);
    }
  }

  static void checkReadable(Problems problems, String key, String file) {
    if (!Files.isReadable(Path.of(file))) {
      problems.error(key, "cannot read \"" + file + "\"");
    }
  }
}
