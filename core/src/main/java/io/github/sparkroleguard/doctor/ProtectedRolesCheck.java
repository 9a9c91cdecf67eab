package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.policy.Policy;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.PolicyAttachment;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.RmRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For each protected role: the guard can read it, its trust policy parses, its attachments can be
 * listed with both APIs (RAM, and Resource Management, which also shows grants at resource-group
 * scope) and every pinned policy can be read. A guard that cannot read a role cannot protect it.
 */
final class ProtectedRolesCheck implements DoctorCheck {
  static final String NAME = "protected-role";

  private final GuardConfig config;
  private final RamPort ram;
  private final Optional<ResourceManagerPort> rm;

  ProtectedRolesCheck(GuardConfig config, RamPort ram, Optional<ResourceManagerPort> rm) {
    this.config = config;
    this.ram = ram;
    this.rm = rm;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    for (RoleBaseline b : config.roles()) {
      out.add(one(b));
    }
    return out;
  }

  private Finding one(RoleBaseline b) {
    String step = "GetRole";
    try {
      Optional<String> trust = ram.getRoleTrustPolicy(b.name());
      if (trust.isEmpty()) {
        return Finding.warn(NAME, b.name(), "the role does not exist",
            "if it should exist, run `restore --role " + b.name() + "` (or let a restore-mode guard re-create it); "
                + "otherwise remove it from the configuration");
      }
      int statements;
      try {
        statements = Policy.parse(trust.get()).statements().size();
      } catch (RuntimeException e) {
        return Finding.warn(NAME, b.name(), "its trust policy is not a policy document the guard can read",
            "compare it with the baseline: `check --role " + b.name() + "`");
      }
      step = "ListPoliciesForRole";
      List<AttachedPolicy> attached = ram.listPoliciesForRole(b.name());
      List<String> missing = new ArrayList<>();
      for (PolicyRef p : b.policies()) {
        step = "GetPolicy " + p.name();
        if (ram.getDefaultPolicyVersion(p.type(), p.name()).isEmpty()) {
          missing.add(p.name());
        }
      }
      String read = "read: trust (" + statements + " statement(s)), " + attached.size() + " attached polic"
          + (attached.size() == 1 ? "y" : "ies") + ", " + b.policies().size() + " pinned polic"
          + (b.policies().size() == 1 ? "y" : "ies");
      if (rm.isPresent()) {
        step = "Resource Management GetRole";
        Optional<RmRole> role = rm.get().getRole(b.name());
        if (role.isPresent()) {
          step = "Resource Management ListPolicyAttachments";
          List<PolicyAttachment> all = rm.get().listPolicyAttachments(role.get().principalName());
          long scoped = all.stream().filter(a -> !a.resourceGroupId().isEmpty() && !a.resourceGroupId().matches("[0-9]+")).count();
          read += ", " + all.size() + " attachment(s) in Resource Management (" + scoped + " at resource-group scope)";
        }
      }
      if (!missing.isEmpty()) {
        return Finding.warn(NAME, b.name(), read + "; pinned but missing in the account: " + String.join(", ", missing),
            "a restore-mode guard re-creates missing custom policies; a System policy name must be spelled as RAM "
                + "lists it");
      }
      return Finding.pass(NAME, b.name(), read);
    } catch (CloudCallException e) {
      return Finding.fail(NAME, b.name(), Failures.describe(step, e),
          Failures.fix(e, "ram:GetRole, ram:ListPoliciesForRole and ram:GetPolicy on this role and its policies, and "
              + "ram:ListPolicyAttachments (Resource Management)"));
    }
  }
}
