package io.github.sparkroleguard.config;

import java.util.Objects;

/** One alert destination as configured; url and secret are already resolved from the environment. */
public final class ChannelConfig {
  private final ChannelType type;
  private final String url;
  private final String secret;

  public ChannelConfig(ChannelType type, String url, String secret) {
    this.type = Objects.requireNonNull(type, "type");
    this.url = url;
    this.secret = secret;
  }

  public ChannelType type() {
    return type;
  }

  public String url() {
    return url;
  }

  public String secret() {
    return secret;
  }

  @Override
  public String toString() {
    return type.wireName() + " channel";
  }
}
