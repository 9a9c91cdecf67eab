package io.github.sparkroleguard.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.restore.WriteStep;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of results and webhook alerts; one place, so both say the same thing. */
public final class ResultJson {
  private ResultJson() {}

  public static ObjectNode role(RoleReport r) {
    ObjectNode n = Json.object();
    n.put("roleName", r.roleName());
    n.put("mode", r.mode().wireName());
    n.put("status", r.status().wireName());
    n.put("action", r.action().wireName());
    n.set("drift", drift(r.drift()));
    if (r.action() == RoleReport.Action.RESTORE) {
      n.set("remainingDrift", drift(r.remaining()));
    }
    n.set("writes", writes(r.writes()));
    n.set("events", events(r.events()));
    if (!r.attribution().isEmpty()) {
      n.put("attribution", r.attribution());
    }
    ArrayNode alerts = n.putArray("alerts");
    r.deliveries().forEach(d -> alerts.addObject()
        .put("channel", d.channel()).put("delivered", d.delivered()).put("detail", d.detail()));
    if (!r.notes().isEmpty()) {
      ArrayNode notes = n.putArray("notes");
      r.notes().forEach(notes::add);
    }
    if (r.coverage() != null) {
      n.set("coverage", r.coverage());
    }
    if (!r.error().isEmpty()) {
      n.put("error", r.error());
    }
    return n;
  }

  public static ArrayNode drift(List<DriftItem> items) {
    ArrayNode a = Json.array();
    for (DriftItem d : items) {
      ObjectNode o = a.addObject().put("kind", d.code()).put("severity", d.severity().name().toLowerCase(Locale.ROOT))
          .put("description", d.describe());
      if (d.meaning() != null) {
        o.put("change", d.meaning().kind().wireName());
        ArrayNode lines = o.putArray("meaning");
        d.meaning().lines().forEach(lines::add);
      }
      if (d.policyName() != null) {
        o.put("policyName", d.policyName()).put("policyType", d.policyType().wireName());
      }
    }
    return a;
  }

  /**
   * Each write in run order, numbered from 1; a write not run because another failed names that
   * write's number in {@code blockedBy}.
   */
  public static ArrayNode writes(List<StepResult> results) {
    ArrayNode a = Json.array();
    for (int i = 0; i < results.size(); i++) {
      StepResult w = results.get(i);
      ObjectNode o = a.addObject().put("step", i + 1).put("action", w.step().action().apiName())
          .put("permission", w.step().action().permission())
          .put("description", w.step().describe())
          .put("status", w.status().name().toLowerCase(Locale.ROOT))
          .put("detail", w.detail());
      WriteStep blocker = w.blockedBy().orElse(null);
      for (int j = 0; j < i; j++) {
        if (results.get(j).step() == blocker) {
          o.put("blockedBy", j + 1);
        }
      }
    }
    return a;
  }

  public static ArrayNode events(List<TrailRecord> records) {
    ArrayNode a = Json.array();
    for (TrailRecord r : records) {
      ObjectNode o = a.addObject().put("eventId", r.eventId()).put("eventName", r.eventName())
          .put("eventTime", r.eventTime());
      o.putObject("actor").put("type", r.actor().type()).put("name", r.actor().name())
          .put("accessKeyId", r.actor().maskedAccessKeyId());
      o.put("sourceIp", r.sourceIp()).put("userAgent", r.userAgent());
    }
    return a;
  }
}
