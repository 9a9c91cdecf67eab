package io.github.sparkroleguard.config;

import java.util.Locale;

/** RAM policy types. System policies belong to Alibaba Cloud: they can be attached, never written. */
public enum PolicyType {
  SYSTEM("System"),
  CUSTOM("Custom");

  private final String wireName;

  PolicyType(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling RAM uses in requests and responses. */
  public String wireName() {
    return wireName;
  }

  /** Parses RAM's spelling, case-insensitively; null when it is neither. */
  public static PolicyType fromWire(String value) {
    if (value == null) {
      return null;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "system":
        return SYSTEM;
      case "custom":
        return CUSTOM;
      default:
        return null;
    }
  }
}
