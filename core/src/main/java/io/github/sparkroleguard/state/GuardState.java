package io.github.sparkroleguard.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the guard must remember between invocations: deliveries already handled, the last alert
 * of each unrepaired drift, recent restores of each role, approved changes, and the ActionTrail
 * events the real-time path delivered. FC instances share no memory, so a durable store makes
 * these hold across instances; the in-memory store keeps them per instance (the default).
 * Implementations are thread-safe: a scan inspects roles in parallel. Time is passed in.
 */
public interface GuardState {
  /** What claiming a delivery found. */
  enum Claim {
    /** Nobody had it: handle it, then {@link #finishDelivery}. */
    FIRST,
    /** Handled before with the same content: skip it. */
    DUPLICATE,
    /** Another invocation holds it and has not finished: retry later. */
    IN_PROGRESS
  }

  /**
   * Claims a delivery: same id AND same content is a duplicate; the same id carrying other content
   * is a new delivery.
   */
  Claim claimDelivery(String deliveryId, String contentHash, Instant now);

  /** Marks a claimed delivery handled, or releases it when the invocation failed (FC retries it). */
  void finishDelivery(String deliveryId, String contentHash, boolean handled, Instant now);

  /**
   * Whether this caller may alert about a drift now: yes when the same drift (fingerprint) was
   * not alerted within {@code window}; else the time it was.
   */
  AlertTurn alertTurn(String fingerprint, Instant now, Duration window);

  /** After the alert: delivered keeps the turn (starts the window), not delivered gives it back. */
  void alertDone(AlertTurn turn, boolean delivered, Instant now);

  /** Records an alert sent without asking for a turn (events always alert): it starts the window. */
  void alerted(String fingerprint, Instant now);

  /**
   * When restores of a role resume, and who caused the pause, if they are paused now. A pause
   * never outlasts {@code rule}'s cool-down from now: a stored one that claims longer is ignored.
   */
  Optional<Pause> restoresPaused(String role, Instant now, FlapRule rule);

  /** Records a restore of a role by whom it undid; says whether it starts a pause. */
  Pause.Outcome restored(String role, Instant now, Set<String> actors, FlapRule rule);

  /** Remembers that a drift (by fingerprint) was made by an approved actor, bound to the event that said so. */
  void approve(String driftFingerprint, Approval approval);

  /**
   * The approval recorded for this exact drift, if any (whether it is still honoured is the
   * caller's to decide: actor still approved, fresh, no later change by someone else).
   */
  Optional<Approval> approval(String driftFingerprint);

  /** Records ActionTrail events the real-time path delivered (for the deafness check). */
  void delivered(Collection<DeliveredEvent> events, Instant now);

  /** Of these ActionTrail event ids, the ones the real-time path delivered. */
  Set<String> deliveredIds(Collection<String> eventIds);

  /** The last event the real-time path delivered, if any is remembered. */
  Optional<DeliveredEvent> lastDelivery();

  /** True the first time an undelivered event is reported, false afterwards (one alert per event). */
  boolean firstDeafnessReport(String eventId, Instant now);

  /** True when the memory is shared by every instance. */
  boolean durable();

  /** Where the memory lives, for the result and the log. */
  String describe();

  /** Before each invocation: try a failed store again, forget the last invocation's ignored objects. */
  default void startInvocation() {}

  /**
   * Why this invocation cannot rely on the memory it was configured with (the store failed and
   * per-instance memory stands in), if so: what only a shared memory can answer (was this event
   * delivered to any instance?) must not be asked then.
   */
  default Optional<String> degraded() {
    return Optional.empty();
  }

  /** The store's write probe, for {@code doctor}: none for memory that is not shared. */
  default Optional<StoreProbe> probe() {
    return Optional.empty();
  }

  /**
   * Stored objects this invocation ignored, and why: not written by the guard (no valid MAC) or
   * implausible (a time in the future, a pause longer than the cool-down). Bounded; never secret.
   */
  default List<String> ignored() {
    return List.of();
  }

  /**
   * How many of this invocation's ignored objects carry no valid MAC: written by someone else (or
   * under another {@code state.secret}). Those, and not the implausible ones a guard of another
   * configuration may have written, are what the guard alerts as tampering.
   */
  default int forged() {
    return 0;
  }
}
