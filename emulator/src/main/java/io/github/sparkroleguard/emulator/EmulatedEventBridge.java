package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EventBridge reads {@code doctor} makes (ListRules, ListTargets; API 2020-04-01, RPC), over
 * rules held per region and bus. Answers are wrapped in {@code Data} as the public API reference
 * and the official Terraform provider read them; paging by {@code Limit}/{@code NextToken}. A
 * region can be made to refuse the caller (as RAM does without the permission). Independent of
 * the guard's own code: the shapes come from the documentation, not from the adapter.
 */
public final class EmulatedEventBridge {
  static final String VERSION = "2020-04-01";
  private static final Set<String> ACTIONS = Set.of("ListRules", "ListTargets");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** region -> bus -> rules, in creation order. */
  private final Map<String, Map<String, List<ObjectNode>>> rules = new LinkedHashMap<>();
  private final Set<String> refused = new java.util.HashSet<>();

  boolean handles(String action, String version) {
    return ACTIONS.contains(action) && VERSION.equals(version);
  }

  /**
   * Adds a rule with one target.
   *
   * @param status ENABLE or DISABLE
   * @param filterPattern the event pattern, a JSON string
   * @param targetEndpoint e.g. {@code acs:fc:cn-hangzhou:ACCOUNT:functions/NAME}
   * @param deadLetterArn empty for none
   */
  public synchronized void putRule(String region, String bus, String name, String status, String filterPattern,
      String targetType, String targetEndpoint, String pushRetryStrategy, String deadLetterArn) {
    List<ObjectNode> list = rules.computeIfAbsent(region, r -> new LinkedHashMap<>()).computeIfAbsent(bus, b -> new ArrayList<>());
    list.removeIf(r -> r.path("RuleName").asText().equals(name));
    ObjectNode rule = JSON.createObjectNode();
    rule.put("RuleName", name).put("EventBusName", bus).put("Status", status).put("FilterPattern", filterPattern)
        .put("RuleARN", "acs:eventbridge:" + region + ":1234567890123456:eventbus/" + bus + "/rule/" + name)
        .put("Description", "");
    ObjectNode target = rule.putArray("Targets").addObject();
    target.put("Id", name + "-target").put("Type", targetType).put("Endpoint", targetEndpoint)
        .put("PushRetryStrategy", pushRetryStrategy);
    if (!deadLetterArn.isEmpty()) {
      target.putObject("DeadLetterQueue").put("Arn", deadLetterArn);
    }
    list.add(rule);
  }

  public synchronized void removeRule(String region, String bus, String name) {
    rules.getOrDefault(region, Map.of()).getOrDefault(bus, new ArrayList<>()).removeIf(r -> r.path("RuleName").asText().equals(name));
  }

  /** From now on, calls for this region answer 403 NoPermission (or again succeed, with false). */
  public synchronized void refuse(String region, boolean value) {
    if (value) {
      refused.add(region);
    } else {
      refused.remove(region);
    }
  }

  synchronized ObjectNode run(String action, Map<String, String> p) {
    String region = p.getOrDefault("RegionId", "");
    if (refused.contains(region)) {
      throw new EmulatorException(403, "NoPermission", "You are not authorized to do this action. Action: eventbridge:" + action);
    }
    String bus = required(p, "EventBusName");
    Map<String, List<ObjectNode>> buses = rules.getOrDefault(region, Map.of());
    if (!"default".equals(bus) && !buses.containsKey(bus)) {
      throw EmulatorException.notFound("EventBusNotExist", "The event bus [" + bus + "] not existed!");
    }
    List<ObjectNode> list = buses.getOrDefault(bus, List.of());
    int limit = limit(p);
    int from = offset(p);
    ObjectNode out = JSON.createObjectNode();
    out.put("Code", "Success").put("Success", true).put("Message", "");
    ObjectNode data = out.putObject("Data");
    if ("ListRules".equals(action)) {
      String prefix = p.getOrDefault("RuleNamePrefix", "");
      List<ObjectNode> matching = new ArrayList<>();
      list.stream().filter(r -> r.path("RuleName").asText().startsWith(prefix)).forEach(matching::add);
      ArrayNode page = data.putArray("Rules");
      matching.stream().skip(from).limit(limit).forEach(r -> page.add(r.deepCopy()));
      data.put("Total", matching.size());
      data.put("NextToken", from + limit < matching.size() ? String.valueOf(from + limit) : "");
      return out;
    }
    String ruleName = required(p, "RuleName");
    ObjectNode rule = list.stream().filter(r -> r.path("RuleName").asText().equals(ruleName)).findFirst()
        .orElseThrow(() -> EmulatorException.notFound("EventRuleNotExisted", "The event rule [" + ruleName + "] not existed!"));
    ArrayNode page = data.putArray("Targets");
    List<ObjectNode> targets = new ArrayList<>();
    rule.path("Targets").forEach(t -> targets.add((ObjectNode) t));
    targets.stream().skip(from).limit(limit).forEach(t -> page.add(t.deepCopy()));
    data.put("Total", targets.size());
    data.put("NextToken", from + limit < targets.size() ? String.valueOf(from + limit) : "");
    return out;
  }

  private static int limit(Map<String, String> p) {
    try {
      int v = Integer.parseInt(p.getOrDefault("Limit", "10"));
      if (v < 1 || v > 100) {
        throw EmulatorException.invalid("InvalidParameter.Limit", "Limit must be between 1 and 100.");
      }
      return v;
    } catch (NumberFormatException e) {
      throw EmulatorException.invalid("InvalidParameter.Limit", "Limit must be a number.");
    }
  }

  private static int offset(Map<String, String> p) {
    String t = p.getOrDefault("NextToken", "");
    if (t.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw EmulatorException.invalid("InvalidParameter.NextToken", "The NextToken is invalid.");
    }
  }

  private static String required(Map<String, String> p, String key) {
    String v = p.getOrDefault(key, "");
    if (v.isEmpty()) {
      throw EmulatorException.invalid("MissingParameter", "The parameter " + key + " is required.");
    }
    return v;
  }
}
