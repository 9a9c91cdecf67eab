package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.Hardening;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.state.Approval;
import io.github.sparkroleguard.state.StoreFacts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a stored approval still covers a drift a scan found. An approval is evidence of one
 * delivered change by one approved actor, not a licence for the same drift forever: it is
 * honoured only while approved actors are configured and still name its actor, within its
 * lifetime, and when ActionTrail names no later change to the role than the approved event
 * itself (the same change made again by someone else, through a call EventBridge never carries,
 * is not approved by it). Pure: no I/O, time passed in.
 */
final class Approvals {
  private Approvals() {}

  /**
   * Empty when honoured; else why not (for the result).
   *
   * @param trailAnswered whether ActionTrail was asked and answered: when it was not (attribution
   *     off, or the lookup failed or was throttled) no later change can be ruled out, so the
   *     approval is not honoured; otherwise anyone able to exhaust the lookup's quota could make a
   *     scan honour an approval for a change someone else made again
   */
  static Optional<String> refusal(Approval a, Hardening hardening, List<TrailRecord> attributed, boolean trailAnswered,
      Instant now) {
    if (hardening.approvedActors().isEmpty()) {
      return Optional.of("approvedActors is no longer configured");
    }
    if (!hardening.approves(a.userName(), a.assumedRoleName())) {
      return Optional.of("its actor (" + a.actor() + ") is no longer in approvedActors");
    }
    if (a.receivedAt().isAfter(now.plus(StoreFacts.CLOCK_SKEW))) {
      return Optional.of("it was recorded in the future (" + a.receivedAt() + ")");
    }
    if (!now.isBefore(a.expiresAt())) {
      return Optional.of("it expired at " + a.expiresAt() + " (approvals last " + Approval.LIFETIME.toHours() + " h)");
    }
    if (!trailAnswered) {
      return Optional.of("ActionTrail did not answer (attribution off or the lookup failed), so a later change by"
          + " someone else cannot be ruled out");
    }
    Optional<TrailRecord> latest = attributed.stream().max(Comparator.comparing(TrailRecord::eventTime));
    if (latest.isPresent() && !latest.get().eventId().equals(a.eventId())) {
      Optional<Instant> at = time(latest.get().eventTime());
      // ActionTrail times are whole seconds: in the approved event's own second, only the same actor's call is covered.
      if (a.eventTime().isEmpty() || at.isEmpty() || at.get().isAfter(a.eventTime().get())
          || at.get().equals(a.eventTime().get()) && !latest.get().actor().name().equals(a.userName())) {
        return Optional.of("ActionTrail names a later change (" + latest.get().eventName() + " by "
            + latest.get().actor().describe() + ", event " + latest.get().eventId() + ") than the approved event "
            + a.eventId());
      }
    }
    return Optional.empty();
  }

  /** The approval a delivered change by approved actors gives: bound to its newest event. */
  static Optional<Approval> of(List<TrailRecord> events, Instant now) {
    return events.stream().max(Comparator.comparing(TrailRecord::eventTime)).map(r -> new Approval(r.eventId(),
        r.actor().name(), r.actor().assumedRoleName(), r.actor().describe(), time(r.eventTime()).orElse(null), now));
  }

  private static Optional<Instant> time(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
