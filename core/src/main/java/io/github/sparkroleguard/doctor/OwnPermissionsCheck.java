package io.github.sparkroleguard.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.deploy.FunctionRolePolicy;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard's own permissions, read live: every (action, resource) its reads and restores may
 * need for this configuration (what {@code function-policy} generates) is evaluated with the
 * project's policy evaluator over the policies attached to the function's role. A restore that
 * would be refused is found now, not during an incident.
 */
final class OwnPermissionsCheck implements DoctorCheck {
  static final String NAME = "own-permissions";
  /** Stands for "any name" where the guard's policy grants a wildcard (e.g. detach any unexpected policy). */
  static final String ANY_NAME = "any-name-doctor-probe";
  /** The region a regional ARN is evaluated in when the generated policy leaves it open. */
  static final String PROBE_REGION = "cn-hangzhou";
  private static final int MAX_LISTED = 8;

  private final GuardConfig config;
  private final RamPort ram;
  private final String accountId;

  OwnPermissionsCheck(GuardConfig config, RamPort ram, String accountId) {
    this.config = config;
    this.ram = ram;
    this.accountId = accountId.isEmpty() ? "*" : accountId;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    String self = config.selfRoleName();
    List<Policy> live = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String step = "GetRole " + self;
    try {
      if (ram.getRoleTrustPolicy(self).isEmpty()) {
        return List.of(Finding.warn(NAME, self, "the guard's own role does not exist here, so its permissions cannot be read",
            "set self.roleName to the role the function runs as (s.yaml: role), then rerun doctor"));
      }
      step = "ListPoliciesForRole " + self;
      for (AttachedPolicy a : ram.listPoliciesForRole(self)) {
        step = "GetPolicy " + a.name();
        Optional<PolicyVersion> v = ram.getDefaultPolicyVersion(a.type(), a.name());
        if (v.isPresent()) {
          live.add(Policy.parse(v.get().document()));
          names.add(a.name());
        }
      }
    } catch (CloudCallException e) {
      return List.of(Finding.warn(NAME, self, "cannot read the guard's own policies: " + Failures.describe(step, e),
          "grant ram:GetRole and ram:ListPoliciesForRole on the guard's role and ram:GetPolicy on its policies "
              + "(function-policy includes them), or run doctor with credentials that can read RAM"));
    }
    Map<String, List<String>> refused = new LinkedHashMap<>();
    Map<String, List<String>> conditional = new LinkedHashMap<>();
    int pairs = 0;
    for (JsonNode s : FunctionRolePolicy.generate(config).path("Statement")) {
      for (JsonNode action : s.path("Action")) {
        for (JsonNode resource : s.path("Resource")) {
          pairs++;
          String arn = concrete(resource.asText());
          Decision d = Evaluator.decide(live, action.asText(), arn);
          if (d == Decision.CONDITIONAL) {
            conditional.computeIfAbsent(action.asText(), k -> new ArrayList<>()).add(arn);
          } else if (d != Decision.ALLOW) {
            refused.computeIfAbsent(action.asText() + (d == Decision.DENY ? " (explicitly denied)" : ""),
                k -> new ArrayList<>()).add(arn);
          }
        }
      }
    }
    String over = "over the " + names.size() + " polic" + (names.size() == 1 ? "y" : "ies") + " attached to " + self
        + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
    if (!refused.isEmpty()) {
      return List.of(Finding.fail(NAME, self, "not allowed " + over + ": " + listed(refused),
          "attach the policies `java -jar spark-role-guard.jar function-policy` prints to " + self
              + (accountId.equals("*") ? " (account unknown: set FC_ACCOUNT_ID to evaluate account-scoped ARNs)" : "")));
    }
    if (!conditional.isEmpty()) {
      return List.of(Finding.warn(NAME, self, "allowed only under a Condition " + over + ": " + listed(conditional),
          "make sure the condition holds for the function (the evaluator does not guess conditions)"));
    }
    return List.of(Finding.pass(NAME, self, "all " + pairs + " (action, resource) pairs the guard's reads and restores need "
        + "are allowed " + over));
  }

  /** A live-looking ARN for a resource pattern of the generated policy. */
  private String concrete(String pattern) {
    if (pattern.equals("*")) {
      return "*";
    }
    String[] p = pattern.split(":", 5);
    if (p.length < 5) {
      return pattern.replace("*", ANY_NAME);
    }
    String region = p[2].equals("*") ? (p[1].equals("ram") ? "" : PROBE_REGION) : p[2];
    String account = p[3].equals("*") ? accountId : p[3];
    return p[0] + ":" + p[1] + ":" + region + ":" + account + ":" + p[4].replace("*", ANY_NAME);
  }

  private static String listed(Map<String, List<String>> byAction) {
    List<String> parts = new ArrayList<>();
    byAction.forEach((a, arns) -> parts.add(a + " on " + (arns.size() <= 2 ? String.join(", ", arns)
        : arns.get(0) + " and " + (arns.size() - 1) + " more")));
    return parts.size() <= MAX_LISTED ? String.join("; ", parts)
        : String.join("; ", parts.subList(0, MAX_LISTED)) + "; and " + (parts.size() - MAX_LISTED) + " more actions";
  }
}
