package io.github.sparkroleguard.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.EventBridgeConfig;
import io.github.sparkroleguard.deploy.EventPatternMatch;
import io.github.sparkroleguard.deploy.EventSamples;
import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.eventbridge.EventBridgePort;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CloudCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The EventBridge rules feeding the guard, in every region whose default bus carries RAM events
 * (cn-hangzhou for calls made for regions in China, ap-southeast-1 for the others): a rule exists,
 * is enabled, its whole pattern matches samples of every event the guard handles, targets this
 * function, and keeps failed pushes (retry strategy, dead-letter queue). Not being allowed to
 * look is a warning: the rules may be fine.
 */
final class EventBridgeRulesCheck implements DoctorCheck {
  static final String NAME = "eventbridge-rule";
  /** A rule's pattern is outside text: evaluated only up to this size. */
  private static final int MAX_PATTERN = 65536;
  private static final String FALLBACK = "deploy s.yaml (both resources), or create the rule by hand as the README's "
      + "'EventBridge trigger fallback' shows";

  private final EventBridgeConfig config;
  private final EventBridgePort eventBridge;

  EventBridgeRulesCheck(EventBridgeConfig config, EventBridgePort eventBridge) {
    this.config = config;
    this.eventBridge = eventBridge;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    for (String region : config.regions()) {
      out.addAll(region(region));
    }
    return out;
  }

  private List<Finding> region(String region) {
    String fn = config.functionName();
    List<EventBridgePort.Rule> rules;
    try {
      rules = eventBridge.listRules(region, EventBridgeFacts.DEFAULT_BUS);
    } catch (CloudCallException e) {
      if (Failures.denied(e)) {
        return List.of(Finding.warn(NAME, region, "not permitted to read the rules of the default bus ("
            + e.code() + "), so the real-time path is unverified", "grant " + String.join(" and ", EventBridgeFacts.PERMISSIONS)
            + " on acs:eventbridge:" + region + ":*:eventbus/default/rule/* to the role doctor runs as, or check "
            + "the rule in the EventBridge console"));
      }
      return List.of(Finding.fail(NAME, region, Failures.describe("ListRules", e),
          "check eventbridge.endpoints in the configuration and the network, then rerun doctor"));
    }
    List<Finding> out = new ArrayList<>();
    for (EventBridgePort.Rule r : rules) {
      List<EventBridgePort.Target> mine = new ArrayList<>();
      r.targets().stream().filter(t -> EventBridgeFacts.targetsFunction(t.type(), t.endpoint(), fn)).forEach(mine::add);
      if (!mine.isEmpty()) {
        out.add(rule(region, r, mine));
      }
    }
    if (out.isEmpty()) {
      out.add(Finding.fail(NAME, region, "no rule on the default bus (" + rules.size() + " rule(s) read) targets function "
          + fn + ": RAM events of calls made for " + (region.startsWith("cn-") ? "regions in China" : "regions outside China")
          + " never reach the guard in real time (the timer scan still catches them later)", FALLBACK));
    }
    return out;
  }

  private static Finding rule(String region, EventBridgePort.Rule r, List<EventBridgePort.Target> mine) {
    String subject = region + "/" + r.name();
    List<String> fails = new ArrayList<>();
    List<String> warns = new ArrayList<>();
    if (!EventBridgeFacts.STATUS_ENABLED.equalsIgnoreCase(r.status())) {
      fails.add("the rule is " + (r.status().isEmpty() ? "not enabled" : r.status()));
    }
    pattern(region, r.filterPattern(), fails, warns);
    boolean retry = mine.stream().anyMatch(t -> !t.pushRetryStrategy().isEmpty());
    boolean dlq = mine.stream().anyMatch(t -> !t.deadLetterQueue().isEmpty());
    if (!retry || !dlq) {
      warns.add("failed pushes are not kept by EventBridge (" + (retry ? "" : "no retry strategy") + (retry || dlq ? "" : ", ")
          + (dlq ? "" : "no dead-letter queue") + ")");
    }
    if (!fails.isEmpty()) {
      fails.addAll(warns);
      return Finding.fail(NAME, subject, String.join("; ", fails), "enable the rule and give it the pattern in s.yaml "
          + "(java -jar spark-role-guard.jar doctor --json shows what is missing); " + FALLBACK);
    }
    if (!warns.isEmpty()) {
      return Finding.warn(NAME, subject, String.join("; ", warns), "set runOptions.retryStrategy and "
          + "runOptions.deadLetterQueue on the trigger as s.yaml does, then redeploy");
    }
    return Finding.pass(NAME, subject, "enabled; its whole pattern matches the " + ChangeEvents.EVENTBRIDGE_TYPES.size() + " RAM event types, "
        + ChangeEvents.eventNames().size() + " event names and every kind of caller; targets the function; retry " + mine.get(0).pushRetryStrategy()
        + " with a dead-letter queue");
  }

  /**
   * The rule's whole pattern (source, type, every data field, with EventBridge's operators),
   * evaluated against samples of every event the guard handles ({@link EventSamples}): missing
   * an API call is a fail, a rule that can never match the guard's events is a fail, missing only
   * console or service events is a warning.
   */
  private static void pattern(String region, String text, List<String> fails, List<String> warns) {
    if (text.length() > MAX_PATTERN) {
      fails.add("the event pattern is larger than " + MAX_PATTERN + " characters and is not evaluated");
      return;
    }
    JsonNode p;
    try {
      p = Json.parse(text);
      EventPatternMatch.validate(p);
    } catch (IllegalArgumentException e) {
      fails.add("the event pattern is not one EventBridge documents: " + e.getMessage());
      return;
    } catch (Exception e) {
      fails.add("the event pattern is not JSON");
      return;
    }
    List<ObjectNode> samples = EventSamples.forRegion(region);
    Set<String> apiNames = new TreeSet<>();
    Set<String> otherTypes = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    int missed = 0;
    for (ObjectNode sample : samples) {
      Optional<String> field = EventPatternMatch.mismatch(p, sample);
      if (field.isEmpty()) {
        continue;
      }
      missed++;
      fields.add(field.get());
      String type = sample.path("type").asText();
      if (type.equals(ChangeEvents.API_CALL_TYPE)) {
        apiNames.add(sample.path("data").path("eventName").asText());
      } else {
        otherTypes.add(type);
      }
    }
    String where = " (first field that does not match: " + bounded(fields) + ")";
    if (missed == samples.size()) {
      fails.add("the pattern can never match the guard's events: none of " + samples.size() + " samples of the RAM events "
          + "it handles matches" + where);
    } else if (!apiNames.isEmpty()) {
      fails.add("the pattern misses event name(s) the guard handles: " + bounded(apiNames) + where);
    } else if (!otherTypes.isEmpty()) {
      warns.add("the pattern misses some events of type(s) " + otherTypes + where);
    }
  }

  private static String bounded(Set<String> names) {
    List<String> l = new ArrayList<>(names);
    return l.size() <= 12 ? l.toString() : l.subList(0, 12) + " and " + (l.size() - 12) + " more";
  }
}
