package io.github.sparkroleguard.policy;

import java.util.List;

/**
 * RAM's evaluation for an (action, resource) request over a set of policies: explicit Deny
 * overrides Allow; no matching Allow is an implicit deny; actions are case-insensitive and both
 * actions and resources take * and ? wildcards; NotAction and NotResource invert the match.
 * A Condition is decided only when its operators are ones {@link Conditions} knows and the
 * {@link RequestContext} carries its keys; otherwise it is never guessed: it makes the answer
 * CONDITIONAL where it could change it. Pure.
 */
public final class Evaluator {
  private Evaluator() {}

  public static Decision decide(List<Policy> policies, String action, String resource) {
    return decide(policies, action, resource, RequestContext.EMPTY);
  }

  /** As above, for a request whose condition keys (the principal's ARN, ...) are known. */
  public static Decision decide(List<Policy> policies, String action, String resource, RequestContext context) {
    boolean allow = false;
    boolean conditionalAllow = false;
    boolean conditionalDeny = false;
    String lowerAction = action.toLowerCase(java.util.Locale.ROOT);
    for (Policy p : policies) {
      for (Statement s : p.statements()) {
        if (!s.coversLowerAction(lowerAction) || !s.coversResource(resource)) {
          continue;
        }
        Conditions.Outcome condition = s.conditional() ? Conditions.evaluate(s.condition, context) : Conditions.Outcome.MATCH;
        if (condition == Conditions.Outcome.NO_MATCH) {
          continue;
        }
        boolean conditional = condition == Conditions.Outcome.UNKNOWN;
        if (s.effect() == Statement.Effect.DENY) {
          if (!conditional) {
            return Decision.DENY;
          }
          conditionalDeny = true;
        } else if (conditional) {
          conditionalAllow = true;
        } else {
          allow = true;
        }
      }
    }
    if (allow) {
      return conditionalDeny ? Decision.CONDITIONAL : Decision.ALLOW;
    }
    return conditionalAllow ? Decision.CONDITIONAL : Decision.IMPLICIT_DENY;
  }

  public static Decision decide(Policy policy, String action, String resource) {
    return decide(List.of(policy), action, resource);
  }

  public static Decision decide(Policy policy, String action, String resource, RequestContext context) {
    return decide(List.of(policy), action, resource, context);
  }
}
