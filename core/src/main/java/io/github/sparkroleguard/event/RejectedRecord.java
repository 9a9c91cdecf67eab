package io.github.sparkroleguard.event;

import java.util.Objects;

/**
 * A record of a batch that could not be read (wrong types, no eventName, not an event at all).
 * The other records of the batch are still handled; this one is reported as a skip with its
 * reason, so one bad record neither hides nor blocks the changes delivered with it.
 */
public final class RejectedRecord {
  private final int index;
  private final String eventId;
  private final String eventName;
  private final String reason;

  public RejectedRecord(int index, String eventId, String eventName, String reason) {
    this.index = index;
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.eventName = Objects.requireNonNull(eventName, "eventName");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Position in the batch, from 0. */
  public int index() {
    return index;
  }

  /** The record's eventId when it could be read as text, else empty. */
  public String eventId() {
    return eventId;
  }

  /** The record's eventName when it could be read as text, else empty. */
  public String eventName() {
    return eventName;
  }

  /** Why it was not handled, naming the field ("[1]data.userIdentity: expected an object, got string"). */
  public String reason() {
    return reason;
  }
}
