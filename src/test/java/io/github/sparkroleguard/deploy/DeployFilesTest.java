package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.event.RamEventTable;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One source of truth: s.yaml is held to the code (handler, initializer, the event table, the
 * timer payload) and to the fc3 component's schema; the function role's policy is held to the
 * permissions the code declares. Each check also runs on a deliberately wrong copy.
 */
class DeployFilesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VAR = Pattern.compile("\\$\\{vars\\.([A-Za-z]+)}");
  private static final Pattern ENV = Pattern.compile("\\$\\{env\\('?([A-Z_]+)'?\\)}");

  /** Everything wrong with an s.yaml text; empty when it is right. */
  static List<String> sYamlProblems(String text) throws Exception {
    List<String> problems = new ArrayList<>();
    JsonNode root = YAML.readTree(text);
    Map<String, String> vars = new java.util.HashMap<>();
    root.path("vars").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue().asText()));
    JsonNode props = YAML.readTree(resolve(YAML.writeValueAsString(root.path("resources").path("guard").path("props")), vars));
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(DeployFilesTest.class.getResourceAsStream("/schemas/fc3-props.schema.json"));
    for (ValidationMessage m : schema.validate(props)) {
      problems.add("schema: " + m.getMessage());
    }
    if (!"java11".equals(props.path("runtime").asText())) {
      problems.add("runtime must be java11");
    }
    checkMethod(problems, props.path("handler").asText(), StreamRequestHandler.class, "handleRequest",
        InputStream.class, OutputStream.class, Context.class);
    checkMethod(problems, props.path("instanceLifecycleConfig").path("initializer").path("handler").asText(),
        FunctionInitializer.class, "initialize", Context.class);
    boolean sawEventBridge = false;
    boolean sawTimer = false;
    for (JsonNode t : props.path("triggers")) {
      JsonNode c = t.path("triggerConfig");
      if (t.path("triggerType").asText().equals("eventbridge")) {
        sawEventBridge = true;
        JsonNode pattern;
        try {
          pattern = JSON.readTree(c.path("eventRuleFilterPattern").asText());
        } catch (Exception e) {
          problems.add("eventRuleFilterPattern is not valid JSON: " + e.getMessage());
          continue;
        }
        if (!set(pattern.path("type")).equals(new TreeSet<>(RamEventTable.EVENTBRIDGE_TYPES))) {
          problems.add("pattern types " + set(pattern.path("type")) + " differ from " + RamEventTable.EVENTBRIDGE_TYPES);
        }
        if (!set(pattern.path("data").path("eventName")).equals(new TreeSet<>(RamEventTable.eventNames()))) {
          problems.add("pattern event names " + set(pattern.path("data").path("eventName"))
              + " differ from the handler's table " + new TreeSet<>(RamEventTable.eventNames()));
        }
        if (!"Default".equals(c.path("eventSourceConfig").path("eventSourceType").asText())) {
          problems.add("the trigger must listen on the default bus");
        }
        if (!c.path("asyncInvocationType").asBoolean()) {
          problems.add("EventBridge must invoke asynchronously so FC retries and the failure destination apply");
        }
      }
      if (t.path("triggerType").asText().equals("timer")) {
        sawTimer = true;
        if (!c.path("enable").asBoolean()) {
          problems.add("the timer must be enabled");
        }
        String cron = c.path("cronExpression").asText();
        if (!cron.matches("@every [1-9][0-9]*[mh]") && cron.trim().split("\\s+").length != 6) {
          problems.add("cronExpression " + cron + " is neither @every Nm/Nh nor six cron fields");
        }
        // FC's timer event is always a scan: the same shape InputParser accepts.
        GuardRequest r = InputParser.parse(JSON.writeValueAsBytes(JSON.createObjectNode()
            .put("triggerTime", "2026-11-27T10:30:00Z").put("triggerName", t.path("triggerName").asText())));
        if (r.kind() != GuardRequest.Kind.TIMER || r.command().action() != Command.Action.SCAN) {
          problems.add("a timer event must parse as a scan");
        }
      }
    }
    if (!sawEventBridge || !sawTimer) {
      problems.add("s.yaml needs an EventBridge trigger and a timer trigger");
    }
    if (props.path("asyncInvokeConfig").path("destinationConfig").path("onFailure").path("destination").asText().isEmpty()) {
      problems.add("asyncInvokeConfig needs an on-failure destination");
    }
    return problems;
  }

  private static void checkMethod(List<String> problems, String handler, Class<?> iface, String method, Class<?>... params) {
    String[] parts = handler.split("::");
    if (parts.length != 2 || !parts[1].equals(method)) {
      problems.add("handler " + handler + " must be Class::" + method);
      return;
    }
    try {
      Class<?> c = Class.forName(parts[0]);
      if (!iface.isAssignableFrom(c)) {
        problems.add(parts[0] + " does not implement " + iface.getSimpleName());
      }
      c.getMethod(method, params);
      c.getConstructor();
    } catch (ReflectiveOperationException e) {
      problems.add("handler " + handler + " does not exist: " + e);
    }
  }

  private static String resolve(String text, Map<String, String> vars) {
    String out = text;
    for (int i = 0; i < 3; i++) {
      Matcher m = VAR.matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    Matcher m = ENV.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, m.group(1).equals("GUARD_ACCOUNT_ID") ? "1234567890123456" : "placeholder-" + m.group(1));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Set<String> set(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void sYaml_matchesTheCodeAndTheSchema() throws Exception {
    assertEquals(List.of(), sYamlProblems(Files.readString(Path.of("s.yaml"))));
  }

  @Test
  void sYaml_wrongCopies_areCaught() throws Exception {
    String good = Files.readString(Path.of("s.yaml"));
    Map<String, String> wrong = Map.of(
        "\"SetDefaultPolicyVersion\"]", "pattern event names",
        "\"CreatePolicy\",", "pattern event names",
        "'{\"type\"", "not valid JSON",
        "GuardHandler::handleRequest", "must be Class::handleRequest",
        "GuardHandler::initialize", "does not exist",
        "runtime: java11", "runtime must be java11",
        "asyncInvocationType: true", "asynchronously",
        "enable: true", "the timer must be enabled",
        "'@every 10m'", "neither @every",
        "memorySize: 512", "schema:");
    Map<String, String> replacement = Map.of(
        "\"SetDefaultPolicyVersion\"]", "\"SetDefaultPolicyVersion\",\"DeleteUser\"]",
        "\"CreatePolicy\",", "",
        "'{\"type\"", "'{type\"",
        "GuardHandler::handleRequest", "GuardHandler::handle",
        "GuardHandler::initialize", "GuardHandlr::initialize",
        "runtime: java11", "runtime: java8",
        "asyncInvocationType: true", "asyncInvocationType: false",
        "enable: true", "enable: false",
        "'@every 10m'", "'every ten minutes'",
        "memorySize: 512", "memorySize: lots");
    for (Map.Entry<String, String> w : wrong.entrySet()) {
      assertTrue(good.contains(w.getKey()), w.getKey());
      List<String> problems = sYamlProblems(good.replace(w.getKey(), replacement.get(w.getKey())));
      assertTrue(problems.stream().anyMatch(p -> p.contains(w.getValue())), w.getKey() + " -> " + problems);
    }
  }

  /** Actions a policy grants compared with what the code declares: what is missing, what is extra. */
  static List<String> permissionProblems(JsonNode policy) {
    Set<String> granted = FunctionRolePolicy.actions(policy);
    Set<String> declared = FunctionRolePolicy.declaredPermissions();
    List<String> out = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>(declared);
    missing.removeAll(granted);
    Set<String> extra = new LinkedHashSet<>(granted);
    extra.removeAll(declared);
    if (!missing.isEmpty()) {
      out.add("missing " + missing);
    }
    if (!extra.isEmpty()) {
      out.add("extra " + extra);
    }
    return out;
  }

  static GuardConfig exampleConfig() {
    return ConfigLoader.load(Path.of("src/main/resources/guard.example.yaml"),
        Map.of("OPS_WEBHOOK_URL", "https://x.invalid/h", "OPS_WEBHOOK_SECRET", "s")::get);
  }

  @Test
  void functionRolePolicy_isGeneratedFromTheExampleConfig_andGrantsExactlyWhatTheCodeUses() throws Exception {
    JsonNode committed = JSON.readTree(Files.readString(Path.of("deploy/function-role-policy.json")));
    assertEquals(FunctionRolePolicy.generate(exampleConfig()), committed,
        "regenerate: java -jar target/spark-role-guard.jar function-policy --config src/main/resources/guard.example.yaml");
    assertEquals(List.of(), permissionProblems(committed));
    assertTrue(committed.toString().getBytes(StandardCharsets.UTF_8).length <= 6144, "RAM's policy size limit");
  }

  @Test
  void functionRolePolicy_wrongCopies_areCaught() throws Exception {
    String good = Files.readString(Path.of("deploy/function-role-policy.json"));
    assertEquals(List.of("missing [ram:SetDefaultPolicyVersion]"),
        permissionProblems(JSON.readTree(good.replace(", \"ram:SetDefaultPolicyVersion\"", ""))));
    assertEquals(List.of("extra [ram:DeleteRole]"),
        permissionProblems(JSON.readTree(good.replace("\"ram:UpdateRole\"", "\"ram:UpdateRole\", \"ram:DeleteRole\""))));
  }

  @Test
  void functionRolePolicy_scopesRoleActionsToTheProtectedRoles() {
    JsonNode doc = FunctionRolePolicy.generate(exampleConfig());
    JsonNode roleStatement = doc.path("Statement").get(0);
    assertEquals("[acs:ram:*:*:role/aliyunemrsparkjobrundefaultrole, acs:ram:*:*:role/test-serverless-spark-jobrun]",
        set(roleStatement.path("Resource")).toString());
    for (JsonNode s : doc.path("Statement")) {
      boolean trail = set(s.path("Action")).equals(Set.of("actiontrail:LookupEvents"));
      boolean detach = set(s.path("Action")).equals(Set.of("ram:DetachPolicyFromRole"));
      boolean read = set(s.path("Action")).equals(Set.of("ram:GetPolicy"));
      boolean rules = set(s.path("Action")).equals(new TreeSet<>(io.github.sparkroleguard.eventbridge.EventBridgeFacts.PERMISSIONS))
          && s.path("Resource").toString().equals("[\"acs:eventbridge:*:*:eventbus/default/rule/*\"]");
      assertTrue(trail || detach || read || rules || !s.path("Resource").toString().contains("*\""),
          "only LookupEvents, reading policies and rules, and detaching extra ones are unscoped: " + s);
    }
  }

  @Test
  void functionRolePolicy_zeroConfig_needsNoPolicyWrites() {
    JsonNode doc = FunctionRolePolicy.generate(ConfigLoader.fromEnvironment(k -> null));
    Set<String> actions = FunctionRolePolicy.actions(doc);
    assertTrue(!actions.contains("ram:CreatePolicyVersion") && !actions.contains("ram:DetachPolicyFromRole"), actions.toString());
    assertTrue(actions.contains("ram:GetRole") && actions.contains("ram:CreateRole"), actions.toString());
  }

  @Test
  void functionRoleTrust_isFunctionCompute() throws Exception {
    JsonNode trust = JSON.readTree(Files.readString(Path.of("deploy/function-role-trust.json")));
    assertEquals("fc.aliyuncs.com", trust.path("Statement").get(0).path("Principal").path("Service").get(0).asText());
  }
}
