package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.RmRole;
import java.util.List;
import java.util.Optional;

/**
 * The product's service-linked role exists, is still service-linked and is not being deleted: EMR
 * Serverless Spark needs it for workspace networking (PLATFORM.md section 1). Read with Resource
 * Management's GetRole ({@code IsServiceLinkedRole}, {@code LatestDeletionTask}); RAM's GetRole
 * when Resource Management is not available or not permitted.
 */
final class ServiceLinkedRoleCheck implements DoctorCheck {
  static final String NAME = "service-linked-role";
  /** [doc] The role the product creates with CreateServiceLinkedRole. */
  static final String ROLE = "AliyunServiceRoleForEMRServerlessSpark";
  private static final String CREATE = "create it: in the EMR Serverless Spark console assign the roles, or call Resource "
      + "Management CreateServiceLinkedRole with ServiceName spark.emr-serverless.aliyuncs.com";

  private final RamPort ram;
  private final Optional<ResourceManagerPort> rm;

  ServiceLinkedRoleCheck(RamPort ram, Optional<ResourceManagerPort> rm) {
    this.ram = ram;
    this.rm = rm;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    String note = "";
    if (rm.isPresent()) {
      try {
        Optional<RmRole> role = rm.get().getRole(ROLE);
        if (role.isEmpty()) {
          return List.of(missing());
        }
        if (!role.get().serviceLinked()) {
          return List.of(Finding.fail(NAME, ROLE, "a role of that name exists but Resource Management does not report it "
              + "as service-linked: someone created an ordinary role in its place", "delete that role, then " + CREATE));
        }
        String task = role.get().latestDeletionTaskId();
        if (!task.isEmpty() && rm.get().getServiceLinkedRoleDeletionStatus(task).pending()) {
          return List.of(Finding.fail(NAME, ROLE, "the service-linked role is being deleted (task " + task + ")",
              "when the deletion ends, " + CREATE + " (a restore-mode guard does it)"));
        }
        return List.of(Finding.pass(NAME, ROLE, "the service-linked role exists, is service-linked and is not being deleted"));
      } catch (CloudCallException e) {
        if (!Failures.denied(e)) {
          return List.of(Finding.fail(NAME, ROLE, Failures.describe("Resource Management GetRole", e),
              Failures.fix(e, "ram:GetRole on " + ROLE)));
        }
        note = " (Resource Management not permitted: " + e.code() + "; whether it is still service-linked is unverified)";
      }
    }
    try {
      if (ram.getRoleTrustPolicy(ROLE).isEmpty()) {
        return List.of(missing());
      }
      return note.isEmpty() ? List.of(Finding.pass(NAME, ROLE, "the service-linked role exists"))
          : List.of(Finding.warn(NAME, ROLE, "the service-linked role exists" + note,
              "grant ram:GetRole and ram:GetServiceLinkedRoleDeletionStatus (function-policy includes them)"));
    } catch (CloudCallException e) {
      return List.of(Finding.fail(NAME, ROLE, Failures.describe("GetRole", e), Failures.fix(e, "ram:GetRole on " + ROLE)));
    }
  }

  private static Finding missing() {
    return Finding.fail(NAME, ROLE, "the service-linked role does not exist: workspaces cannot set up their network", CREATE);
  }
}
