package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import io.github.sparkroleguard.policy.RequestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generated control policy means, decided by the project's own evaluator: each write
 * that can break a protected role is denied to a stranger and to the account's administrators,
 * and not to the guard's role or an approved actor; nothing else is denied. Evaluated the way RAM
 * combines them: the caller's identity policy (AdministratorAccess: Allow * on *) together with
 * the control policies attached (FullAliyunAccess, attached by default [doc], and ours).
 */
class ControlPolicyMeaningTest {
  static final String ACCOUNT = "1234567890123456";
  static final Policy ALLOW_ALL = Policy.parse("{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
  static final String PROTECTED_ROLE = "AliyunEMRSparkJobRunDefaultRole";
  static final String CUSTOM_ROLE = "Spark-Exec.Custom";
  static final String CUSTOM_POLICY = "Spark-Exec-Policy";

  @TempDir
  Path dir;

  GuardConfig config(String approved) throws Exception {
    Files.writeString(dir.resolve("p.json"), "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}");
    Files.writeString(dir.resolve("guard.yaml"), "self: { roleName: Spark-Role-Guard-FC }\n"
        + "approvedActors: " + approved + "\n"
        + "roles:\n  - name: " + CUSTOM_ROLE + "\n    policies:\n"
        + "      - { name: " + CUSTOM_POLICY + ", type: Custom, documentFile: p.json }\n"
        + "      - { name: AliyunOSSReadOnlyAccess, type: System }\n");
    return ConfigLoader.load(dir.resolve("guard.yaml"), k -> null);
  }

  static List<Policy> controlPolicies(GuardConfig config) {
    List<Policy> out = new ArrayList<>();
    for (JsonNode p : ControlPolicy.generate(config).path("policies")) {
      out.add(Policy.parse(Json.write(p.path("policyDocument"))));
    }
    return out;
  }

  static Decision as(List<Policy> control, String principalArn, String action, String resource) {
    List<Policy> all = new ArrayList<>(control);
    all.add(ALLOW_ALL); // the administrator's identity policy, and FullAliyunAccess
    return Evaluator.decide(all, action, resource, RequestContext.principal(principalArn));
  }

  /** Every protected write, on every spelling of the ARN RAM may check it against. */
  static List<String[]> protectedWrites() {
    List<String[]> out = new ArrayList<>();
    for (String role : List.of(PROTECTED_ROLE, CUSTOM_ROLE, ControlPolicyScope.SERVICE_LINKED_ROLE)) {
      for (String arn : List.of("acs:ram::" + ACCOUNT + ":role/" + role, "acs:ram::" + ACCOUNT + ":role/" + role.toLowerCase(Locale.ROOT),
          "acs:ram:*:" + ACCOUNT + ":role/" + role.toLowerCase(Locale.ROOT))) {
        ControlPolicy.ROLE_WRITES.forEach(a -> out.add(new String[] {a, arn}));
      }
    }
    for (String arn : List.of("acs:ram::" + ACCOUNT + ":policy/" + CUSTOM_POLICY,
        "acs:ram::" + ACCOUNT + ":policy/" + CUSTOM_POLICY.toLowerCase(Locale.ROOT))) {
      ControlPolicy.POLICY_WRITES.forEach(a -> out.add(new String[] {a, arn}));
    }
    return out;
  }

  static String user(String name) {
    return "acs:ram::" + ACCOUNT + ":user/" + name;
  }

  static String role(String name) {
    return "acs:ram::" + ACCOUNT + ":role/" + name;
  }

  @Test
  void protectedWrites_strangersAndAdministrators_areDenied() throws Exception {
    List<Policy> control = controlPolicies(config("[terraform, ops-admin, \"deployer:ci-run\"]"));
    List<String> denied = List.of(user("mallory"), user("admin"), role("AdministratorRole"), role("administratorrole/alice"),
        user("terraform-old"), role("ops-admin-2"), role("deployer/other-run"), role("spark-role-guard-fc-2"),
        role("deployer"), "acs:ram::999:role/resourcedirectoryaccountaccessrole");
    for (String[] w : protectedWrites()) {
      for (String principal : denied) {
        assertEquals(Decision.DENY, as(control, principal, w[0], w[1]), principal + " " + w[0] + " " + w[1]);
      }
    }
  }

  @Test
  void protectedWrites_guardRoleAndApprovedActors_areNotDenied() throws Exception {
    List<Policy> control = controlPolicies(config("[terraform, Ops-Admin, \"deployer:ci-run\"]"));
    List<String> allowed = List.of(role("Spark-Role-Guard-FC"), role("spark-role-guard-fc"), role("spark-role-guard-fc/fc-session-1"),
        user("terraform"), role("terraform"), role("Ops-Admin"), role("ops-admin"), role("ops-admin/console"),
        role("deployer/ci-run"));
    for (String[] w : protectedWrites()) {
      for (String principal : allowed) {
        assertEquals(Decision.ALLOW, as(control, principal, w[0], w[1]), principal + " " + w[0] + " " + w[1]);
      }
    }
  }

  @Test
  void everythingElse_isNotDenied() throws Exception {
    List<Policy> control = controlPolicies(config("[]"));
    List<String[]> others = new ArrayList<>();
    for (String action : ControlPolicy.ROLE_WRITES) {
      others.add(new String[] {action, role("some-other-role")});
      others.add(new String[] {action, role(CUSTOM_ROLE.toLowerCase(Locale.ROOT) + "-copy")});
    }
    for (String action : ControlPolicy.POLICY_WRITES) {
      others.add(new String[] {action, "acs:ram::" + ACCOUNT + ":policy/some-other-policy"});
      others.add(new String[] {action, "acs:ram::" + ACCOUNT + ":policy/AliyunOSSReadOnlyAccess"});
    }
    for (String action : List.of("ram:GetRole", "ram:ListPoliciesForRole", "ram:CreateRole", "ram:CreatePolicy", "ram:GetPolicy",
        "oss:PutObject", "ram:CreateUser", "ram:UpdatePolicyDescription")) {
      others.add(new String[] {action, role(PROTECTED_ROLE.toLowerCase(Locale.ROOT))});
      others.add(new String[] {action, "acs:ram::" + ACCOUNT + ":policy/" + CUSTOM_POLICY});
    }
    for (String[] w : others) {
      assertEquals(Decision.ALLOW, as(control, user("mallory"), w[0], w[1]), w[0] + " " + w[1]);
    }
  }

  @Test
  void generate_manyRoles_splitsWithinTheLimitAndStillDeniesEachOne() throws Exception {
    StringBuilder yaml = new StringBuilder("roles:\n");
    for (int i = 0; i < 250; i++) {
      yaml.append("  - name: Spark-Exec-Role-").append(i).append('\n');
    }
    Files.writeString(dir.resolve("many.yaml"), yaml.toString());
    GuardConfig many = ConfigLoader.load(dir.resolve("many.yaml"), k -> null);
    JsonNode out = ControlPolicy.generate(many);
    assertTrue(out.path("policies").size() > 1, out.path("policies").size() + " policies");
    Set<String> names = new HashSet<>();
    for (JsonNode p : out.path("policies")) {
      assertTrue(Json.write(p.path("policyDocument")).length() <= ControlPolicy.MAX_CHARACTERS);
      assertTrue(names.add(p.path("policyName").asText()));
    }
    assertTrue(out.path("policies").size() <= ControlPolicy.MAX_CUSTOM_PER_TARGET, out.path("policies").size() + " policies");
    List<Policy> control = controlPolicies(many);
    for (int i = 0; i < 250; i++) {
      String arn = role("spark-exec-role-" + i);
      assertEquals(Decision.DENY, as(control, user("mallory"), "ram:DeleteRole", arn), arn);
      assertEquals(Decision.ALLOW, as(control, role("spark-role-guard-fc"), "ram:DeleteRole", arn), arn);
    }
  }

  @Test
  void generate_exceptionsLongerThanTheLimit_isAConfigurationError() throws Exception {
    StringBuilder actors = new StringBuilder("[");
    for (int i = 0; i < 60; i++) {
      actors.append(i == 0 ? "" : ", ").append("approved-actor-with-a-long-name-").append(i);
    }
    GuardConfig tooMany = config(actors + "]");
    ConfigException e = assertThrows(ConfigException.class, () -> ControlPolicy.generate(tooMany));
    assertTrue(e.getMessage().contains("leave no room"), e.getMessage());
  }
}
