package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.List;
import java.util.Optional;

/** The default execution role has its System policy attached (jobs need OSS, DLF and MaxCompute through it). */
final class SystemPolicyCheck implements DoctorCheck {
  static final String NAME = "default-role-policy";

  private final RamPort ram;

  SystemPolicyCheck(RamPort ram) {
    this.ram = ram;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    String role = Defaults.DEFAULT_ROLE;
    String policy = Defaults.DEFAULT_ROLE_POLICY;
    try {
      Optional<String> trust = ram.getRoleTrustPolicy(role);
      if (trust.isEmpty()) {
        return List.of(Finding.warn(NAME, role, "the role does not exist", "assign the default roles in the EMR "
            + "Serverless Spark console (or `restore --role " + role + "`), then rerun doctor"));
      }
      boolean attached = ram.listPoliciesForRole(role).contains(new AttachedPolicy(PolicyType.SYSTEM, policy));
      if (!attached) {
        return List.of(Finding.fail(NAME, role, "System policy " + policy + " is not attached: Spark jobs lose OSS, DLF "
            + "and MaxCompute access", "`java -jar spark-role-guard.jar restore --role " + role + "` attaches it"));
      }
      return List.of(Finding.pass(NAME, role, "System policy " + policy + " is attached"));
    } catch (CloudCallException e) {
      return List.of(Finding.fail(NAME, role, Failures.describe("reading the role", e),
          Failures.fix(e, "ram:GetRole and ram:ListPoliciesForRole on " + role)));
    }
  }
}
