package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.StoreFacts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns what {@link DeafnessCheck} found into one alert per never-delivered event (never twice
 * for the same event, whichever instance scans) and a summary for the timer's result.
 */
final class DeafnessAlerts {
  /** The likely causes, most likely first (PLATFORM.md section 3). */
  static final String CAUSES = "likely causes: the EventBridge trigger is disabled or was deleted; the event went to the "
      + "other region's bus (RAM events of China regions go to cn-hangzhou, others to ap-southeast-1) and no trigger "
      + "listens there; the trigger's rule or its event pattern was changed";

  private final DeafnessCheck check;
  private final GuardState state;
  private final Alerts alerts;
  private final DecisionLog log;

  DeafnessAlerts(DeafnessCheck check, GuardState state, Alerts alerts, DecisionLog log) {
    this.check = check;
    this.state = state;
    this.alerts = alerts;
    this.log = log;
  }

  ObjectNode run(Instant now, String accountId) {
    ObjectNode out = Json.object();
    if (state.degraded().isPresent()) {
      return skipped(out);
    }
    DeafnessCheck.Outcome found = check.check(now);
    if (state.degraded().isPresent()) { // the store failed while being asked: its answer was this instance's alone
      return skipped(out);
    }
    out.put("compared", found.compared);
    if (!found.error.isEmpty()) {
      out.put("error", found.error);
      log.line("deafness").put("error", found.error).write();
      return out;
    }
    if (found.truncated) {
      out.put("truncated", true).put("note", "ActionTrail has more writes on protected roles in the window than one scan "
          + "compares (" + StoreFacts.DEAFNESS_MAX_EVENTS + " events, " + StoreFacts.DEAFNESS_MAX_PAGES
          + " pages): the comparison was truncated, older writes were not compared");
      log.line("deafness").put("truncated", "true").write();
    }
    state.lastDelivery().ifPresent(d -> out.put("lastDelivery", d.receivedAt().toString()).put("lastEventName", d.eventName()));
    ArrayNode missed = out.putArray("undelivered");
    for (DeafnessCheck.Missed m : found.missed) {
      long minutes = m.age.toMinutes();
      ObjectNode n = missed.addObject().put("eventId", m.record.eventId()).put("eventName", m.record.eventName())
          .put("eventTime", m.record.eventTime()).put("ageMinutes", minutes).put("roles", String.join(",", m.roles));
      boolean first = state.firstDeafnessReport(m.record.eventId(), now);
      n.put("alerted", first);
      log.line("deafness").put("eventId", m.record.eventId()).put("eventName", m.record.eventName())
          .put("ageMinutes", String.valueOf(minutes)).put("firstReport", String.valueOf(first)).write();
      if (!first) {
        continue;
      }
      RoleReport report = RoleReport.builder(m.roles.get(0), Mode.ALERT, GuardRequest.Kind.TIMER, List.of(m.record))
          .acted(RoleReport.Action.NONE)
          .note("ActionTrail has this change from " + minutes + " minutes ago, but the real-time path never delivered "
              + "it: the guard only finds such changes at its timer scans (" + m.record.eventName() + ", event "
              + m.record.eventId() + ")")
          .note(CAUSES)
          .build();
      List<Delivery> d = alerts.send(AlertMessage.undelivered(report, accountId, now.truncatedTo(ChronoUnit.SECONDS).toString()));
      n.put("delivered", d.stream().anyMatch(Delivery::delivered));
    }
    return out;
  }

  /**
   * Per-instance memory only knows this instance's deliveries: comparing with it would call
   * every event other instances received undelivered. The result says why nothing was compared.
   */
  private ObjectNode skipped(ObjectNode out) {
    String why = "not compared: " + state.degraded().orElse("") + "; which events other instances received is unknown";
    log.line("deafness").put("skipped", why).write();
    return out.put("compared", 0).put("skipped", why);
  }
}
