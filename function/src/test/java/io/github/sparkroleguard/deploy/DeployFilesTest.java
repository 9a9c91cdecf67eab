package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.handler.CustomRuntime;
import io.github.sparkroleguard.handler.CustomRuntimeContract;
import java.io.IOException;
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
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VAR = Pattern.compile("\\$\\{vars\\.([A-Za-z]+)}");
  /** An fc3 reference to the deployer's environment, ${env('NAME')} or ${env(NAME)}; group 1 is NAME. */
  static final Pattern ENV = Pattern.compile("\\$\\{env\\('?([A-Z_]+)'?\\)}");

  /** Everything wrong with the text of the project's root s.yaml; empty when it is right. */
  static List<String> sYamlProblems(String text) throws Exception {
    return sYamlProblems(text, Path.of(""));
  }

  /**
   * Everything wrong with an s.yaml text whose file is in {@code dir} (relative to the project
   * root: fc3 resolves {@code code} and a pre-deploy action's {@code path} from the file's folder).
   */
  static List<String> sYamlProblems(String text, Path dir) throws Exception {
    List<String> problems = new ArrayList<>();
    JsonNode root = YAML.readTree(text);
    Map<String, String> vars = new java.util.HashMap<>();
    root.path("vars").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue().asText()));
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(DeployFilesTest.class.getResourceAsStream("/schemas/fc3-props.schema.json"));
    int timers = 0;
    Set<String> eventRegions = new TreeSet<>();
    Set<String> functionNames = new TreeSet<>();
    boolean customRuntime = false;
    boolean customBuild = false;
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = root.path("resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      String res = resource.getKey();
      for (JsonNode action : resource.getValue().path("actions").path("pre-deploy")) {
        String run = action.path("run").asText();
        if (run.startsWith("mvn ") && !dir.resolve(action.path("path").asText()).normalize().toString().isEmpty()) {
          problems.add(res + ": pre-deploy " + run + " must run at the project root, not " + action.path("path").asText());
        }
        customBuild |= run.startsWith("mvn ") && run.contains(" -Pfc-custom");
      }
      JsonNode props = YAML.readTree(resolve(YAML.writeValueAsString(resource.getValue().path("props")), vars));
      for (ValidationMessage m : schema.validate(props)) {
        problems.add("schema: " + res + ": " + m.getMessage());
      }
      String region = props.path("region").asText();
      functionNames.add(props.path("functionName").asText());
      String runtime = props.path("runtime").asText();
      if (runtime.startsWith("custom")) {
        if (!runtime.equals(CustomRuntimes.forRegion(region))) {
          problems.add(res + ": runtime must be " + CustomRuntimes.forRegion(region) + ", the custom runtime documented in "
              + region + " (deploy/CustomRuntimes), or java11, not " + runtime);
        }
        customRuntime = true;
        customRuntimeProblems(res, problems, props, dir);
      } else if (runtime.equals("java11")) {
        checkMethod(problems, props.path("handler").asText(), StreamRequestHandler.class, "handleRequest",
            InputStream.class, OutputStream.class, Context.class);
        checkMethod(problems, props.path("instanceLifecycleConfig").path("initializer").path("handler").asText(),
            FunctionInitializer.class, "initialize", Context.class);
      } else {
        problems.add(res + ": runtime must be " + CustomRuntimes.forRegion(region) + " or java11, not " + runtime);
      }
      String destination = props.path("asyncInvokeConfig").path("destinationConfig").path("onFailure").path("destination").asText();
      if (!destination.startsWith("acs:mns:" + region + ":")) {
        problems.add(res + ": asyncInvokeConfig needs an on-failure destination, an MNS queue in " + region + ", got " + destination);
      }
      int eventBridge = 0;
      boolean eventBridgeSeen = false;
      for (JsonNode t : props.path("triggers")) {
        JsonNode c = t.path("triggerConfig");
        if (t.path("triggerType").asText().equals("eventbridge")) {
          eventBridge++;
          eventBridgeSeen = true;
          eventRegions.add(region);
          eventBridgeProblems(res, region, c, problems);
        }
        if (t.path("triggerType").asText().equals("timer")) {
          timers++;
          if (eventBridgeSeen) {
            problems.add(res + ": the timer must come before the EventBridge trigger (fc3 stops at an unchanged one)");
          }
          timerProblems(res, t, c, problems);
        }
      }
      if (eventBridge > 1) {
        problems.add(res + ": at most one EventBridge trigger per function (fc3 skips the ones after an unchanged one)");
      }
    }
    if (customRuntime && !customBuild) {
      problems.add("a custom runtime needs the pre-deploy build mvn ... -Pfc-custom (its code.zip and the AOT cache)");
    }
    if (timers != 1) {
      problems.add("exactly one timer scan across the deployment, found " + timers);
    }
    Set<String> missing = new TreeSet<>(io.github.sparkroleguard.config.EventBridgeConfig.RAM_EVENT_REGIONS);
    missing.removeAll(eventRegions);
    if (!missing.isEmpty()) {
      problems.add("RAM events of both regions must reach the guard: no EventBridge trigger in " + missing);
    }
    if (functionNames.size() != 1) {
      problems.add("every region deploys the same function name (doctor looks for it): " + functionNames);
    }
    return problems;
  }

  private static void eventBridgeProblems(String res, String region, JsonNode c, List<String> problems) {
    JsonNode pattern;
    try {
      pattern = JSON.readTree(c.path("eventRuleFilterPattern").asText());
    } catch (Exception e) {
      problems.add(res + ": eventRuleFilterPattern is not valid JSON: " + e.getMessage());
      return;
    }
    if (!set(pattern.path("type")).equals(new TreeSet<>(ChangeEvents.EVENTBRIDGE_TYPES))) {
      problems.add(res + ": pattern types " + set(pattern.path("type")) + " differ from " + ChangeEvents.EVENTBRIDGE_TYPES);
    }
    if (!set(pattern.path("data").path("eventName")).equals(new TreeSet<>(ChangeEvents.eventNames()))) {
      problems.add(res + ": pattern event names " + set(pattern.path("data").path("eventName"))
          + " differ from the handler's table " + new TreeSet<>(ChangeEvents.eventNames()));
    }
    if (!"Default".equals(c.path("eventSourceConfig").path("eventSourceType").asText())) {
      problems.add(res + ": the trigger must listen on the default bus");
    }
    if (!c.path("asyncInvocationType").isBoolean() || c.path("asyncInvocationType").asBoolean()) {
      problems.add(res + ": asyncInvocationType must be false: asynchronous under FC 3.0's current reading, so FC's "
          + "retries and the failure destination apply");
    }
    JsonNode run = c.path("runOptions");
    if (run.path("retryStrategy").path("PushRetryStrategy").asText().isEmpty()) {
      problems.add(res + ": runOptions.retryStrategy.PushRetryStrategy: EventBridge must retry a failed push");
    }
    if (!run.path("deadLetterQueue").path("Arn").asText().startsWith("acs:mns:" + region + ":")) {
      problems.add(res + ": runOptions.deadLetterQueue.Arn: EventBridge must keep a push that still fails, in " + region);
    }
  }

  private static void timerProblems(String res, JsonNode t, JsonNode c, List<String> problems) throws Exception {
    if (!c.path("enable").asBoolean()) {
      problems.add(res + ": the timer must be enabled");
    }
    String cron = c.path("cronExpression").asText();
    if (!cron.matches("@every [1-9][0-9]*[mh]") && cron.trim().split("\\s+").length != 6) {
      problems.add(res + ": cronExpression " + cron + " is neither @every Nm/Nh nor six cron fields");
    }
    // FC's timer event is always a scan: the same shape InputParser accepts.
    GuardRequest r = InputParser.parse(JSON.writeValueAsBytes(JSON.createObjectNode()
        .put("triggerTime", "2026-11-27T10:30:00Z").put("triggerName", t.path("triggerName").asText())));
    if (r.kind() != GuardRequest.Kind.TIMER || r.command().action() != Command.Action.SCAN) {
      problems.add(res + ": a timer event must parse as a scan");
    }
  }

  /**
   * The custom runtime as deployed: FC starts /code/bootstrap (written by the build script, which
   * runs {@link CustomRuntime}) on FC's port, with the JRE layer of its region, and calls /initialize.
   */
  private static void customRuntimeProblems(String res, List<String> problems, JsonNode props, Path dir) throws IOException {
    JsonNode crc = props.path("customRuntimeConfig");
    if (!"[\"/code/bootstrap\"]".equals(crc.path("command").toString())) {
      problems.add(res + ": customRuntimeConfig.command must be [/code/bootstrap], not " + crc.path("command"));
    }
    if (crc.path("port").asInt() != CustomRuntimeContract.DEFAULT_PORT) {
      problems.add(res + ": customRuntimeConfig.port must be " + CustomRuntimeContract.DEFAULT_PORT + ", the server's fallback");
    }
    if (!dir.resolve(props.path("code").asText()).normalize().equals(Path.of("function/target/fc-custom/code.zip"))) {
      problems.add(res + ": code must be the build script's function/target/fc-custom/code.zip (from the project root), not "
          + props.path("code").asText());
    }
    if (props.path("layers").size() != 1 || !props.path("layers").get(0).asText().startsWith("acs:fc:" + props.path("region").asText() + ":")) {
      problems.add(res + ": the JRE layer, published in the function's own region, must be the function's one layer");
    }
    if (props.path("instanceConcurrency").asInt(0) != 1) {
      problems.add(res + ": instanceConcurrency must be 1: the server handles one invocation at a time");
    }
    if (props.path("instanceLifecycleConfig").path("initializer").path("handler").asText().isEmpty()) {
      problems.add(res + ": an initializer must be set, or FC never calls /initialize");
    }
    String build = Files.readString(Path.of("deploy/custom-runtime/build.sh"));
    if (!build.contains("MAIN=" + CustomRuntime.class.getName() + "\n") || !build.contains("/opt/jre/bin/java")
        || !build.contains("-XX:AOTCache=guard.aot")) {
      problems.add("deploy/custom-runtime/build.sh must write a bootstrap running " + CustomRuntime.class.getName()
          + " on /opt/jre with the AOT cache");
    }
  }

  /** s.yaml with its documented java11 lines in place of each custom-runtime block. */
  static String java11Variant(String text) {
    if (!text.contains("# --- runtime:") || !text.contains("# --- end of runtime ---")) {
      throw new IllegalArgumentException("s.yaml lost its runtime markers");
    }
    StringBuilder out = new StringBuilder();
    boolean inBlock = false;
    for (String line : text.split("\n", -1)) {
      int i = line.indexOf("# java11: ");
      if (line.contains("# --- runtime:")) {
        inBlock = true;
      } else if (line.contains("# --- end of runtime ---")) {
        inBlock = false;
      } else if (inBlock) {
        continue;
      } else if (i >= 0 && line.substring(0, i).isBlank() && !line.contains("mvn ")) {
        out.append(" ".repeat(i)).append(line.substring(i + "# java11: ".length())).append('\n');
        continue;
      }
      out.append(line).append('\n');
    }
    return out.toString();
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
  void sYaml_documentedJava11Variant_matchesTheCodeAndTheSchema() throws Exception {
    String java11 = java11Variant(Files.readString(Path.of("s.yaml")));
    assertTrue(java11.contains("runtime: java11") && !java11.contains("customRuntimeConfig"), java11);
    assertEquals(List.of(), sYamlProblems(java11));
  }

  @Test
  void sYaml_wrongCopies_areCaught() throws Exception {
    String good = Files.readString(Path.of("s.yaml"));
    Map<String, String> wrong = new java.util.LinkedHashMap<>();
    Map<String, String> replacement = new java.util.HashMap<>();
    wrong.put("\"SetDefaultPolicyVersion\"]", "pattern event names");
    replacement.put("\"SetDefaultPolicyVersion\"]", "\"SetDefaultPolicyVersion\",\"DeleteUser\"]");
    wrong.put("\"CreatePolicy\",", "pattern event names");
    replacement.put("\"CreatePolicy\",", "");
    wrong.put("'{\"type\"", "not valid JSON");
    replacement.put("'{\"type\"", "'{type\"");
    wrong.put("runtime: custom.debian12", "runtime must be");
    replacement.put("runtime: custom.debian12", "runtime: java8");
    wrong.put("runtime: custom.debian10", "documented in ap-southeast-1");
    replacement.put("runtime: custom.debian10", "runtime: custom.debian12");
    wrong.put("- run: mvn -B -q package -Pfc-custom -DskipTests", "needs the pre-deploy build");
    replacement.put("- run: mvn -B -q package -Pfc-custom -DskipTests", "- run: mvn -B -q package -DskipTests");
    wrong.put("path: ./\n", "must run at the project root");
    replacement.put("path: ./\n", "path: ./function\n");
    wrong.put("code: ./function/target/fc-custom/code.zip", "code must be the build script's");
    replacement.put("code: ./function/target/fc-custom/code.zip", "code: ./function/target/spark-role-guard.jar");
    wrong.put("- /code/bootstrap", "customRuntimeConfig.command");
    replacement.put("- /code/bootstrap", "- /code/spark-role-guard.jar");
    wrong.put("instanceConcurrency: 1", "instanceConcurrency");
    replacement.put("instanceConcurrency: 1", "instanceConcurrency: 4");
    wrong.put("- acs:fc:${vars.intlRegion}", "JRE layer");
    replacement.put("- acs:fc:${vars.intlRegion}", "- acs:fc:${vars.region}");
    wrong.put("asyncInvocationType: false", "asynchronous under FC 3.0's current reading");
    replacement.put("asyncInvocationType: false", "asyncInvocationType: true");
    wrong.put("enable: true", "the timer must be enabled");
    replacement.put("enable: true", "enable: false");
    wrong.put("'@every 10m'", "neither @every");
    replacement.put("'@every 10m'", "'every ten minutes'");
    wrong.put("memorySize: 512", "schema:");
    replacement.put("memorySize: 512", "memorySize: lots");
    wrong.put("intlRegion: ap-southeast-1", "no EventBridge trigger in [ap-southeast-1]");
    replacement.put("intlRegion: ap-southeast-1", "intlRegion: cn-shanghai");
    wrong.put("PushRetryStrategy: BACKOFF_RETRY", "EventBridge must retry a failed push");
    replacement.put("PushRetryStrategy: BACKOFF_RETRY", "PushRetryStrategyX: BACKOFF_RETRY");
    wrong.put("Arn: acs:mns:", "EventBridge must keep a push");
    replacement.put("Arn: acs:mns:", "Arn: acs:oss:");
    wrong.put("destination: acs:mns:", "on-failure destination");
    replacement.put("destination: acs:mns:", "destination: ");
    for (Map.Entry<String, String> w : wrong.entrySet()) {
      assertTrue(good.contains(w.getKey()), w.getKey());
      List<String> problems = sYamlProblems(good.replace(w.getKey(), replacement.get(w.getKey())));
      assertTrue(problems.stream().anyMatch(p -> p.contains(w.getValue())), w.getKey() + " -> " + problems);
    }
    Map<String, String> wrongJava11 = Map.of(
        "GuardHandler::handleRequest", "must be Class::handleRequest",
        "GuardHandler::initialize", "does not exist");
    Map<String, String> replacementJava11 = Map.of(
        "GuardHandler::handleRequest", "GuardHandler::handle",
        "GuardHandler::initialize", "GuardHandlr::initialize");
    for (Map.Entry<String, String> w : wrongJava11.entrySet()) {
      assertTrue(good.contains(w.getKey()), w.getKey());
      List<String> problems = sYamlProblems(java11Variant(good.replace(w.getKey(), replacementJava11.get(w.getKey()))));
      assertTrue(problems.stream().anyMatch(p -> p.contains(w.getValue())), w.getKey() + " -> " + problems);
    }
  }

  /** The trigger blocks of one resource, for reordering them. */
  private static String timerBlock(String text) {
    int start = text.indexOf("        # Reconcile:");
    int end = text.indexOf("        # Every RAM role/policy change", start);
    return text.substring(start, end);
  }

  @Test
  void sYaml_timerAfterTheEventBridgeTrigger_isCaught() throws Exception {
    String good = Files.readString(Path.of("s.yaml"));
    String timer = timerBlock(good);
    String moved = good.replace(timer, "");
    int intl = moved.indexOf("  guard-intl:");
    moved = moved.substring(0, intl) + timer + moved.substring(intl);
    List<String> problems = sYamlProblems(moved);
    assertTrue(problems.stream().anyMatch(p -> p.contains("the timer must come before")), problems.toString());
  }

  @Test
  void sYaml_secondTimerOrSecondEventBridgeTrigger_isCaught() throws Exception {
    String good = Files.readString(Path.of("s.yaml"));
    String timer = timerBlock(good);
    int intlTriggers = good.indexOf("      triggers:\n", good.indexOf("  guard-intl:")) + "      triggers:\n".length();
    String twoTimers = good.substring(0, intlTriggers) + timer + good.substring(intlTriggers);
    assertTrue(sYamlProblems(twoTimers).stream().anyMatch(p -> p.contains("exactly one timer scan across the deployment, found 2")));
    String eb = good.substring(good.indexOf("        # Every RAM role/policy change"), good.indexOf("  guard-intl:"));
    String twoEb = good.replace(eb, eb + eb.replace("triggerName: ram-role-changes", "triggerName: ram-role-changes-2"));
    assertTrue(sYamlProblems(twoEb).stream().anyMatch(p -> p.contains("at most one EventBridge trigger per function")));
  }

  @Test
  void sYaml_everyFailureDestination_isOnAQueueTheFunctionPolicyMaySendTo() throws Exception {
    JsonNode root = YAML.readTree(Files.readString(Path.of("s.yaml")));
    Map<String, String> vars = new java.util.HashMap<>();
    root.path("vars").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue().asText()));
    List<io.github.sparkroleguard.policy.Policy> granted = new ArrayList<>();
    FunctionRolePolicy.generateAll(exampleConfig()).forEach(d -> granted.add(
        io.github.sparkroleguard.policy.Policy.parse(d.toString())));
    int destinations = 0;
    for (JsonNode r : root.path("resources")) {
      JsonNode props = YAML.readTree(resolve(YAML.writeValueAsString(r.path("props")), vars));
      String destination = props.path("asyncInvokeConfig").path("destinationConfig").path("onFailure").path("destination").asText();
      assertEquals(io.github.sparkroleguard.policy.Decision.ALLOW,
          io.github.sparkroleguard.policy.Evaluator.decide(granted, "mns:SendMessage", destination), destination);
      destinations++;
    }
    assertEquals(2, destinations);
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
    return ConfigLoader.load(Path.of("core/src/main/resources/guard.example.yaml"),
        Map.of("OPS_WEBHOOK_URL", "https://x.invalid/h", "OPS_WEBHOOK_SECRET", "s")::get);
  }

  /** Every statement of every document in a function-policy output, as one document. */
  static JsonNode union(JsonNode output) {
    com.fasterxml.jackson.databind.node.ObjectNode doc = JSON.createObjectNode().put("Version", "1");
    com.fasterxml.jackson.databind.node.ArrayNode all = doc.putArray("Statement");
    output.path("policies").forEach(p -> p.path("policyDocument").path("Statement").forEach(all::add));
    return doc;
  }

  @Test
  void functionRolePolicy_isGeneratedFromTheExampleConfig_andGrantsExactlyWhatTheCodeUses() throws Exception {
    JsonNode committed = JSON.readTree(Files.readString(Path.of("deploy/function-role-policy.json")));
    assertEquals(FunctionRolePolicy.output(exampleConfig()), committed,
        "regenerate: java -jar cli/target/spark-role-guard.jar function-policy --config core/src/main/resources/guard.example.yaml");
    assertEquals(List.of(), permissionProblems(union(committed)));
    for (JsonNode p : committed.path("policies")) {
      assertTrue(FunctionRolePolicy.bytes(p.path("policyDocument")) <= FunctionRolePolicy.MAX_DOCUMENT_BYTES, "RAM's size limit");
    }
  }

  @Test
  void functionRolePolicy_wrongCopies_areCaught() throws Exception {
    String good = Files.readString(Path.of("deploy/function-role-policy.json"));
    assertEquals(List.of("missing [ram:SetDefaultPolicyVersion]"),
        permissionProblems(union(JSON.readTree(good.replace(", \"ram:SetDefaultPolicyVersion\"", "")))));
    assertEquals(List.of("extra [ram:DeleteRole]"),
        permissionProblems(union(JSON.readTree(good.replace("\"ram:UpdateRole\"", "\"ram:UpdateRole\", \"ram:DeleteRole\"")))));
  }

  static GuardConfig manyRoles(int n) {
    StringBuilder yaml = new StringBuilder("roles:\n");
    for (int i = 0; i < n; i++) {
      yaml.append("  - { name: spark-jobrun-role-number-").append(i).append(", detachUnexpected: true }\n");
    }
    return new ConfigLoader(k -> null, null).parse(yaml.toString());
  }

  @Test
  void functionRolePolicy_manyRoles_splitIntoDocumentsWithinTheLimitGrantingEveryPair() {
    for (int n : new int[] {1, 55, 500, 1000}) {
      GuardConfig config = manyRoles(n);
      List<com.fasterxml.jackson.databind.node.ObjectNode> docs = FunctionRolePolicy.generateAll(config);
      List<io.github.sparkroleguard.policy.Policy> parsed = new ArrayList<>();
      for (JsonNode d : docs) {
        assertTrue(FunctionRolePolicy.bytes(d) <= FunctionRolePolicy.MAX_DOCUMENT_BYTES, n + " roles: " + FunctionRolePolicy.bytes(d));
        parsed.add(io.github.sparkroleguard.policy.Policy.parse(d.toString()));
      }
      int pairs = 0;
      for (JsonNode s : FunctionRolePolicy.generate(config).path("Statement")) {
        for (JsonNode a : s.path("Action")) {
          for (JsonNode r : s.path("Resource")) {
            pairs++;
            assertEquals(io.github.sparkroleguard.policy.Decision.ALLOW,
                io.github.sparkroleguard.policy.Evaluator.decide(parsed, a.asText(), r.asText()), n + ": " + a + " on " + r);
          }
        }
      }
      assertTrue(pairs > n, "every role is granted");
      if (n >= 500) {
        assertTrue(docs.size() > 1, n + " roles need more than one policy");
      }
    }
  }

  @Test
  void functionRolePolicy_scopesRoleActionsToTheProtectedRoles() {
    JsonNode doc = FunctionRolePolicy.generate(exampleConfig());
    JsonNode roleStatement = doc.path("Statement").get(0);
    assertEquals("[acs:ram:*:*:role/AliyunEMRSparkJobRunDefaultRole, acs:ram:*:*:role/aliyunemrsparkjobrundefaultrole, "
        + "acs:ram:*:*:role/test-serverless-spark-jobrun]", set(roleStatement.path("Resource")).toString());
    for (JsonNode s : doc.path("Statement")) {
      boolean trail = set(s.path("Action")).equals(Set.of("actiontrail:LookupEvents"));
      boolean detach = set(s.path("Action")).equals(Set.of("ram:DetachPolicyFromRole"))
          || set(s.path("Action")).equals(Set.of("ram:DetachPolicy"));
      boolean read = set(s.path("Action")).equals(Set.of("ram:GetPolicy"));
      boolean rules = set(s.path("Action")).equals(new TreeSet<>(io.github.sparkroleguard.eventbridge.EventBridgeFacts.PERMISSIONS))
          && s.path("Resource").toString().equals("[\"acs:eventbridge:*:*:eventbus/default/rule/*\"]");
      boolean attachments = set(s.path("Action")).equals(Set.of("ram:ListPolicyAttachments"));
      boolean stateObjects = set(s.path("Action")).equals(Set.of("oss:PutObject", "oss:GetObject", "oss:DeleteObject"))
          && set(s.path("Resource")).equals(Set.of("acs:oss:*:*:spark-role-guard-state/spark-role-guard/*"));
      assertTrue(trail || detach || read || rules || attachments || stateObjects || !s.path("Resource").toString().contains("*\""),
          "only LookupEvents, ListPolicyAttachments, reading policies and rules, detaching extra ones and the state "
          + "prefix's objects are unscoped: " + s);
    }
  }

  @Test
  void functionRolePolicy_sharedState_grantsObjectsUnderThePrefixAndListingTheBucketOnly() {
    JsonNode doc = FunctionRolePolicy.generate(exampleConfig());
    List<String> oss = new java.util.ArrayList<>();
    doc.path("Statement").forEach(st -> {
      if (st.path("Action").toString().contains("oss:")) {
        oss.add(set(st.path("Action")) + " on " + set(st.path("Resource")));
      }
    });
    assertEquals(2, oss.size(), oss.toString());
    assertTrue(oss.get(1).equals("[oss:GetBucketAcl, oss:GetBucketPolicy, oss:GetBucketVersioning, oss:ListObjects] on [acs:oss:*:*:spark-role-guard-state]"),
        oss.toString());
    assertFalse(FunctionRolePolicy.generate(ConfigLoader.fromEnvironment(k -> null)).toString().contains("oss:"),
        "no store configured: no OSS permission");
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
