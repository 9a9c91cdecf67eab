package io.github.sparkroleguard.config;

import java.util.Locale;
import java.util.Objects;

/**
 * A service endpoint as users write it: {@code host[:port]} (HTTPS) or an explicit
 * {@code http://host:port} / {@code https://host:port} for local runs against the emulator.
 */
public final class Endpoint {
  private final String host;
  private final boolean https;

  private Endpoint(String host, boolean https) {
    this.host = host;
    this.https = https;
  }

  public static Endpoint parse(String value, String key) {
    Objects.requireNonNull(value, key);
    String v = value.trim();
    boolean https = true;
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")) {
      https = false;
      v = v.substring("http://".length());
    } else if (lower.startsWith("https://")) {
      v = v.substring("https://".length());
    }
    if (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    if (!v.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
      throw new ConfigException(key + ": must be host[:port] or http(s)://host[:port], got '" + value + "'");
    }
    return new Endpoint(v, https);
  }

  /** host[:port], as the SDK's endpoint table wants it. */
  public String host() {
    return host;
  }

  public boolean https() {
    return https;
  }

  @Override
  public String toString() {
    return (https ? "https://" : "http://") + host;
  }
}
