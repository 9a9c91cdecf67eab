package io.github.sparkroleguard.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.restore.WriteStep;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of results and webhook alerts; one place, so both say the same thing. */
public final class ResultJson {
  private ResultJson() {}

  /** The whole result of one invocation, as returned to FC and printed by the command line. */
  public static ObjectNode invocation(Invocation r) {
    ObjectNode n = Json.object();
    if (r.trigger() != null) {
      n.put("trigger", r.trigger());
      n.put("dryRun", r.dryRun());
    }
    if (r.skipped() != null) {
      ArrayNode skipped = n.putArray("skipped");
      r.skipped().forEach(k -> skipped.addObject().put("eventId", k.eventId()).put("eventName", k.eventName())
          .put("reason", k.reason()));
    }
    if (r.command() != null) {
      n.put("command", r.command());
    }
    if (r.roleName() != null) {
      n.put("roleName", r.roleName());
    }
    if (r.document() != null) {
      n.setAll(r.document().deepCopy());
    }
    if (r.history() != null) {
      HistoryAnswer h = r.history();
      n.put("hours", h.hours()).put("lookups", h.lookups()).put("truncated", h.truncated());
      n.put("note", "ActionTrail makes events queryable about 10 minutes after they happen");
      n.set("changes", events(h.changes()));
    }
    if (r.roles() != null) {
      ArrayNode roles = n.putArray("roles");
      r.roles().forEach(role -> roles.add(role(role)));
      n.put("writes", r.writes());
    }
    n.put("ok", r.errorCode() == null);
    if (r.errorCode() != null) {
      n.putObject("error").put("code", r.errorCode()).put("message", r.errorMessage());
    }
    return n;
  }

  /** The coverage check's result. */
  public static ObjectNode coverage(CoverageResult c) {
    ObjectNode out = Json.object();
    if (c.coverage() == null) {
      return out.put("complete", false).put("error", c.error());
    }
    out.put("complete", c.complete());
    out.put("systemPolicy", c.systemPolicyRead() ? Defaults.DEFAULT_ROLE_POLICY + " (live)" : "unreadable");
    ArrayNode lacking = out.putArray("lackingSystemPolicyActions");
    c.coverage().lackingSystemActions().forEach(lacking::add);
    ArrayNode needs = out.putArray("workspaceNeeds");
    c.coverage().needs().forEach(x -> needs.addObject().put("need", x.what).put("action", x.action)
        .put("resource", x.resource).put("decision", wire(x.decision)));
    return out;
  }

  /** An evaluator decision as results spell it, e.g. implicit_deny. */
  static String wire(Decision d) {
    return d.name().toLowerCase(Locale.ROOT);
  }

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
      n.set("coverage", coverage(r.coverage()));
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
      if (!d.resourceGroupId().isEmpty()) {
        o.put("resourceGroupId", d.resourceGroupId()); // the scope of a grant made through Resource Management
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
