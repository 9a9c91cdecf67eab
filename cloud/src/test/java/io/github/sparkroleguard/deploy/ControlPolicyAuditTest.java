package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's reading of the control policies attached to an account. */
class ControlPolicyAuditTest {
  static final String ACCOUNT = "1234567890123456";

  @TempDir
  Path dir;

  GuardConfig config(String self) throws Exception {
    Files.writeString(dir.resolve("p.json"), "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}");
    Files.writeString(dir.resolve("guard.yaml"), "self: { roleName: " + self + " }\nroles:\n  - name: spark-exec\n    policies:\n"
        + "      - { name: spark-exec-policy, type: Custom, documentFile: p.json }\n");
    return ConfigLoader.load(dir.resolve("guard.yaml"), k -> null);
  }

  static List<String> documents(GuardConfig config) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : ControlPolicy.generate(config).path("policies")) {
      out.add(Json.write(p.path("policyDocument")));
    }
    return out;
  }

  @Test
  void audit_generatedPolicyAttached_isOk() throws Exception {
    GuardConfig config = config("spark-role-guard-fc");
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config, ACCOUNT, documents(config));
    assertEquals(ControlPolicyAudit.Level.OK, v.level(), v.message());
    assertTrue(v.message().contains("spark-role-guard-fc"), v.message());
  }

  @Test
  void audit_nothingAttached_warnsThatPreventionIsOff() throws Exception {
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config("spark-role-guard-fc"), ACCOUNT, List.of());
    assertEquals(ControlPolicyAudit.Level.WARN, v.level());
    assertTrue(v.message().contains("prevention off"), v.message());
  }

  @Test
  void audit_exceptionsNameAnotherGuardRole_failsNamingTheDeployedOne() throws Exception {
    List<String> stale = documents(config("old-guard-role"));
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config("spark-role-guard-fc"), ACCOUNT, stale);
    assertEquals(ControlPolicyAudit.Level.FAIL, v.level(), v.message());
    assertTrue(v.message().contains("spark-role-guard-fc") && v.message().contains("ram:"), v.message());
  }

  @Test
  void audit_partialPolicy_warnsWithWhatIsStillOpen() throws Exception {
    String onlyDelete = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ram:DeleteRole\",\"Resource\":\"*\","
        + "\"Condition\":{\"StringNotLike\":{\"acs:PrincipalARN\":\"acs:ram:*:*:role/spark-role-guard-fc\"}}}]}";
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config("spark-role-guard-fc"), ACCOUNT, List.of(onlyDelete));
    assertEquals(ControlPolicyAudit.Level.WARN, v.level(), v.message());
    assertTrue(v.message().contains("prevent 8 of 64") && v.message().contains("still open"), v.message());
  }

  @Test
  void audit_conditionTheEvaluatorDoesNotKnow_warnsInsteadOfGuessing() throws Exception {
    GuardConfig config = config("spark-role-guard-fc");
    List<String> docs = new ArrayList<>(documents(config));
    docs.add("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ram:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}}]}");
    docs.add("not json");
    ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config, ACCOUNT, docs);
    assertEquals(ControlPolicyAudit.Level.WARN, v.level(), v.message());
    assertTrue(v.message().contains("not decidable") && v.message().contains("unreadable"), v.message());
  }
}
