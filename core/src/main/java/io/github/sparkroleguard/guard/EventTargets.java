package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.event.Classification;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.event.RejectedRecord;
import io.github.sparkroleguard.event.SelfIdentity;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.Skip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From a batch of event records to the protected roles to inspect: drops deliveries this
 * instance already handled, classifies the rest, logs and lists every skip with its reason
 * (unreadable records of a batch included).
 */
final class EventTargets {
  /** The roles to inspect (configuration order, each once, with its records), and what was skipped. */
  static final class Targets {
    final Map<String, List<TrailRecord>> byRole;
    final List<Skip> skipped;
    /** Deliveries to remember as handled once the invocation succeeds. */
    final List<String> handledIds;

    private Targets(Map<String, List<TrailRecord>> byRole, List<Skip> skipped, List<String> handledIds) {
      this.byRole = byRole;
      this.skipped = List.copyOf(skipped);
      this.handledIds = List.copyOf(handledIds);
    }
  }

  private final GuardConfig config;
  private final Classifier classifier;
  private final DecisionLog log;

  private SelfRecognition self;

  /** How the guard's own writes are told (keys and role id); set once by the guard. */
  EventTargets recognising(SelfRecognition value) {
    this.self = value;
    return this;
  }

  EventTargets(GuardConfig config, DecisionLog log) {
    this.config = config;
    this.classifier = new Classifier(config);
    this.log = log;
  }

  /** @param rejected records that could not be read: skips, so that one does not block the batch */
  Targets of(List<TrailRecord> records, List<RejectedRecord> rejected, String selfAccessKeyId, DeliveryClaims claims) {
    Map<String, List<TrailRecord>> byRole = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    List<String> handledIds = new ArrayList<>();
    List<TrailRecord> relevant = new ArrayList<>();
    SelfIdentity identity = self == null ? SelfIdentity.ofKey(config.selfRoleName(), selfAccessKeyId)
        : self.identify(records, selfAccessKeyId);
    for (TrailRecord r : records) {
      Classification c = classifier.classify(r, identity);
      String reason = c.reason();
      if (!c.skipped()) {
        relevant.add(r);
        reason = claims.claim(r); // a duplicate has the same id AND content; claimed ones are handled
        if (reason.isEmpty()) {
          handledIds.add(r.deliveryId());
          log.line("inspect").put("eventId", r.eventId()).put("eventName", r.eventName())
              .put("roles", String.join(",", c.roles())).put("reason", c.reason()).write();
          c.roles().forEach(role -> byRole.computeIfAbsent(role, k -> new ArrayList<>()).add(r));
          continue;
        }
      }
      log.line("skip").put("eventId", r.eventId()).put("eventName", r.eventName()).put("reason", reason).write();
      skipped.add(new Skip(r.eventId(), r.eventName(), reason));
    }
    for (RejectedRecord x : rejected) {
      String reason = "record cannot be read: " + x.reason();
      log.line("skip").put("eventId", x.eventId()).put("eventName", x.eventName()).put("reason", reason).write();
      skipped.add(new Skip(x.eventId(), x.eventName(), reason));
    }
    claims.recordDelivered(relevant);
    Map<String, List<TrailRecord>> ordered = new LinkedHashMap<>();
    config.roles().stream().filter(b -> byRole.containsKey(b.name())).forEach(b -> ordered.put(b.name(), byRole.get(b.name())));
    return new Targets(ordered, skipped, handledIds);
  }
}
