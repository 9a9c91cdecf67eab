package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.deploy.EventPattern;
import io.github.sparkroleguard.deploy.FunctionRolePolicy;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.emulator.SampleDeployment;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code {"action":"doctor"}} through the real SDK against the emulator, with the guard deployed
 * as s.yaml deploys it: each check is driven to pass and then to its failure.
 */
class DoctorIT {
  static final byte[] DOCTOR = "{\"action\":\"doctor\"}".getBytes(StandardCharsets.UTF_8);
  GuardFixture f;
  GuardRuntime runtime;

  @BeforeEach
  void deploy() throws Exception {
    f = new GuardFixture("", "");
    String ebEndpoints = "eventbridge:\n  functionName: spark-role-guard\n  endpoints: { cn-hangzhou: \""
        + f.emulator.endpoint() + "\", ap-southeast-1: \"" + f.emulator.endpoint() + "\" }\n";
    Files.writeString(f.dir.resolve("guard.yaml"), Files.readString(f.dir.resolve("guard.yaml")) + ebEndpoints);
    Map<String, String> env = f.env();
    GuardConfig config = ConfigLoader.load(f.dir.resolve("guard.yaml"), env::get);
    List<String> policies = new ArrayList<>();
    FunctionRolePolicy.generateAll(config).forEach(d -> policies.add(Json.write(d)));
    SampleDeployment.install(f.emulator, policies, EventPattern.forRam(), "spark-role-guard");
    runtime = GuardRuntime.build(config, env::get, f.log::add, f.time.timing());
  }

  @AfterEach
  void close() {
    f.close();
  }

  private InvocationResult doctor() {
    return runtime.invoke(DOCTOR);
  }

  private static List<JsonNode> findings(InvocationResult r, String check) {
    List<JsonNode> out = new ArrayList<>();
    r.json().path("checks").forEach(c -> {
      if (c.path("check").asText().equals(check)) {
        out.add(c);
      }
    });
    return out;
  }

  private static JsonNode one(InvocationResult r, String check, String subject) {
    return findings(r, check).stream().filter(c -> c.path("subject").asText().equals(subject)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + check + "[" + subject + "] in " + r.json()));
  }

  @Test
  void doctor_deployedAsSYamlSays_runsEveryCheck() {
    InvocationResult r = doctor();
    for (String check : List.of("protected-role", "own-permissions", "default-role-trust", "default-role-policy",
        "service-linked-role", "actiontrail", "eventbridge-rule", "alert-channel")) {
      assertFalse(findings(r, check).isEmpty(), check + " missing in " + r.json());
    }
    assertEquals("pass", one(r, "protected-role", SampleAccount.DEFAULT_ROLE).path("status").asText());
    assertEquals("pass", one(r, "protected-role", SampleAccount.CUSTOM_ROLE).path("status").asText());
    assertEquals("pass", one(r, "own-permissions", SampleDeployment.SELF_ROLE).path("status").asText(), r.json().toString());
    assertEquals("pass", one(r, "default-role-trust", SampleAccount.DEFAULT_ROLE).path("status").asText());
    assertEquals("pass", one(r, "default-role-policy", SampleAccount.DEFAULT_ROLE).path("status").asText());
    assertEquals("pass", one(r, "eventbridge-rule", "cn-hangzhou/spark-role-guard-ram-role-changes").path("status").asText());
    assertEquals("pass", one(r, "eventbridge-rule", "ap-southeast-1/spark-role-guard-ram-role-changes").path("status").asText());
    assertTrue(findings(r, "alert-channel").get(0).path("detail").asText().contains("no test message sent"));
    assertTrue(f.webhook.received().isEmpty(), "no message unless asked");
    List<String> calls = new ArrayList<>();
    f.emulator.requests().forEach(q -> calls.add(q.action));
    assertTrue(calls.contains("ListRules") && calls.contains("LookupEvents") && calls.contains("GetPolicy"), calls.toString());
    assertTrue(f.emulator.writes().isEmpty(), "doctor never writes");
  }

  /**
   * EventBridge's service-linked roles: the ActionTrail source role RAM events need on the default
   * bus, and the role EventBridge invokes the function with (issue 21). Deployed as s.yaml says,
   * both exist; without the ActionTrail one, doctor fails and says how to create it.
   */
  @Test
  void doctor_eventBridgeServiceRoles_passWhenPresent_failWithTheCreateCallWhenMissing() {
    assertEquals("pass", one(doctor(), "eventbridge-service-roles", "AliyunServiceRoleForEventBridgeSourceActionTrail")
        .path("status").asText());
    assertEquals("pass", one(doctor(), "eventbridge-service-roles", "AliyunServiceRoleForEventBridgeSendToFC")
        .path("status").asText());

    f.emulator.ram().deleteRole("AliyunServiceRoleForEventBridgeSourceActionTrail");
    InvocationResult r = doctor();

    JsonNode finding = one(r, "eventbridge-service-roles", "AliyunServiceRoleForEventBridgeSourceActionTrail");
    assertEquals("fail", finding.path("status").asText(), finding.toString());
    assertTrue(finding.path("fix").asText().contains("source-actiontrail.eventbridge.aliyuncs.com"), finding.toString());
    assertTrue(f.emulator.writes().isEmpty(), "doctor never writes");

    f.emulator.ram().deleteRole("AliyunServiceRoleForEventBridgeSendToFC");
    assertEquals("warn", one(doctor(), "eventbridge-service-roles", "AliyunServiceRoleForEventBridgeSendToFC").path("status")
        .asText(), "expected in a member; needed only where a rule invokes the function");
  }

  @Test
  void doctor_systemPolicyDetached_failsWithTheRestoreCommand() {
    f.emulator.ram().detachPolicyFromRole("System", SampleAccount.SYSTEM_POLICY, SampleAccount.DEFAULT_ROLE);
    InvocationResult r = doctor();
    assertFalse(r.ok());
    JsonNode finding = one(r, "default-role-policy", SampleAccount.DEFAULT_ROLE);
    assertEquals("fail", finding.path("status").asText());
    assertTrue(finding.path("fix").asText().contains("restore --role"), finding.toString());
  }

  @Test
  void doctor_noRuleInOneRegion_failsForThatRegionOnly() {
    f.emulator.eventBridge().removeRule("ap-southeast-1", "default", "spark-role-guard-ram-role-changes");
    InvocationResult r = doctor();
    assertFalse(r.ok());
    assertEquals("fail", one(r, "eventbridge-rule", "ap-southeast-1").path("status").asText());
    assertTrue(one(r, "eventbridge-rule", "ap-southeast-1").path("detail").asText().contains("outside China"));
    assertEquals("pass", one(r, "eventbridge-rule", "cn-hangzhou/spark-role-guard-ram-role-changes").path("status").asText());
  }

  @Test
  void doctor_ruleDisabledOrMissingEventNames_fails() {
    String pattern = EventPattern.forRam().replace("\"DeleteRole\",", "");
    f.emulator.eventBridge().putRule("cn-hangzhou", "default", "spark-role-guard-ram-role-changes", "DISABLE", pattern,
        "acs.fc.function", "acs:fc:cn-hangzhou:1:functions/spark-role-guard", "BACKOFF_RETRY", "acs:mns:q");
    JsonNode finding = one(doctor(), "eventbridge-rule", "cn-hangzhou/spark-role-guard-ram-role-changes");
    assertEquals("fail", finding.path("status").asText());
    assertTrue(finding.path("detail").asText().contains("DISABLE"), finding.toString());
    assertTrue(finding.path("detail").asText().contains("[DeleteRole]"), finding.toString());
  }

  @Test
  void doctor_ruleWithoutDeadLetterQueue_warns() {
    f.emulator.eventBridge().putRule("cn-hangzhou", "default", "spark-role-guard-ram-role-changes", "ENABLE",
        EventPattern.forRam(), "acs.fc.function", "acs:fc:cn-hangzhou:1:functions/spark-role-guard", "BACKOFF_RETRY", "");
    InvocationResult r = doctor();
    JsonNode finding = one(r, "eventbridge-rule", "cn-hangzhou/spark-role-guard-ram-role-changes");
    assertEquals("warn", finding.path("status").asText());
    assertTrue(finding.path("detail").asText().contains("no dead-letter queue"), finding.toString());
  }

  @Test
  void doctor_notPermittedToReadEventBridge_warnsNotFails() {
    f.emulator.eventBridge().refuse("ap-southeast-1", true);
    InvocationResult r = doctor();
    JsonNode finding = one(r, "eventbridge-rule", "ap-southeast-1");
    assertEquals("warn", finding.path("status").asText());
    assertTrue(finding.path("fix").asText().contains("eventbridge:ListRules"), finding.toString());
  }

  @Test
  void doctor_manyRules_readsEveryPage() {
    for (int i = 0; i < 120; i++) {
      f.emulator.eventBridge().putRule("cn-hangzhou", "default", "aaa-other-" + i, "ENABLE", "{}", "acs.mns.queue",
          "acs:mns:cn-hangzhou:1:queues/q" + i, "", "");
    }
    f.emulator.eventBridge().removeRule("cn-hangzhou", "default", "spark-role-guard-ram-role-changes");
    io.github.sparkroleguard.emulator.SampleDeployment.rule(f.emulator, "cn-hangzhou", EventPattern.forRam(), "spark-role-guard");
    InvocationResult r = doctor();
    assertEquals("pass", one(r, "eventbridge-rule", "cn-hangzhou/spark-role-guard-ram-role-changes").path("status").asText());
    long listRules = f.emulator.requests().stream().filter(q -> q.action.equals("ListRules")
        && "cn-hangzhou".equals(q.parameters.get("RegionId"))).count();
    assertEquals(3, listRules, "121 rules in pages of 50");
  }

  @Test
  void doctor_ownPolicyLacksARestoreWrite_failsNamingTheAction() {
    String narrowed = Json.write(FunctionRolePolicy.generate(runtime.config())).replace("\"ram:CreateRole\",", "");
    f.emulator.ram().createPolicyVersion(SampleDeployment.SELF_POLICY, narrowed, true, "DeleteOldestNonDefaultVersionWhenLimitExceeded");
    InvocationResult r = doctor();
    JsonNode finding = one(r, "own-permissions", SampleDeployment.SELF_ROLE);
    assertEquals("fail", finding.path("status").asText());
    assertTrue(finding.path("detail").asText().contains("ram:CreateRole on acs:ram::"), finding.toString());
    assertTrue(finding.path("fix").asText().contains("function-policy"), finding.toString());
  }

  @Test
  void doctor_defaultRoleTrustEdited_warnsToPinWithBaseline() {
    f.emulator.ram().updateRole(SampleAccount.DEFAULT_ROLE, "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":"
        + "\"Allow\",\"Principal\":{\"Service\":[\"emr-serverless.aliyuncs.com\"]}}],\"Version\":\"1\"}", null, null);
    JsonNode finding = one(doctor(), "default-role-trust", SampleAccount.DEFAULT_ROLE);
    assertEquals("warn", finding.path("status").asText());
    assertTrue(finding.path("fix").asText().contains("baseline --role " + SampleAccount.DEFAULT_ROLE), finding.toString());
  }

  @Test
  void doctor_sendTest_sendsOneTestMessagePerChannel() {
    InvocationResult r = runtime.invoke("{\"action\":\"doctor\",\"sendTest\":true}".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, f.webhook.received().size());
    assertTrue(f.webhook.received().get(0).body.contains("test message"), f.webhook.received().get(0).body);
    assertEquals("pass", findings(r, "alert-channel").get(0).path("status").asText());
  }

  @Test
  void doctor_healthyAccount_serviceLinkedRoleAndBothAttachmentApisPass() {
    InvocationResult r = doctor();
    assertEquals("pass", one(r, "service-linked-role", SampleAccount.SERVICE_LINKED_ROLE).path("status").asText(),
        r.json().toString());
    assertTrue(one(r, "protected-role", SampleAccount.CUSTOM_ROLE).path("detail").asText()
        .contains("attachment(s) in Resource Management (0 at resource-group scope)"), r.json().toString());
  }

  @Test
  void doctor_grantAtResourceGroupScope_isCountedInTheRoleLine() {
    f.emulator.resourceManager().attachPolicy("System", "AdministratorAccess", "ServiceRole",
        SampleAccount.CUSTOM_ROLE + "@role." + f.emulator.ram().accountId() + ".onaliyunservice.com", "rg-acfm2example");
    JsonNode finding = one(doctor(), "protected-role", SampleAccount.CUSTOM_ROLE);
    assertTrue(finding.path("detail").asText().contains("(1 at resource-group scope)"), finding.toString());
  }

  @Test
  void doctor_serviceLinkedRoleBeingDeleted_fails() {
    f.emulator.resourceManager().deletionTime(java.time.Duration.ofHours(1));
    f.emulator.resourceManager().deleteServiceLinkedRole(SampleAccount.SERVICE_LINKED_ROLE);
    InvocationResult r = doctor();
    assertFalse(r.ok());
    JsonNode finding = one(r, "service-linked-role", SampleAccount.SERVICE_LINKED_ROLE);
    assertEquals("fail", finding.path("status").asText());
    assertTrue(finding.path("detail").asText().contains("being deleted"), finding.toString());
    assertTrue(finding.path("fix").asText().contains("CreateServiceLinkedRole"), finding.toString());
  }

  @Test
  void doctor_roleUnreadable_failsThatRoleOnly() {
    f.emulator.faults().failNext("ListPoliciesForRole", 403, "NoPermission", 1);
    InvocationResult r = doctor();
    assertFalse(r.ok());
    assertEquals("pass", one(r, "protected-role", SampleAccount.CUSTOM_ROLE).path("status").asText());
    JsonNode finding = one(r, "protected-role", SampleAccount.DEFAULT_ROLE);
    assertEquals("fail", finding.path("status").asText());
    assertTrue(finding.path("fix").asText().startsWith("grant ram:GetRole"), finding.toString());
  }
}
