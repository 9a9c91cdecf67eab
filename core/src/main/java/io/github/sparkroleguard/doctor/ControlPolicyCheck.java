package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.deploy.ControlPolicyAudit;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.rm.AttachedControlPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prevention (README, "Prevention"): is a Resource Directory control policy attached to this
 * account, or a folder above it, that denies strangers the writes that break a protected role,
 * and do its exceptions still let the deployed guard role through? Read with Resource
 * Directory's ListControlPolicyAttachmentsForTarget, which answers only in the management
 * account or a delegated administrator: anywhere else the check warns that it cannot see.
 */
final class ControlPolicyCheck implements DoctorCheck {
  static final String NAME = "control-policy";
  private static final String SEE = "see README, Prevention";

  private final GuardConfig config;
  private final Function<String, List<AttachedControlPolicy>> reader;
  private final String accountId;

  /** @param reader the control policies applying to an account (ControlPolicyReader::applyingTo) */
  ControlPolicyCheck(GuardConfig config, Function<String, List<AttachedControlPolicy>> reader, String accountId) {
    this.config = config;
    this.reader = reader;
    this.accountId = accountId;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    if (accountId.isEmpty()) {
      return List.of(Finding.warn(NAME, "", "the account id is unknown, so its control policies cannot be looked up",
          "run doctor in Function Compute (FC_ACCOUNT_ID) or set FC_ACCOUNT_ID"));
    }
    List<AttachedControlPolicy> applying;
    try {
      applying = reader.apply(accountId);
    } catch (CloudCallException e) {
      return List.of(Finding.warn(NAME, accountId, "the Resource Directory's control policies cannot be seen from here: "
          + Failures.describe("ListControlPolicyAttachmentsForTarget", e),
          "run doctor with the keys of the directory's management account (or a delegated administrator), or look at "
              + "Resource Management > Control Policy in the console; " + SEE));
    }
    List<String> documents = new ArrayList<>();
    applying.stream().filter(AttachedControlPolicy::custom).forEach(p -> documents.add(p.document()));
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config, accountId, documents);
    switch (v.level()) {
      case OK:
        return List.of(Finding.pass(NAME, accountId, v.message()));
      case FAIL:
        return List.of(Finding.fail(NAME, accountId, v.message(), "regenerate it with `java -jar spark-role-guard.jar "
            + "control-policy` (self.roleName = the function's role) and update the attached policy; " + SEE));
      default:
        return List.of(Finding.warn(NAME, accountId, v.message(), "create the policies `control-policy` prints and attach "
            + "them to this account or its folder; " + SEE));
    }
  }
}
