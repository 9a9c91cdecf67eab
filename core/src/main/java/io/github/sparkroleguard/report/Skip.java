package io.github.sparkroleguard.report;

import java.util.Objects;

/** An event record the guard did not act on, and the documented reason. */
public final class Skip {
  private final String eventId;
  private final String eventName;
  private final String reason;

  public Skip(String eventId, String eventName, String reason) {
    this.eventId = eventId;
    this.eventName = eventName;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String eventId() {
    return eventId;
  }

  public String eventName() {
    return eventName;
  }

  public String reason() {
    return reason;
  }
}
