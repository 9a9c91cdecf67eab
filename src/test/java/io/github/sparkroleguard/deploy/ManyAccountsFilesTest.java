package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The committed many-accounts deploy files are the commands' output for the example central
 * configuration, and the member template says what the guard relies on.
 */
class ManyAccountsFilesTest {
  static final Path DIR = Path.of("deploy/many-accounts");
  static final Set<String> ROS_TYPES = Set.of("ALIYUN::RAM::Role", "ALIYUN::EventBridge::Rule");

  private static GuardConfig central() {
    return ConfigLoader.load(Path.of("src/main/resources/guard-central.example.yaml"), Map.of(
        "OPS_WEBHOOK_URL", "https://x.invalid/h", "OPS_WEBHOOK_SECRET", "s", "GUARD_EXTERNAL_ID", "change-me-0001")::get);
  }

  @Test
  void memberTemplate_isTheCommandsOutput() throws Exception {
    assertEquals(TestJson.MAPPER.readTree(Files.readString(DIR.resolve("member-template.json"))),
        TestJson.MAPPER.readTree(io.github.sparkroleguard.json.Json.write(MemberTemplate.generate(central()))),
        "regenerate: java -jar target/spark-role-guard.jar member-template --config src/main/resources/guard-central.example.yaml");
  }

  @Test
  void centralPolicy_isTheCommandsOutput_andAssumesOnlyTheMembersRoles() throws Exception {
    JsonNode committed = TestJson.MAPPER.readTree(Files.readString(DIR.resolve("central-role-policy.json")));
    assertEquals(committed, TestJson.MAPPER.readTree(io.github.sparkroleguard.json.Json.write(CentralPolicy.output(central()))),
        "regenerate: java -jar target/spark-role-guard.jar function-policy --config src/main/resources/guard-central.example.yaml");
    JsonNode doc = committed.path("policies").get(0).path("policyDocument");
    Set<String> actions = FunctionRolePolicy.actions(doc);
    assertTrue(actions.contains("sts:AssumeRole"), actions.toString());
    assertTrue(actions.stream().noneMatch(a -> a.startsWith("ram:") || a.startsWith("actiontrail:")),
        "the central role touches no RAM or trail of its own: " + actions);
    Set<String> resources = new TreeSet<>();
    doc.path("Statement").get(0).path("Resource").forEach(r -> resources.add(r.asText()));
    assertEquals(Set.of("acs:ram::1000000000000001:role/spark-role-guard-member",
        "acs:ram::1000000000000002:role/spark-role-guard-member",
        "acs:ram::1000000000000003:role/spark-role-guard-member"), resources);
  }

  @Test
  void centralPolicy_grantsInvokeFunction_exactlyOnItself_onlyWhenTheTimerMayFanOut() throws Exception {
    Set<String> listedOnly = FunctionRolePolicy.actions(CentralPolicy.generate(central()));
    assertTrue(!listedOnly.contains("fc:InvokeFunction"), "3 listed accounts, threshold 100: no fan-out, no grant");

    Path dir = Files.createTempDirectory("central-fan-out");
    Files.writeString(dir.resolve("guard.yaml"), "ram: { region: cn-shanghai }\nroles:\n"
        + "  - name: AliyunEMRSparkJobRunDefaultRole\nfleet: { discover: true }\n"
        + "fanOut: { functionName: guard-central, qualifier: prod }\n");
    JsonNode doc = CentralPolicy.generate(ConfigLoader.load(dir.resolve("guard.yaml"), k -> null));
    List<JsonNode> fc = new java.util.ArrayList<>();
    doc.path("Statement").forEach(st -> {
      if (st.toString().contains("fc:")) {
        fc.add(st);
      }
    });
    assertEquals(1, fc.size(), doc.toString());
    assertEquals("fc:InvokeFunction", fc.get(0).path("Action").asText(), "exactly the one action");
    assertEquals("[\"acs:fc:cn-shanghai:*:functions/guard-central/prod\"]", fc.get(0).path("Resource").toString(),
        "on the guard's own function (and qualifier) only");
  }

  @Test
  void memberTemplate_trustsOnlyTheGuardsRoleWithTheExternalId_andGrantsTheFunctionPolicy() throws Exception {
    GuardConfig c = central();
    JsonNode t = MemberTemplate.generate(c);

    t.path("Resources").forEach(r -> assertTrue(ROS_TYPES.contains(r.path("Type").asText()), r.toString()));
    JsonNode role = t.path("Resources").path("MemberRole").path("Properties");
    JsonNode st = role.path("AssumeRolePolicyDocument").path("Statement").get(0);
    assertEquals("acs:ram::${CentralAccountId}:role/${GuardRoleName}", st.path("Principal").path("RAM").get(0).path("Fn::Sub").asText());
    assertEquals("ExternalId", st.path("Condition").path("StringEquals").path("sts:ExternalId").path("Ref").asText());
    assertEquals(c.accounts().memberRole(), t.path("Parameters").path("MemberRoleName").path("Default").asText());
    List<ObjectNode> docs = FunctionRolePolicy.generateAll(c.asMemberRole());
    assertEquals(docs.size(), role.path("Policies").size());
    for (int i = 0; i < docs.size(); i++) {
      assertEquals(TestJson.MAPPER.readTree(io.github.sparkroleguard.json.Json.write(docs.get(i))),
          role.path("Policies").get(i).path("PolicyDocument"), "least privilege: what a single-account guard's role gets");
      assertTrue(FunctionRolePolicy.bytes(role.path("Policies").get(i).path("PolicyDocument")) <= 6144,
          "RAM's limit for one policy document");
    }
    JsonNode rule = t.path("Resources").path("RamEventsToCentral").path("Properties");
    assertEquals("default", rule.path("EventBusName").asText(), "cloud-service events are on the default bus");
    List<String> types = TestJson.MAPPER.convertValue(rule.path("FilterPattern").path("type"),
        TestJson.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    assertEquals(List.of(MemberTemplate.RAM_EVENT_TYPES), types);
    JsonNode target = rule.path("Targets").get(0);
    assertEquals("acs.eventbridge", target.path("Type").asText());
    assertTrue(target.path("ParamList").toString().contains("AnotherAccount"));
  }

  @Test
  void centralSYaml_passesTheFc3Schema_andHasTheTimerScan() throws Exception {
    List<String> problems = new java.util.ArrayList<>(DeployFilesTest.sYamlProblems(Files.readString(DIR.resolve("s.yaml"))));

    // Events reach the central function from its custom bus's rule (central-bus.ros.json), not a
    // trigger per region: the members' rules in both regions route to that one bus.
    assertTrue(problems.removeIf(p -> p.startsWith("RAM events of both regions must reach the guard")), problems.toString());
    assertEquals(List.of(), problems);
    assertTrue(Files.readString(DIR.resolve("s.yaml")).contains("triggerType: timer"));
  }

  @Test
  void centralBus_isTheBusTheMembersRouteTo_andInvokesTheCentralFunction() throws Exception {
    JsonNode bus = TestJson.MAPPER.readTree(Files.readString(DIR.resolve("central-bus.ros.json")));
    JsonNode member = MemberTemplate.generate(central());

    assertEquals(member.path("Parameters").path("CentralEventBusName").path("Default").asText(),
        bus.path("Parameters").path("EventBusName").path("Default").asText());
    JsonNode rule = bus.path("Resources").path("InvokeGuard").path("Properties");
    assertEquals(member.path("Resources").path("RamEventsToCentral").path("Properties").path("FilterPattern"),
        rule.path("FilterPattern"));
    assertEquals("acs.fc.function", rule.path("Targets").get(0).path("Type").asText());
    JsonNode sYaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(Files.readString(DIR.resolve("s.yaml")));
    assertEquals(sYaml.path("vars").path("functionName").asText(),
        bus.path("Parameters").path("FunctionName").path("Default").asText());
  }
}
