package io.github.sparkroleguard.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An approved change, bound to the delivery it came from: the event's id, who made it (as
 * ActionTrail names them) and when, and when the guard received it. A later scan honours it only
 * while it is fresh ({@link #LIFETIME}), its actor is still approved, and ActionTrail names no
 * later change by anyone else: the same drift made again later is not approved by this one.
 */
public final class Approval {
  /** How long after its event arrived an approval is honoured: past it, the drift is alerted as any other. */
  public static final Duration LIFETIME = Duration.ofHours(24);

  private final String eventId;
  private final String userName;
  private final String assumedRoleName;
  private final String actor;
  private final Instant eventTime;
  private final Instant receivedAt;

  /**
   * @param actor how the actor is described in results
   * @param eventTime the event's own time (its {@code eventTime}); null when unreadable
   */
  public Approval(String eventId, String userName, String assumedRoleName, String actor, Instant eventTime,
      Instant receivedAt) {
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.userName = Objects.requireNonNull(userName, "userName");
    this.assumedRoleName = Objects.requireNonNull(assumedRoleName, "assumedRoleName");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.eventTime = eventTime;
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public String eventId() {
    return eventId;
  }

  /** The user name ActionTrail recorded (for an assumed role, {@code role:session}). */
  public String userName() {
    return userName;
  }

  public String assumedRoleName() {
    return assumedRoleName;
  }

  public String actor() {
    return actor;
  }

  public Optional<Instant> eventTime() {
    return Optional.ofNullable(eventTime);
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** When it stops being honoured. */
  public Instant expiresAt() {
    return receivedAt.plus(LIFETIME);
  }

  /** One line per field, for the store (newlines and tabs in outside text are flattened). */
  String encode() {
    return String.join("\n", flat(eventId), flat(userName), flat(assumedRoleName), flat(actor),
        eventTime == null ? "-" : Long.toString(eventTime.toEpochMilli()), Long.toString(receivedAt.toEpochMilli()));
  }

  /** The approval a stored body holds; empty when it is not one. */
  static Optional<Approval> decode(String body) {
    String[] l = body.split("\n", -1);
    if (l.length != 6) {
      return Optional.empty();
    }
    try {
      Instant event = l[4].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(l[4]));
      return Optional.of(new Approval(l[0], l[1], l[2], l[3], event, Instant.ofEpochMilli(Long.parseLong(l[5]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String flat(String s) {
    String v = s.replaceAll("[\\r\\n\\t]", " ");
    return v.length() > 300 ? v.substring(0, 300) : v;
  }
}
