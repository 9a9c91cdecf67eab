package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** One statement of a RAM policy, every string-or-array field as a list. */
public final class Statement {
  /** Allow or Deny. */
  public enum Effect {
    ALLOW,
    DENY
  }

  final int index;
  final Effect effect;
  final List<String> actions;
  /** The action patterns in lower case, matched against a lower-cased action (actions ignore case). */
  private final List<String> actionsLower;
  final boolean notAction;
  final List<String> resources;
  final boolean notResource;
  final Map<String, List<String>> principals;
  final JsonNode condition;

  Statement(int index, Effect effect, List<String> actions, boolean notAction, List<String> resources,
      boolean notResource, Map<String, List<String>> principals, JsonNode condition) {
    this.index = index;
    this.effect = effect;
    this.actions = List.copyOf(actions);
    this.actionsLower = actions.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toList());
    this.notAction = notAction;
    this.resources = List.copyOf(resources);
    this.notResource = notResource;
    this.principals = Map.copyOf(principals);
    this.condition = condition;
  }

  public Effect effect() {
    return effect;
  }

  public boolean conditional() {
    return condition != null;
  }

  /**
   * The one rule for {@code "Condition": {}}: RAM's grammar makes Condition optional and lets its
   * map be empty [doc: RAM "Policy structure and syntax"], and published policies RAM accepts carry
   * it. It is no condition, in the canonical form, the semantic diff and the evaluator alike, so
   * deleting it is no drift and no reason to write a policy version.
   */
  static boolean noCondition(String key, JsonNode value) {
    return "Condition".equals(key) && value != null && value.isObject() && value.isEmpty();
  }

  /** Whether the statement covers the action (case-insensitive, wildcards * and ?). */
  boolean coversAction(String action) {
    return coversLowerAction(action.toLowerCase(java.util.Locale.ROOT));
  }

  /** The same, for an action already in lower case (the evaluator lowers it once per request). */
  boolean coversLowerAction(String lowerAction) {
    boolean any = false;
    for (String p : actionsLower) {
      if (Wildcard.matches(p, lowerAction, false)) {
        any = true;
        break;
      }
    }
    return notAction != any;
  }

  /** Whether the statement covers the resource (wildcards; no Resource means any, as in trust policies). */
  boolean coversResource(String resource) {
    if (resources.isEmpty()) {
      return true;
    }
    boolean any = false;
    for (String p : resources) {
      if (Wildcard.matches(p, resource, false)) {
        any = true;
        break;
      }
    }
    return notResource != any;
  }
}
