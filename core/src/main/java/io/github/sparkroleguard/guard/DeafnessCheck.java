package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.event.Classification;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.event.SelfIdentity;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.StoreFacts;
import io.github.sparkroleguard.trail.TrailPort;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notices when the real-time path has gone deaf (a trigger disabled, events going to the other
 * region's bus, a rule deleted): the timer compares the writes ActionTrail has on protected roles
 * and pinned policies (older than its indexing delay, within the window) with the events the
 * event path recorded as delivered in the shared store. Only meaningful with a shared store that
 * answers: with per-instance memory standing in, every event another instance received would
 * look undelivered, so {@link DeafnessAlerts} does not run it then.
 */
final class DeafnessCheck {
  /** An event ActionTrail has and the event path never received, with the roles it touches. */
  static final class Missed {
    final TrailRecord record;
    final List<String> roles;
    final Duration age;

    Missed(TrailRecord record, List<String> roles, Duration age) {
      this.record = record;
      this.roles = List.copyOf(roles);
      this.age = age;
    }
  }

  /** What one check found; {@code error} is empty when it completed; {@code truncated}: more writes than it reads. */
  static final class Outcome {
    final List<Missed> missed;
    final int compared;
    final String error;
    final boolean truncated;

    Outcome(List<Missed> missed, int compared, String error, boolean truncated) {
      this.missed = List.copyOf(missed);
      this.compared = compared;
      this.error = error;
      this.truncated = truncated;
    }
  }

  private final TrailPort trail;
  private final GuardState state;
  private final GuardConfig config;
  private final Classifier classifier;
  private final SelfRecognition self;
  /** The identity of the check under way: learned once per check, from the first record that needs it. */
  private SelfIdentity identity;
  private boolean identified;

  /** @param self how the guard's own writes are told: the one predicate the event path uses too */
  DeafnessCheck(TrailPort trail, GuardState state, GuardConfig config, SelfRecognition self) {
    this.trail = trail;
    this.state = state;
    this.config = config;
    this.classifier = new Classifier(config);
    this.self = self;
  }

  Outcome check(Instant now) {
    identity = self.identify(List.of(), "");
    identified = false;
    Duration window = Duration.ofMinutes(config.state().deafnessMinutes());
    Instant start = now.minus(window);
    Instant end = now.minus(StoreFacts.TRAIL_INDEXING_DELAY);
    Map<String, TrailRecord> candidates = new LinkedHashMap<>();
    Map<String, List<String>> rolesOf = new LinkedHashMap<>();
    boolean truncated = false;
    try {
      for (String service : StoreFacts.TRAIL_SERVICE_NAMES) {
        String token = "";
        int pages = 0;
        do {
          TrailPort.Page page = trail.lookup("ServiceName", service, "EventRW", "Write", start, end, token);
          pages++;
          for (TrailRecord r : page.records()) {
            List<String> roles = protectedRoles(r);
            if (roles.isEmpty() || !compared(r)) {
              continue;
            }
            if (candidates.size() >= StoreFacts.DEAFNESS_MAX_EVENTS) {
              truncated = true;
              continue;
            }
            candidates.putIfAbsent(r.eventId(), r);
            rolesOf.putIfAbsent(r.eventId(), roles);
          }
          token = page.nextToken();
        } while (!token.isEmpty() && pages < StoreFacts.DEAFNESS_MAX_PAGES);
        truncated |= !token.isEmpty();
      }
    } catch (CloudCallException e) {
      return new Outcome(List.of(), 0, "ActionTrail lookup failed (" + e.code() + ")", false);
    }
    Set<String> delivered = state.deliveredIds(candidates.keySet());
    List<Missed> missed = new ArrayList<>();
    for (TrailRecord r : candidates.values()) {
      if (!delivered.contains(r.eventId())) {
        missed.add(new Missed(r, rolesOf.get(r.eventId()), age(r, now)));
      }
    }
    return new Outcome(missed, candidates.size(), "", truncated);
  }

  /**
   * Succeeded writes by someone other than the guard, with an id to compare by, of a service
   * whose records EventBridge delivers (never Resource Management's, whatever the lookup returned).
   */
  private boolean compared(TrailRecord r) {
    return !r.eventId().isEmpty() && StoreFacts.TRAIL_SERVICE_NAMES.stream().anyMatch(s -> s.equalsIgnoreCase(r.serviceName())) && (StoreFacts.COMPARE_FAILED_CALLS || r.errorCode().isEmpty())
        && !ownWrite(r);
  }

  /**
   * The guard's own writes are never recorded as delivered, so they are not compared. Told as the
   * event path tells them ({@link SelfIdentity#made}: its keys or its role's id, never the role
   * name alone); a record bearing the guard's role name whose role id could not be learned is
   * left out too, as it may be the guard's own.
   */
  boolean ownWrite(TrailRecord r) {
    if (!identified && identity.needsRoleId(r.actor())) {
      identity = self.identify(List.of(r), "");
      identified = true;
    }
    return identity.made(r.actor()) || identity.needsRoleId(r.actor());
  }

  /**
   * The protected roles a RAM or Resource Management write names, resolved as the event path
   * resolves them (the classifier and its one table: role names, pinned custom policies,
   * Resource Management's PrincipalName and service-linked roles).
   */
  private List<String> protectedRoles(TrailRecord r) {
    Classification c = classifier.classify(r, identity);
    return c.skipped() ? List.of() : c.roles();
  }

  private static Duration age(TrailRecord r, Instant now) {
    try {
      return Duration.between(Instant.parse(r.eventTime()), now);
    } catch (DateTimeParseException e) {
      return Duration.ZERO;
    }
  }
}
