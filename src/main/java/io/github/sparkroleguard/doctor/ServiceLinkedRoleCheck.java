package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.ram.RamException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.List;

/**
 * The product's service-linked role exists: EMR Serverless Spark needs it for workspace networking
 * (PLATFORM.md section 1). Read with RAM's GetRole; Resource Management reports whether it is
 * still service-linked and whether a deletion is under way.
 */
final class ServiceLinkedRoleCheck implements DoctorCheck {
  static final String NAME = "service-linked-role";
  /** [doc] The role the product creates with CreateServiceLinkedRole. */
  static final String ROLE = "AliyunServiceRoleForEMRServerlessSpark";

  private final RamPort ram;

  ServiceLinkedRoleCheck(RamPort ram) {
    this.ram = ram;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    try {
      if (ram.getRoleTrustPolicy(ROLE).isEmpty()) {
        return List.of(Finding.fail(NAME, ROLE, "the service-linked role does not exist: workspaces cannot set up "
            + "their network", "create it: in the EMR Serverless Spark console assign the roles, or call Resource "
            + "Management CreateServiceLinkedRole with ServiceName spark.emr-serverless.aliyuncs.com"));
      }
      return List.of(Finding.pass(NAME, ROLE, "the service-linked role exists"));
    } catch (RamException e) {
      return List.of(Finding.fail(NAME, ROLE, Failures.describe("GetRole", e), Failures.fix(e, "ram:GetRole on " + ROLE)));
    }
  }
}
