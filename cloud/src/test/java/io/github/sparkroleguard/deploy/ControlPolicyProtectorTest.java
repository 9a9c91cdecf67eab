package io.github.sparkroleguard.deploy;

import static io.github.sparkroleguard.deploy.ControlPolicyMeaningTest.ACCOUNT;
import static io.github.sparkroleguard.deploy.ControlPolicyMeaningTest.as;
import static io.github.sparkroleguard.deploy.ControlPolicyMeaningTest.controlPolicies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control policy protects the protector: strangers cannot write the guard's own role, its
 * policies or (many accounts) the member roles, or they would become "the guard"; only the
 * listed adminPrincipals may. Every member's own role is excepted; pinned policies are covered in
 * every spelling of their name; the split fits in the 9 custom policies a target takes next to
 * FullAliyunAccess.
 */
class ControlPolicyProtectorTest {
  static final String ADMIN = "acs:ram::" + ACCOUNT + ":user/guard-deployer";

  static GuardConfig parse(String yaml) {
    return new ConfigLoader(k -> null, null).parse(yaml);
  }

  static String role(String name) {
    return "acs:ram::" + ACCOUNT + ":role/" + name;
  }

  static String policy(String name) {
    return "acs:ram::" + ACCOUNT + ":policy/" + name;
  }

  static final String SINGLE = "self: { roleName: Spark-Role-Guard-FC }\n"
      + "prevention: { adminPrincipals: [ \"" + ADMIN + "\", \"acs:ram::" + ACCOUNT + ":role/ops-deploy\" ] }\n"
      + "roles:\n  - name: spark-exec\n    policies:\n"
      + "      - { name: Spark-Exec-Policy, type: Custom, document: { Version: \"1\", Statement: [ { Effect: Allow, Action: \"oss:GetObject\", Resource: \"*\" } ] } }\n";

  static final List<String> STRANGERS = List.of("acs:ram::" + ACCOUNT + ":user/mallory", role("someone-else"),
      role("someone-else/session-1"), role("spark-role-guard-fc-evil"), role("ops-deploy-2"));

  @Test
  void guardsOwnRoleAndPolicies_strangersAreDenied_adminPrincipalsAreNot() {
    List<Policy> control = controlPolicies(parse(SINGLE));
    for (String action : ControlPolicy.ROLE_WRITES) {
      for (String arn : List.of(role("Spark-Role-Guard-FC"), role("spark-role-guard-fc"))) {
        for (String stranger : STRANGERS) {
          assertEquals(Decision.DENY, as(control, stranger, action, arn), stranger + " " + action + " " + arn);
        }
        assertEquals(Decision.ALLOW, as(control, ADMIN, action, arn), action + " " + arn);
        assertEquals(Decision.ALLOW, as(control, role("ops-deploy/ci"), action, arn), action + " " + arn);
      }
    }
    for (String action : ControlPolicy.POLICY_WRITES) {
      for (String name : List.of(FunctionRolePolicy.POLICY_NAME, FunctionRolePolicy.POLICY_NAME + "-2")) {
        for (String stranger : STRANGERS) {
          assertEquals(Decision.DENY, as(control, stranger, action, policy(name)), stranger + " " + action + " " + name);
        }
        assertEquals(Decision.ALLOW, as(control, ADMIN, action, policy(name)), action + " " + name);
      }
    }
  }

  @Test
  void guardsOwnRole_theGuardItselfCannotRewriteIt_whenNoAdminIsListed() {
    List<Policy> control = controlPolicies(parse("self: { roleName: guard-fc }\n"));
    assertEquals(Decision.DENY, as(control, role("guard-fc/session"), "ram:AttachPolicyToRole", role("guard-fc")));
    assertEquals(Decision.DENY, as(control, "acs:ram::" + ACCOUNT + ":user/admin", "ram:UpdateRole", role("guard-fc")));
    assertTrue(ControlPolicy.generate(parse("self: { roleName: guard-fc }\n")).path("notes").toString()
        .contains("prevention.adminPrincipals"));
  }

  @Test
  void adminPrincipals_wildcardsAndInvalidArnsAreRefused() {
    for (String bad : new String[] {"*", "acs:ram::" + ACCOUNT + ":user/*", "acs:ram::*:role/ops", "acs:ram::" + ACCOUNT + ":role/o?s",
        "ops-admin", "acs:ram::" + ACCOUNT + ":group/ops", "acs:ram::12ab:user/ops", "acs:ram::" + ACCOUNT + ":user/a\"b"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> parse("prevention: { adminPrincipals: [ \"" + bad.replace("\"", "\\\"") + "\" ] }\n"), bad);
      assertTrue(e.getMessage().startsWith("prevention.adminPrincipals[0]"), e.getMessage());
    }
  }

  @Test
  void manyAccounts_everyAccountsOwnRoleIsExcepted_andEveryMemberRoleIsProtected() {
    GuardConfig many = parse("mode: restore\nroles: [ { name: spark-exec } ]\n"
        + "fleet: { memberRole: guard-member }\n"
        + "accounts:\n  - { id: \"1000000000000001\" }\n  - { id: \"1000000000000002\", role: other-member }\n");
    List<Policy> control = controlPolicies(many);
    for (String guard : List.of("guard-member", "guard-member/s", "other-member", "other-member/spark-role-guard")) {
      assertEquals(Decision.ALLOW, as(control, role(guard), "ram:DeleteRole", role("spark-exec")), guard);
    }
    assertEquals(Decision.DENY, as(control, role("someone"), "ram:DeleteRole", role("spark-exec")));
    for (String member : List.of("guard-member", "other-member", "spark-role-guard-fc")) {
      assertEquals(Decision.DENY, as(control, role("someone"), "ram:AttachPolicyToRole", role(member)), member);
      assertEquals(Decision.DENY, as(control, role("other-member/x"), "ram:UpdateRole", role(member)),
          "a member role does not edit the guard's roles: " + member);
    }
    assertEquals(Decision.DENY, as(control, role("someone"), "ram:CreatePolicyVersion", policy("spark-role-guard-member")));
  }

  @Test
  void pinnedPolicies_everySpellingOfTheNameIsDenied() {
    List<Policy> control = controlPolicies(parse(SINGLE));
    for (String spelling : List.of("Spark-Exec-Policy", "spark-exec-policy", "SPARK-EXEC-POLICY", "sPARK-eXEC-pOLICY", "Spark-exec-Policy")) {
      for (String action : ControlPolicy.POLICY_WRITES) {
        assertEquals(Decision.DENY, as(control, role("someone-else"), action, policy(spelling)), spelling);
        assertEquals(Decision.ALLOW, as(control, role("spark-role-guard-fc"), action, policy(spelling)), spelling);
      }
    }
  }

  @Test
  void split_tenPoliciesNeeded_isAnErrorNamingTheNineThatFitNextToFullAliyunAccess() {
    StringBuilder yaml = new StringBuilder("roles:\n");
    for (int i = 0; i < 450; i++) {
      yaml.append("  - name: Spark-Exec-Role-").append(i).append('\n');
    }
    ConfigException e = assertThrows(ConfigException.class, () -> ControlPolicy.generate(parse(yaml.toString())));
    assertTrue(e.getMessage().contains("9") && e.getMessage().contains("FullAliyunAccess"), e.getMessage());
  }

  @Test
  void split_upToNinePolicies_isAccepted() {
    int roles = 0;
    JsonNode out = null;
    for (int n = 50; n <= 450; n += 50) {
      StringBuilder yaml = new StringBuilder("roles:\n");
      for (int i = 0; i < n; i++) {
        yaml.append("  - name: Spark-Exec-Role-").append(i).append('\n');
      }
      try {
        out = ControlPolicy.generate(parse(yaml.toString()));
        roles = n;
      } catch (ConfigException e) {
        break;
      }
    }
    assertTrue(out != null && out.path("policies").size() <= ControlPolicy.MAX_PER_TARGET - 1, roles + " roles");
    assertTrue(out.path("policies").size() > 1, out.path("policies").size() + " policies for " + roles + " roles");
  }
}
