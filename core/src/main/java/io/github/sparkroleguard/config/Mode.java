package io.github.sparkroleguard.config;

import java.util.Locale;

/** What the guard does about drift on a role: only tell people, or also put the role back. */
public enum Mode {
  ALERT,
  RESTORE;

  static Mode parse(String value, String key) {
    try {
      return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": must be alert or restore, got '" + value + "'");
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
