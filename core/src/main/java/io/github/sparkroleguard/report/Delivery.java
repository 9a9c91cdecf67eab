package io.github.sparkroleguard.report;

/** Whether an alert reached one channel. */
public final class Delivery {
  private final String channel;
  private final boolean log;
  private final boolean delivered;
  private final String detail;

  public Delivery(String channel, boolean log, boolean delivered, String detail) {
    this.channel = channel;
    this.log = log;
    this.delivered = delivered;
    this.detail = detail == null ? "" : detail;
  }

  /** The channel's safe name: type and host, never a token-bearing URL. */
  public String channel() {
    return channel;
  }

  /** The log channel: always available, so it only counts when no other channel is configured. */
  public boolean isLog() {
    return log;
  }

  public boolean delivered() {
    return delivered;
  }

  public String detail() {
    return detail;
  }
}
