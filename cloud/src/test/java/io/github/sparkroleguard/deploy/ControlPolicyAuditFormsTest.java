package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * doctor's control-policy audit tries strangers of every kind (a RAM user, another role, a role
 * session) and the guard in every ARN form it may present: a policy that binds users only, or
 * excepts the guard's role without its sessions, is not a pass.
 */
class ControlPolicyAuditFormsTest {
  static final String ACCOUNT = "1234567890123456";
  static final String ROLES = "[\"acs:ram:*:*:role/spark-exec\",\"acs:ram:*:*:role/aliyunemrsparkjobrundefaultrole\",\"acs:ram:*:*:role/aliyunserviceroleforemrserverlessspark\","
      + "\"acs:ram:*:*:role/AliyunServiceRoleForEMRServerlessSpark\",\"acs:ram:*:*:role/guard-fc\",\"acs:ram:*:*:role/Guard-FC\",\"acs:ram:*:*:role/AliyunEMRSparkJobRunDefaultRole\"]";
  static final String ACTIONS = "[\"ram:UpdateRole\",\"ram:DeleteRole\",\"ram:AttachPolicyToRole\",\"ram:DetachPolicyFromRole\","
      + "\"ram:AttachPolicy\",\"ram:DetachPolicy\",\"ram:DeleteServiceLinkedRole\"]";

  static GuardConfig config() {
    return new ConfigLoader(k -> null, null).parse("self: { roleName: Guard-FC }\nroles:\n  - name: spark-exec\n");
  }

  static String deny(String condition) {
    return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":" + ACTIONS + ",\"Resource\":" + ROLES
        + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}]}";
  }

  @Test
  void audit_policyBindingOnlyRamUsers_isNotAPass() {
    String usersOnly = deny("{\"StringLike\":{\"acs:PrincipalARN\":\"acs:ram:*:*:user/*\"}}");
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config(), ACCOUNT, List.of(usersOnly));
    assertNotEquals(ControlPolicyAudit.Level.OK, v.level(), v.message());
    assertTrue(v.message().contains("role"), v.message());
  }

  @Test
  void audit_policyExceptingOnlyRoleName_failsBecauseTheGuardsSessionsAreDenied() {
    String nameOnly = deny("{\"StringNotLike\":{\"acs:PrincipalARN\":[\"acs:ram:*:*:role/guard-fc\"]}}");
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config(), ACCOUNT, List.of(nameOnly));
    assertEquals(ControlPolicyAudit.Level.FAIL, v.level(), v.message());
    assertTrue(v.message().contains("/"), v.message());
  }

  @Test
  void audit_policyExceptingOnlyTheLowerCaseSpelling_failsForTheSpellingAsWritten() {
    String lower = deny("{\"StringNotLike\":{\"acs:PrincipalARN\":[\"acs:ram:*:*:role/guard-fc\",\"acs:ram:*:*:role/guard-fc/*\"]}}");
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config(), ACCOUNT, List.of(lower));
    assertEquals(ControlPolicyAudit.Level.FAIL, v.level(), v.message());
  }

  @Test
  void audit_policyLeavingTheGuardsOwnRoleOpen_isNotAPass() {
    String sparkOnly = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":" + ACTIONS + ",\"Resource\":"
        + "[\"acs:ram:*:*:role/spark-exec\",\"acs:ram:*:*:role/aliyunemrsparkjobrundefaultrole\",\"acs:ram:*:*:role/aliyunserviceroleforemrserverlessspark\",\"acs:ram:*:*:role/AliyunServiceRoleForEMRServerlessSpark\",\"acs:ram:*:*:role/AliyunEMRSparkJobRunDefaultRole\"],"
        + "\"Condition\":{\"StringNotLike\":{\"acs:PrincipalARN\":[\"acs:ram:*:*:role/guard-fc\",\"acs:ram:*:*:role/guard-fc/*\","
        + "\"acs:ram:*:*:role/Guard-FC\",\"acs:ram:*:*:role/Guard-FC/*\"]}}}]}";
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config(), ACCOUNT, List.of(sparkOnly));
    assertNotEquals(ControlPolicyAudit.Level.OK, v.level(), v.message());
    assertTrue(v.message().toLowerCase(java.util.Locale.ROOT).contains("guard-fc"), v.message());
  }

  @Test
  void audit_generatedPolicy_isAPass() {
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config(), ACCOUNT, ControlPolicyAuditTest.documents(config()));
    assertEquals(ControlPolicyAudit.Level.OK, v.level(), v.message());
  }
}
