package io.github.sparkroleguard.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of alert channel. One list, read by the configuration loader (what may be
 * configured, which take a secret) and by the alert dispatcher (which channel class to build).
 */
public enum ChannelType {
  LOG(false),
  WEBHOOK(true),
  DINGTALK(true),
  FEISHU(true),
  /** Feishu's international edition: the same protocol under another name. */
  LARK(true),
  WECOM(false),
  SLACK(false);

  private final boolean signs;

  ChannelType(boolean signs) {
    this.signs = signs;
  }

  /** Whether the channel signs its messages, and so takes a secret. */
  public boolean signs() {
    return signs;
  }

  /** The name in the configuration file and in results, e.g. "dingtalk". */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with this configured name (any case), if there is one. */
  public static Optional<ChannelType> fromWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(value.toLowerCase(Locale.ROOT))).findFirst();
  }

  /** Every configured name, sorted, for error messages. */
  static String names() {
    return Arrays.stream(values()).map(ChannelType::wireName).sorted().collect(Collectors.joining(", ", "[", "]"));
  }
}
