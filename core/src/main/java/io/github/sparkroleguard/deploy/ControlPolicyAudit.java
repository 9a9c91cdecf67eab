package io.github.sparkroleguard.deploy;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.policy.RequestContext;
import io.github.sparkroleguard.restore.WriteStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the control policies attached to an account the way RAM would apply them, with the
 * project's evaluator: does some policy deny strangers of every kind (a RAM user, another role,
 * a role session) the writes that break a protected role or take over the guard's own role
 * (prevention is on), and does none deny the guard's own restore writes in any ARN form the
 * guard may present (its exceptions still name the deployed guard role, sessions included)?
 * Pure: the documents come in, a verdict goes out.
 */
public final class ControlPolicyAudit {
  /** A principal no one has, standing for "anyone else in the account". */
  static final String STRANGER = "spark-role-guard-doctor-probe";
  private static final Policy ALLOW_ALL = Policy.parse("{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
  private static final int EXAMPLES = 3;

  /** How the attached policies stand. */
  public enum Level {
    /** Prevention on, the guard let through. */
    OK,
    /** No prevention, partial prevention, or a document that cannot be read. */
    WARN,
    /** A control policy refuses the guard's own restore writes. */
    FAIL
  }

  /** The outcome, with a message a person can act on. */
  public static final class Verdict {
    private final Level level;
    private final String message;

    Verdict(Level level, String message) {
      this.level = Objects.requireNonNull(level, "level");
      this.message = Objects.requireNonNull(message, "message");
    }

    public Level level() {
      return level;
    }

    public String message() {
      return message;
    }
  }

  private ControlPolicyAudit() {}

  /**
   * @param accountId the member account the policies are attached to
   * @param documents the documents of the custom control policies attached to it (and its folders)
   */
  public static Verdict audit(GuardConfig config, String accountId, List<String> documents) {
    List<Policy> control = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      try {
        control.add(Policy.parse(documents.get(i)));
      } catch (PolicyFormatException e) {
        unreadable.add("#" + (i + 1) + ": " + e.getMessage());
      }
    }
    List<String> guardForms = guardForms(accountId, config.selfRoleName());
    List<String> guardDenied = new ArrayList<>();
    List<String> strangerAllowed = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    List<String[]> writes = protectedWrites(config, accountId);
    for (String[] w : writes) {
      for (String stranger : strangers(accountId)) {
        Decision d = decide(control, stranger, w);
        if (d != Decision.DENY) {
          (d == Decision.CONDITIONAL ? undecided : strangerAllowed).add(w[0] + " on " + w[1] + " by " + stranger);
          break;
        }
      }
    }
    for (String[] w : guardWrites(config, accountId)) {
      for (String guard : guardForms) {
        Decision self = decide(control, guard, w);
        if (self == Decision.DENY || self == Decision.CONDITIONAL) {
          (self == Decision.DENY ? guardDenied : undecided).add(w[0] + " on " + w[1] + " as " + guard);
          break;
        }
      }
    }
    if (!guardDenied.isEmpty()) {
      return new Verdict(Level.FAIL, "an attached control policy denies the guard's own restore writes ("
          + examples(guardDenied) + "): its exceptions do not name the guard role " + config.selfRoleName()
          + "; regenerate it with `control-policy` and update it");
    }
    String extra = (unreadable.isEmpty() ? "" : "; unreadable documents " + unreadable)
        + (undecided.isEmpty() ? "" : "; not decidable here (conditions the evaluator does not know): " + examples(undecided));
    int total = writes.size();
    if (strangerAllowed.size() == total) {
      return new Verdict(Level.WARN, "no attached control policy prevents edits of the protected roles (prevention off; "
          + "see README, Prevention)" + extra);
    }
    if (!strangerAllowed.isEmpty() || !extra.isEmpty()) {
      return new Verdict(Level.WARN, "control policies prevent " + (total - strangerAllowed.size()) + " of " + total
          + " protected writes" + (strangerAllowed.isEmpty() ? "" : "; still open: " + examples(strangerAllowed)) + extra);
    }
    return new Verdict(Level.OK, "control policies deny all " + total + " protected writes to others and let the guard role "
        + config.selfRoleName() + " through");
  }

  private static Decision decide(List<Policy> control, String principal, String[] write) {
    List<Policy> all = new ArrayList<>(control);
    all.add(ALLOW_ALL);
    return Evaluator.decide(all, write[0], write[1], RequestContext.principal(principal));
  }

  /**
   * Strangers of every kind a control policy with EffectScope RAM binds: a RAM user, another
   * role, and a session of another role (the ARN forms of {@link ArnForms}). A policy that binds
   * only users, or only role names without sessions, leaves the others through.
   */
  static List<String> strangers(String accountId) {
    return List.of("acs:ram::" + accountId + ":user/" + STRANGER, "acs:ram::" + accountId + ":role/" + STRANGER,
        "acs:ram::" + accountId + ":role/" + STRANGER + "/" + STRANGER + "-session");
  }

  /**
   * Every ARN form the guard may present as acs:PrincipalARN: its role as RAM reports it (lower
   * case) and as written, each bare and as a session (an STS session's form [inferred]); a policy
   * that excepts only {@code role/NAME} denies the guard's sessions.
   */
  static List<String> guardForms(String accountId, String roleName) {
    List<String> out = new ArrayList<>();
    for (String name : new java.util.LinkedHashSet<>(List.of(roleName.toLowerCase(Locale.ROOT), roleName))) {
      out.add("acs:ram::" + accountId + ":role/" + name);
      out.add("acs:ram::" + accountId + ":role/" + name + "/spark-role-guard");
    }
    return out;
  }

  /**
   * Every write {@link ControlPolicy} means to deny: on the protected roles (as RAM reports the
   * ARN, in lower case, and as written), the pinned policies (as written and in another case),
   * and the guard's own role (a stranger who could edit it would become the guard).
   */
  static List<String[]> protectedWrites(GuardConfig config, String accountId) {
    List<String[]> out = new ArrayList<>();
    List<String> roles = new ArrayList<>(roleNames(config));
    roles.add(config.selfRoleName());
    for (String role : roles) {
      for (String arn : new java.util.LinkedHashSet<>(List.of(roleArn(accountId, role), "acs:ram::" + accountId + ":role/" + role))) {
        ControlPolicy.ROLE_WRITES.forEach(a -> out.add(new String[] {a, arn}));
      }
    }
    for (String policy : customPolicies(config)) {
      for (String name : new java.util.LinkedHashSet<>(List.of(policy, policy.toUpperCase(Locale.ROOT)))) {
        ControlPolicy.POLICY_WRITES.forEach(a -> out.add(new String[] {a, policyArn(accountId, name)}));
      }
    }
    return out;
  }

  /** Every write the guard's restores make, on every ARN it could be checked against. */
  static List<String[]> guardWrites(GuardConfig config, String accountId) {
    List<String[]> out = new ArrayList<>();
    for (WriteStep.Action a : WriteStep.Action.values()) {
      for (String role : roleNames(config)) {
        out.add(new String[] {a.permission(), roleArn(accountId, role)});
      }
      for (String policy : customPolicies(config)) {
        out.add(new String[] {a.permission(), policyArn(accountId, policy)});
      }
    }
    return out;
  }

  private static List<String> roleNames(GuardConfig config) {
    List<String> out = new ArrayList<>();
    config.roles().forEach(r -> out.add(r.name()));
    out.add(ControlPolicyScope.SERVICE_LINKED_ROLE);
    return out;
  }

  private static List<String> customPolicies(GuardConfig config) {
    List<String> out = new ArrayList<>();
    for (RoleBaseline b : config.roles()) {
      for (PolicyRef p : b.policies()) {
        if (p.type() == PolicyType.CUSTOM && !out.contains(p.name())) {
          out.add(p.name());
        }
      }
    }
    return out;
  }

  private static String roleArn(String accountId, String name) {
    return "acs:ram::" + accountId + ":role/" + name.toLowerCase(Locale.ROOT);
  }

  private static String policyArn(String accountId, String name) {
    return "acs:ram::" + accountId + ":policy/" + name;
  }

  private static String examples(List<String> items) {
    return String.join(", ", items.subList(0, Math.min(EXAMPLES, items.size())))
        + (items.size() > EXAMPLES ? " and " + (items.size() - EXAMPLES) + " more" : "");
  }
}
