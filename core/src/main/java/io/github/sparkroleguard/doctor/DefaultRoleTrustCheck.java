package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.policy.PolicyDocuments;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.List;
import java.util.Optional;

/**
 * The default execution role's live trust policy against the built-in pin. No document publishes
 * the default role's trust (PLATFORM.md section 1: inferred from custom roles); when the live one
 * differs, restoring the built-in pin could break the workspace, so the operator is told to pin the
 * live one with {@code baseline} after checking it.
 */
final class DefaultRoleTrustCheck implements DoctorCheck {
  static final String NAME = "default-role-trust";

  private final GuardConfig config;
  private final RamPort ram;

  DefaultRoleTrustCheck(GuardConfig config, RamPort ram) {
    this.config = config;
    this.ram = ram;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    String role = Defaults.DEFAULT_ROLE;
    boolean builtIn = config.role(role).map(RoleBaseline::trustPolicy)
        .map(t -> PolicyDocuments.matches(t, Defaults.SPARK_TRUST_POLICY)).orElse(true);
    Optional<String> live;
    try {
      live = ram.getRoleTrustPolicy(role);
    } catch (CloudCallException e) {
      return List.of(Finding.fail(NAME, role, Failures.describe("GetRole", e), Failures.fix(e, "ram:GetRole on " + role)));
    }
    if (live.isEmpty()) {
      return List.of(Finding.warn(NAME, role, "the role does not exist, so its trust cannot be compared",
          "create the role as the EMR Serverless Spark console does (assign the default roles), then rerun doctor"));
    }
    if (PolicyDocuments.matches(live.get(), Defaults.SPARK_TRUST_POLICY)) {
      return List.of(Finding.pass(NAME, role, "the live trust policy equals the built-in pin (trusts "
          + Defaults.SPARK_SERVICE_PRINCIPAL + " only)"));
    }
    if (!builtIn) {
      return List.of(Finding.pass(NAME, role, "the live trust differs from the built-in pin, and the configuration pins "
          + "its own trust for this role; `check` compares the two"));
    }
    return List.of(Finding.warn(NAME, role, "the live trust policy differs from the built-in pin, which is inferred "
        + "(no document publishes the default role's trust): a restore would replace it",
        "if the live trust is the product's own (nobody edited it), pin it: `java -jar spark-role-guard.jar baseline --role "
            + role + "` and add the snippet to the configuration; if it was edited, restore it"));
  }
}
