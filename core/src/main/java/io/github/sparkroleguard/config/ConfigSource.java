package io.github.sparkroleguard.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the configuration comes from: the file GUARD_CONFIG names, else the one bundled in the
 * jar, else none (the zero-configuration default); and the files its {@code *File} keys name,
 * relative to it (inside the jar for the bundled one). All file reading of the loader is here.
 */
final class ConfigSource {
  /** Environment variable holding the configuration file's path. */
  static final String CONFIG_ENV = "GUARD_CONFIG";
  /** The configuration shipped inside the jar, used when GUARD_CONFIG is not set. */
  static final String BUNDLED = "/guard.yaml";

  private final String text;
  private final Path baseDir;

  private ConfigSource(String text, Path baseDir) {
    this.text = text;
    this.baseDir = baseDir;
  }

  /** GUARD_CONFIG if set, else the bundled file, else an empty configuration. */
  static ConfigSource locate(Function<String, String> env) {
    String path = env.apply(CONFIG_ENV);
    if (path != null && !path.isBlank()) {
      return file(Path.of(path));
    }
    try (InputStream in = ConfigSource.class.getResourceAsStream(BUNDLED)) {
      return new ConfigSource(in == null ? "{}" : new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      throw new ConfigException("bundled configuration: cannot be read: " + e.getMessage());
    }
  }

  static ConfigSource file(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_ENV + ": cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    Path dir = file.toAbsolutePath().getParent();
    return new ConfigSource(text, dir == null ? Path.of(".") : dir);
  }

  String text() {
    return text;
  }

  /** The directory {@code *File} keys are relative to; null for the bundled configuration. */
  Path baseDir() {
    return baseDir;
  }

  /** A file named by a {@code *File} key, relative to {@code baseDir} (null: a resource in the jar). */
  static String readRelative(Path baseDir, String relative, String key) {
    if (baseDir == null) {
      try (InputStream in = ConfigSource.class.getResourceAsStream("/" + relative)) {
        if (in == null) {
          throw new ConfigException(key + ": no resource " + relative + " in the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(key + ": cannot read resource " + relative);
      }
    }
    Path file = baseDir.resolve(relative);
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(key + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
