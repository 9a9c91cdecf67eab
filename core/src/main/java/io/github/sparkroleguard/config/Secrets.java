package io.github.sparkroleguard.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} references from the environment. Secrets are accepted only as
 * such references, and no error message ever carries a resolved value.
 */
final class Secrets {
  private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private final Function<String, String> env;

  Secrets(Function<String, String> env) {
    this.env = env;
  }

  /** Replaces every ${env:NAME}; a missing variable is an error naming the key and the variable. */
  String resolve(String value, String key) {
    Matcher m = ENV_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.apply(m.group(1));
      if (v == null || v.isEmpty()) {
        throw new ConfigException(key + ": environment variable " + m.group(1) + " is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A secret: must be exactly one ${env:NAME} reference, never an inline value. */
  String secret(String raw, String key) {
    if (!ENV_REF.matcher(raw.trim()).matches()) {
      throw new ConfigException(key + ": secrets must be written as ${env:NAME}, never inline");
    }
    return resolve(raw.trim(), key);
  }
}
