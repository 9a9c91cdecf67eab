package io.github.sparkroleguard.state;

import java.time.Instant;
import java.util.Objects;

/** An ActionTrail event the real-time path delivered, and when it arrived. */
public final class DeliveredEvent {
  private final String eventId;
  private final String eventName;
  private final Instant receivedAt;

  public DeliveredEvent(String eventId, String eventName, Instant receivedAt) {
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.eventName = Objects.requireNonNull(eventName, "eventName");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public String eventId() {
    return eventId;
  }

  public String eventName() {
    return eventName;
  }

  public Instant receivedAt() {
    return receivedAt;
  }
}
