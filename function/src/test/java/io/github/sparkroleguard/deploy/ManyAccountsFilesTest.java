package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The committed many-accounts deploy files are the commands' output for the example central
 * configuration, and they wire events the way EventBridge documents cross-account routing: the
 * receiving (central) account owns the role each member's EventBridge assumes, the member's rule
 * names it with RAMRoleName, the per-region member template creates nothing global.
 */
class ManyAccountsFilesTest {
  static final Path DIR = Path.of("deploy/many-accounts");

  static GuardConfig central() {
    return ConfigLoader.load(Path.of("core/src/main/resources/guard-central.example.yaml"), Map.of(
        "OPS_WEBHOOK_URL", "https://x.invalid/h", "OPS_WEBHOOK_SECRET", "s", "GUARD_EXTERNAL_ID", "change-me-0001")::get);
  }

  static JsonNode file(String name) throws Exception {
    return TestJson.MAPPER.readTree(Files.readString(DIR.resolve(name)));
  }

  static JsonNode tree(ObjectNode generated) throws Exception {
    return TestJson.MAPPER.readTree(io.github.sparkroleguard.json.Json.write(generated));
  }

  /** ParamList as ResourceKey to the param. */
  static Map<String, JsonNode> params(JsonNode target) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    target.path("ParamList").forEach(p -> out.put(p.path("ResourceKey").asText(), p));
    return out;
  }

  @Test
  void templates_areTheCommandsOutput() throws Exception {
    GuardConfig c = central();
    assertEquals(file("member-roles.json"), tree(MemberTemplate.roles(c)),
        "regenerate: java -jar cli/target/spark-role-guard.jar member-template --part roles --config core/src/main/resources/guard-central.example.yaml");
    assertEquals(file("member-rule.json"), tree(MemberTemplate.rule(c)),
        "regenerate: java -jar cli/target/spark-role-guard.jar member-template --part rule --config core/src/main/resources/guard-central.example.yaml");
    assertEquals(file("central.ros.json"), tree(CentralTemplate.generate(c)),
        "regenerate: java -jar cli/target/spark-role-guard.jar central-template --config core/src/main/resources/guard-central.example.yaml");
    assertFalse(Files.exists(DIR.resolve("member-template.json")), "replaced by member-roles.json and member-rule.json");
    assertFalse(Files.exists(DIR.resolve("central-bus.ros.json")), "replaced by central.ros.json");
  }

  @Test
  void centralPolicy_isTheCommandsOutput_andAssumesOnlyTheMembersRoles() throws Exception {
    JsonNode committed = file("central-role-policy.json");
    assertEquals(committed, tree(CentralPolicy.output(central())),
        "regenerate: java -jar cli/target/spark-role-guard.jar function-policy --config core/src/main/resources/guard-central.example.yaml");
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

  /** RAM names are global and ALIYUN::RAM::Role fails on an existing role: the per-region part names none. */
  @Test
  void memberRule_deploysInBothRegions_itCreatesNoNamedGlobalResource() throws Exception {
    JsonNode rule = MemberTemplate.rule(central());
    List<String> types = new ArrayList<>();
    rule.path("Resources").forEach(r -> types.add(r.path("Type").asText()));
    assertFalse(types.isEmpty());
    for (String type : types) {
      assertFalse(type.startsWith("ALIYUN::RAM::") || type.startsWith("ALIYUN::ResourceManager::"),
          "global (account-wide) resource in the per-region template: " + type);
      assertTrue(MemberTemplate.REGIONAL_TYPES.contains(type), type);
    }
    JsonNode roles = MemberTemplate.roles(central());
    roles.path("Resources").forEach(r -> assertEquals("ALIYUN::RAM::Role", r.path("Type").asText()));
    roles.path("Resources").forEach(r -> assertFalse(r.path("Type").asText().startsWith("ALIYUN::EventBridge"),
        "the global part, deployed once, holds no rule"));
  }

  @Test
  void memberRoles_trustOnlyTheGuardsRoleWithTheExternalId_andGrantTheFunctionPolicy() throws Exception {
    GuardConfig c = central();
    JsonNode t = MemberTemplate.roles(c);
    JsonNode role = t.path("Resources").path("MemberRole").path("Properties");
    JsonNode st = role.path("AssumeRolePolicyDocument").path("Statement").get(0);
    assertEquals("acs:ram::${CentralAccountId}:role/${GuardRoleName}", st.path("Principal").path("RAM").get(0).path("Fn::Sub").asText());
    assertEquals("ExternalId", st.path("Condition").path("StringEquals").path("sts:ExternalId").path("Ref").asText());
    assertEquals(c.accounts().memberRole(), t.path("Parameters").path("MemberRoleName").path("Default").asText());
    List<ObjectNode> docs = FunctionRolePolicy.generateAll(c.asMemberRole());
    assertEquals(docs.size(), role.path("Policies").size());
    for (int i = 0; i < docs.size(); i++) {
      assertEquals(tree(docs.get(i)), role.path("Policies").get(i).path("PolicyDocument"),
          "least privilege: what a single-account guard's role gets, less the central function's queue and store");
      assertTrue(FunctionRolePolicy.bytes(role.path("Policies").get(i).path("PolicyDocument")) <= 6144,
          "RAM's limit for one policy document");
    }
    assertEquals(1, t.path("Resources").size(), "the routing role is the central account's, not the member's");
    for (JsonNode p : role.path("Policies")) {
      for (String action : FunctionRolePolicy.actions(p.path("PolicyDocument"))) {
        assertFalse(action.startsWith("oss:") || action.startsWith("mns:"),
            action + ": the central function's store and failure queue are its own role's, not the member role's");
      }
    }
    assertTrue(FunctionRolePolicy.actions(CentralPolicy.generate(c)).containsAll(List.of("oss:PutObject", "mns:SendMessage")),
        "the central function's own role holds them");
  }

  /** The member's rule: to the central bus, naming the central account's role with RAMRoleName, with retry and a dead-letter queue. */
  @Test
  void memberRule_routesToTheCentralBus_withRAMRoleName_retry_andDeadLetterQueue() throws Exception {
    JsonNode t = MemberTemplate.rule(central());
    JsonNode rule = null;
    String queue = null;
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = t.path("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (r.getValue().path("Type").asText().equals("ALIYUN::EventBridge::Rule")) {
        rule = r.getValue().path("Properties");
      } else if (r.getValue().path("Type").asText().equals("ALIYUN::MNS::Queue")) {
        queue = r.getValue().path("Properties").path("QueueName").asText();
      }
    }
    assertEquals("default", rule.path("EventBusName").asText(), "cloud-service events are on the default bus");
    List<String> types = TestJson.MAPPER.convertValue(rule.path("FilterPattern").path("type"),
        TestJson.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    assertEquals(List.of(MemberTemplate.RAM_EVENT_TYPES), types);
    JsonNode target = rule.path("Targets").get(0);
    assertEquals(EventBridgeFacts.BUS_TARGET_TYPE, target.path("Type").asText());
    Map<String, JsonNode> p = params(target);
    assertEquals(Set.of("RegionId", "AccountType", "AccountId", "EventBusName", "RAMRoleName", "Body"), p.keySet(),
        "the documented keys: RAMRoleName, not RoleName");
    assertEquals("AnotherAccount", p.get("AccountType").path("Value").asText());
    assertEquals("CentralAccountId", p.get("AccountId").path("Value").path("Ref").asText());
    assertEquals("ORIGINAL", p.get("Body").path("Form").asText());
    String roleName = p.get("RAMRoleName").path("Value").path("Fn::Sub").asText();
    assertEquals(CentralTemplate.routingRoleName("${ALIYUN::AccountId}"), roleName, "the role the central template makes for this member");
    assertEquals(EventBridgeFacts.RETRY_EXPONENTIAL, target.path("PushRetryStrategy").asText());
    assertTrue(queue != null && !queue.isEmpty(), "the template makes its dead-letter queue");
    assertTrue(target.path("DeadLetterQueue").path("Arn").path("Fn::Sub").asText().endsWith(":/queues/" + queue),
        target.toString());
  }

  /** The receiving account owns one role per member, trusting only that member's EventBridge, with the documented policy. */
  @Test
  void central_ownsOneRoutingRolePerMember_trustingThatMembersEventBridge() throws Exception {
    GuardConfig c = central();
    JsonNode t = CentralTemplate.generate(c);
    Map<String, JsonNode> roles = new LinkedHashMap<>();
    t.path("Resources").forEach(r -> {
      if (r.path("Type").asText().equals("ALIYUN::RAM::Role")) {
        roles.put(r.path("Properties").path("RoleName").asText(), r.path("Properties"));
      }
    });
    List<String> expected = new ArrayList<>();
    for (MemberAccount a : c.accounts().listed()) {
      expected.add(CentralTemplate.routingRoleName(a.id()));
    }
    assertEquals(expected, new ArrayList<>(roles.keySet()));
    for (MemberAccount a : c.accounts().listed()) {
      JsonNode role = roles.get(CentralTemplate.routingRoleName(a.id()));
      JsonNode st = role.path("AssumeRolePolicyDocument").path("Statement");
      assertEquals(1, st.size());
      assertEquals(TestJson.MAPPER.readTree("[\"" + a.id() + "@eventbridge.aliyuncs.com\"]"), st.get(0).path("Principal").path("Service"));
      assertEquals(1, st.get(0).path("Principal").size(), "no other principal");
      assertEquals(TestJson.MAPPER.readTree("[\"AliyunEventBridgePutEventsPolicy\"]"), role.path("PolicyAttachments").path("System"));
    }
  }

  /** The central rule invokes the function in FC 3.0's form with the documented FC target parameters. */
  @Test
  void central_invokesTheFunction_withTheDocumentedFcTargetParameters() throws Exception {
    GuardConfig c = central();
    JsonNode t = CentralTemplate.generate(c);
    JsonNode rule = t.path("Resources").path("InvokeGuard").path("Properties");
    assertEquals(MemberTemplate.rule(c).path("Parameters").path("CentralEventBusName").path("Default").asText(),
        t.path("Parameters").path("EventBusName").path("Default").asText());
    JsonNode target = rule.path("Targets").get(0);
    assertEquals("acs.fc.function", target.path("Type").asText());
    assertEquals("acs:fc:${FunctionRegion}:${ALIYUN::AccountId}:functions/${FunctionName}",
        target.path("Endpoint").path("Fn::Sub").asText(), "FC 3.0 has no services");
    Map<String, JsonNode> p = params(target);
    assertEquals(Set.of("functionName", "Qualifier", "InvocationType", "DataFormat", "Body"), p.keySet());
    assertEquals("LATEST", p.get("Qualifier").path("Value").asText());
    assertEquals("Async", p.get("InvocationType").path("Value").asText());
    assertEquals("Object", p.get("DataFormat").path("Value").asText());
    assertEquals("ORIGINAL", p.get("Body").path("Form").asText());
    assertEquals(EventBridgeFacts.RETRY_EXPONENTIAL, target.path("PushRetryStrategy").asText());
    List<String> ids = new ArrayList<>();
    rule.path("FilterPattern").path("aliyunoriginalaccountid").forEach(n -> ids.add(n.asText()));
    List<String> listed = new ArrayList<>();
    c.accounts().listed().forEach(a -> listed.add(a.id()));
    assertEquals(listed, ids, "the receiving rule matches only the expected senders (EventBridge's advice)");
    assertEquals(MemberTemplate.rule(c).path("Resources").path("RamEventsToCentral").path("Properties").path("FilterPattern")
        .path("type"), rule.path("FilterPattern").path("type"));
    JsonNode sYaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(Files.readString(DIR.resolve("s.yaml")));
    assertEquals(sYaml.path("vars").path("functionName").asText(), t.path("Parameters").path("FunctionName").path("Default").asText());
  }

  /** DeployFilesTest's checks of an s.yaml, but for the one this central file does not need. */
  static List<String> centralSYamlProblems(String text) throws Exception {
    List<String> problems = new ArrayList<>(DeployFilesTest.sYamlProblems(text, DIR));
    // Events reach the central function from its custom bus's rule (central.ros.json), not a
    // trigger per region: the members' rules in both regions route to that one bus.
    assertTrue(problems.removeIf(p -> p.startsWith("RAM events of both regions must reach the guard")), problems.toString());
    return problems;
  }

  @Test
  void centralSYaml_passesTheFc3Schema_andHasTheTimerScan() throws Exception {
    String text = Files.readString(DIR.resolve("s.yaml"));
    assertEquals(List.of(), centralSYamlProblems(text));
    assertTrue(text.contains("triggerType: timer"));
  }

  /** The central function runs on the main s.yaml's custom runtime, with the same documented java11 alternative. */
  @Test
  void centralSYaml_customRuntimeAndDocumentedJava11Variant_matchTheCodeAndTheSchema() throws Exception {
    String text = Files.readString(DIR.resolve("s.yaml"));
    JsonNode props = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(text).path("resources").path("guard").path("props");
    assertEquals(CustomRuntimes.forRegion("cn-hangzhou"), props.path("runtime").asText(), "the custom runtime of the region");
    String java11 = DeployFilesTest.java11Variant(text);
    assertTrue(java11.contains("runtime: java11") && !java11.contains("customRuntimeConfig"), java11);
    assertEquals(List.of(), centralSYamlProblems(java11));
  }

  @Test
  void centralSYaml_wrongCopies_areCaught() throws Exception {
    String good = Files.readString(DIR.resolve("s.yaml"));
    Map<String, String[]> wrong = new LinkedHashMap<>();
    wrong.put("runtime: custom.debian12", new String[] {"runtime: custom.debian10", "documented in cn-hangzhou"});
    wrong.put("region: cn-hangzhou", new String[] {"region: ap-southeast-1", "documented in ap-southeast-1"});
    wrong.put("code: ../../function/target/fc-custom/code.zip",
        new String[] {"code: ./function/target/fc-custom/code.zip", "code must be the build script's"});
    wrong.put("path: ../../\n", new String[] {"path: ./\n", "must run at the project root"});
    wrong.put("- run: mvn -B -q package -Pfc-custom -DskipTests",
        new String[] {"- run: mvn -B -q package -DskipTests", "needs the pre-deploy build"});
    wrong.put("- /code/bootstrap", new String[] {"- /code/spark-role-guard.jar", "customRuntimeConfig.command"});
    wrong.put("port: 9000", new String[] {"port: 8080", "customRuntimeConfig.port"});
    wrong.put("instanceConcurrency: 1", new String[] {"instanceConcurrency: 4", "instanceConcurrency"});
    wrong.put("- acs:fc:${vars.region}", new String[] {"- acs:fc:ap-southeast-1", "JRE layer"});
    wrong.put("destination: acs:mns:", new String[] {"destination: ", "on-failure destination"});
    for (Map.Entry<String, String[]> w : wrong.entrySet()) {
      assertTrue(good.contains(w.getKey()), w.getKey());
      List<String> problems = centralSYamlProblems(good.replace(w.getKey(), w.getValue()[0]));
      assertTrue(problems.stream().anyMatch(p -> p.contains(w.getValue()[1])), w.getKey() + " -> " + problems);
    }
    List<String> problems = centralSYamlProblems(DeployFilesTest.java11Variant(
        good.replace("GuardHandler::initialize", "GuardHandlr::initialize")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("does not exist")), problems.toString());
  }
}
