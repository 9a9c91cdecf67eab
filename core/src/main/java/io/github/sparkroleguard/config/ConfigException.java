package io.github.sparkroleguard.config;

/** The configuration file is unusable; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
