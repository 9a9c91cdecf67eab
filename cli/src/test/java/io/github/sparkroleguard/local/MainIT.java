package io.github.sparkroleguard.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.testing.TestJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The command line against a running emulator, and the shaded jar's demo as a real process. Its tests wait on child JVMs and real timeouts, so they run beside the other classes. */
@Execution(ExecutionMode.CONCURRENT)
class MainIT {
  static final String EVENT = "events/eventbridge-delete-role-default.json";
  @TempDir
  Path dir;
  CloudEmulator emulator;
  WebhookReceiver webhook;
  Map<String, String> env;
  Path config;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    emulator = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC());
    emulator.allow(Caller.ramUser("operator", "LTAIOperatorKey0042", "operator-secret-9931"));
    webhook = new WebhookReceiver();
    env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIOperatorKey0042", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "operator-secret-9931",
        "HOOK", webhook.url("/ops?token=t0k3n"));
    config = dir.resolve("guard.yaml");
    Files.writeString(config, "ram: { endpoint: '" + emulator.endpoint() + "' }\nactiontrail: { endpoint: '"
        + emulator.endpoint() + "' }\nresourcemanager: { endpoint: '" + emulator.endpoint() + "' }\nalerts: [ { type: webhook, url: '${env:HOOK}' } ]\n");
  }

  @AfterEach
  void stop() {
    emulator.close();
    webhook.close();
  }

  private int run(String... args) throws Exception {
    out.reset();
    err.reset();
    return Main.run(List.of(args), env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private JsonNode result() throws Exception {
    return TestJson.MAPPER.readTree(out.toByteArray());
  }

  @Test
  void invoke_deleteRoleEvent_reportsMissingRoleAndActor_andAlertsTheWebhookOnce() throws Exception {
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(Files.readAllBytes(Path.of(EVENT))));

    assertEquals(0, run("invoke", "--event", EVENT, "--config", config.toString()));

    JsonNode role = result().path("roles").get(0);
    assertEquals(SampleAccount.DEFAULT_ROLE, role.path("roleName").asText());
    assertEquals("role_missing", role.path("drift").get(0).path("kind").asText());
    assertEquals("alice@example.onaliyun.com", role.path("events").get(0).path("actor").path("name").asText());
    assertEquals(1, webhook.received().size());
    assertEquals(0, emulator.writes().size(), "alert mode by default");
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("\"decision\":\"role\""), "decision log on stderr");
  }

  @Test
  void checkRestoreScan_commands() throws Exception {
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(Files.readAllBytes(Path.of(EVENT))));
    assertEquals(0, run("check", "--role", SampleAccount.DEFAULT_ROLE, "--config", config.toString()));
    assertEquals("drifted", result().path("roles").get(0).path("status").asText());
    assertEquals(0, run("restore", "--role", SampleAccount.DEFAULT_ROLE, "--config", config.toString(), "--dry-run"));
    assertEquals("dry_run", result().path("roles").get(0).path("action").asText());
    assertEquals(0, emulator.writes().size());
    assertEquals(0, run("restore", "--role", SampleAccount.DEFAULT_ROLE, "--config", config.toString()));
    assertEquals("restored", result().path("roles").get(0).path("status").asText());
    assertEquals(2, emulator.writes().size());
    assertEquals(0, run("scan", "--config", config.toString()));
    assertEquals("in_sync", result().path("roles").get(0).path("status").asText());
  }

  @Test
  void historyAndBaseline_commands() throws Exception {
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(Files.readAllBytes(Path.of(EVENT))));
    emulator.trail().add((com.fasterxml.jackson.databind.node.ObjectNode) TestJson.MAPPER.readTree(
        Files.readAllBytes(Path.of(EVENT))).get("data"));
    assertEquals(0, run("history", "--role", SampleAccount.DEFAULT_ROLE, "--hours", "2160", "--config", config.toString()));
    assertEquals("DeleteRole", result().path("changes").get(0).path("eventName").asText());

    Path out = dir.resolve("pinned");
    assertEquals(0, run("baseline", "--role", SampleAccount.CUSTOM_ROLE, "--out", out.toString(), "--config", config.toString()));
    String snippet = this.out.toString(StandardCharsets.UTF_8);
    assertTrue(snippet.contains("documentFile: policies/" + SampleAccount.CUSTOM_POLICY + ".json"), snippet);
    assertTrue(Files.readString(out.resolve("policies/" + SampleAccount.CUSTOM_POLICY + ".json")).contains("dlf:Get*"));
    assertTrue(Files.exists(out.resolve("policies/" + SampleAccount.CUSTOM_ROLE + "-trust.json")));

    assertEquals(0, run("function-policy", "--config", config.toString()));
    JsonNode first = result().path("policies").get(0);
    assertEquals("spark-role-guard-fc", first.path("policyName").asText());
    assertTrue(first.path("policyDocument").path("Statement").get(0).path("Resource").toString()
        .contains("aliyunemrsparkjobrundefaultrole"));
  }

  @Test
  void doctor_command_printsOneLinePerFindingAndExitsOneOnAFail() throws Exception {
    Files.writeString(config, Files.readString(config) + "eventbridge: { endpoints: { cn-hangzhou: '" + emulator.endpoint()
        + "', ap-southeast-1: '" + emulator.endpoint() + "' } }\n"); // resourcemanager: is in the base configuration
    io.github.sparkroleguard.emulator.SampleDeployment.rule(emulator, "cn-hangzhou",
        io.github.sparkroleguard.deploy.EventPattern.forRam(), "spark-role-guard");

    assertEquals(1, run("doctor", "--config", config.toString()));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("PASS  eventbridge-rule [cn-hangzhou/spark-role-guard-ram-role-changes]"), text);
    assertTrue(text.contains("FAIL  eventbridge-rule [ap-southeast-1]"), text);
    assertTrue(text.contains("      fix: "), text);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("eventbridge-rule[ap-southeast-1]"), err.toString(StandardCharsets.UTF_8));
    assertTrue(webhook.received().isEmpty());

    io.github.sparkroleguard.emulator.SampleDeployment.rule(emulator, "ap-southeast-1",
        io.github.sparkroleguard.deploy.EventPattern.forRam(), "spark-role-guard");
    run("doctor", "--config", config.toString(), "--json", "--send-test");
    assertEquals("pass", result().path("checks").findValues("subject").stream().anyMatch(n -> n.asText().equals(
        "ap-southeast-1/spark-role-guard-ram-role-changes")) ? "pass" : "missing");
    assertEquals(1, webhook.received().size(), "--send-test sends one test message");
  }

  @Test
  void exitCodes_failedInvocation1_usageAndConfig2() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{not json");
    assertEquals(1, run("invoke", "--event", bad.toString(), "--config", config.toString()));
    assertEquals("BadInput", result().path("error").path("code").asText());
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run("check"));
    Path badConfig = dir.resolve("c.yaml");
    Files.writeString(badConfig, "mode: maybe\n");
    assertEquals(2, run("scan", "--config", badConfig.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("mode: must be alert or restore"));
  }

  @Test
  void wrongSecret_failsWithoutLeakingSecretOrToken() throws Exception {
    Map<String, String> wrong = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIOperatorKey0042",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "WRONG-secret-7781", "ALIBABA_CLOUD_SECURITY_TOKEN", "tok-SENSITIVE-5521",
        "HOOK", webhook.url("/x"));
    out.reset();
    int code = Main.run(List.of("scan", "--config", config.toString()), wrong::get,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertTrue(all.contains("InvalidAccessKeySecret") || all.contains("SignatureDoesNotMatch"), all);
    assertFalse(all.contains("WRONG-secret-7781"), "secret leaked");
    assertFalse(all.contains("tok-SENSITIVE-5521"), "STS token leaked");
  }

  /**
   * A real STS token is base64 ('+', '/', '='); RAM's "server string to sign" carries it
   * percent-encoded twice (CAIS%252B...), which a plain replace of the raw token does not find.
   */
  @Test
  void wrongSecret_base64Token_isNotLeakedPercentEncodedEither() throws Exception {
    Map<String, String> wrong = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIOperatorKey0042",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "WRONG-secret-7781", "ALIBABA_CLOUD_SECURITY_TOKEN", "CAIS+tokSENSITIVE/5521==",
        "HOOK", webhook.url("/x"));
    out.reset();
    err.reset();
    int code = Main.run(List.of("scan", "--config", config.toString()), wrong::get,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
        + webhook.received().stream().map(r -> r.body).collect(java.util.stream.Collectors.joining());
    assertTrue(all.contains("SignatureDoesNotMatch"), all);
    assertFalse(all.contains("tokSENSITIVE"), "STS token leaked (percent-encoded): " + all);
  }

  /** doctor's EventBridge calls (CommonRequest) meet the same echoed string to sign as RAM's. */
  @Test
  void doctor_wrongSecret_base64Token_isNotLeakedByTheEventBridgeChecks() throws Exception {
    Files.writeString(config, Files.readString(config) + "eventbridge: { endpoints: { cn-hangzhou: '" + emulator.endpoint()
        + "', ap-southeast-1: '" + emulator.endpoint() + "' } }\n");
    Map<String, String> wrong = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIOperatorKey0042",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "WRONG-secret-7781", "ALIBABA_CLOUD_SECURITY_TOKEN", "CAIS+tokSENSITIVE/5521==",
        "HOOK", webhook.url("/x"));
    out.reset();
    err.reset();
    Main.run(List.of("doctor", "--config", config.toString(), "--json"), wrong::get,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertTrue(all.contains("SignatureDoesNotMatch"), all);
    assertFalse(all.contains("tokSENSITIVE"), "STS token leaked: " + all);
  }

  @Test
  void unreachableEndpoint_failsWithoutLeakingTheSignedUrl() throws Exception {
    Path closed = dir.resolve("closed.yaml");
    Files.writeString(closed, "retryBudgetSeconds: 1\nram: { endpoint: 'http://127.0.0.1:9' }\n");
    Map<String, String> sts = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.LeakCheckKey77", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "leak-secret-31", "ALIBABA_CLOUD_SECURITY_TOKEN", "leak-token-62");
    out.reset();
    err.reset();
    int code = Main.run(List.of("scan", "--config", closed.toString()), sts::get,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertTrue(all.contains("SDK.ServerUnreachable"), all);
    for (String secret : List.of("STS.LeakCheckKey77", "leak-secret-31", "leak-token-62", "Signature=")) {
      assertFalse(all.contains(secret), secret + " leaked: " + all);
    }
  }

  @Test
  void shadedJar_demo_tellsTheStoryAndExitsZero() throws Exception {
    Path jar = Path.of("cli/target/spark-role-guard.jar");
    assertTrue(Files.exists(jar), "run through mvn verify: the jar is built in the package phase");
    Process p = new ProcessBuilder("java", "-jar", jar.toString(), "demo", "--out", dir.resolve("demo").toString())
        .redirectErrorStream(true).start();
    String story = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), story);
    assertTrue(story.contains("AliyunEMRSparkJobRunDefaultRole -> restored (the role does not exist (deleted)"), story);
    assertTrue(story.contains("Skip  : duplicate delivery"), story);
    assertTrue(story.contains("test-serverless-spark-jobrun -> in_sync"), story);
    assertTrue(Files.readString(dir.resolve("demo/alerts.md")).contains("What the guard did"));
  }

  /**
   * Cold start (BENCHMARKS.md): Jackson's ObjectMapper costs a fresh JVM about 150 ms, so the
   * event path reads and writes JSON with the streaming layer only. A node's toString() would
   * bring the mapper back through Jackson's InternalNodeMapper; this catches that too.
   */
  @Test
  void shadedJar_eventPath_neverBuildsJacksonsObjectMapper() throws Exception {
    Path jar = Path.of("cli/target/spark-role-guard.jar");
    assertTrue(Files.exists(jar), "run through mvn verify: the jar is built in the package phase");
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(Files.readAllBytes(Path.of(EVENT))));
    Path log = dir.resolve("classes.log");
    ProcessBuilder pb = new ProcessBuilder("java", "-Xlog:class+load=info:file=" + log, "-jar", jar.toString(),
        "invoke", "--event", EVENT, "--config", config.toString()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("\"status\" : \"drifted\""), output);
    assertTrue(webhook.received().size() == 1, "one webhook alert: " + webhook.received().size());
    String classes = Files.readString(log);
    assertTrue(classes.contains("com.fasterxml.jackson.core.JsonFactory "), "the log lists loaded classes");
    for (String mapper : List.of("com.fasterxml.jackson.databind.ObjectMapper ",
        "com.fasterxml.jackson.databind.node.InternalNodeMapper ")) {
      assertFalse(classes.contains(mapper), mapper.trim() + " was loaded on the event path");
    }
  }

  /** FC's lifecycle in a fresh JVM: the initializer (configuration from GUARD_CONFIG, warm-up), then events. */
  @Test
  void freshJvm_initializerThenEvent_findsTheDrift() throws Exception {
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(Files.readAllBytes(Path.of(EVENT))));
    ProcessBuilder pb = new ProcessBuilder("java", "-cp", "cli/target/spark-role-guard.jar" + java.io.File.pathSeparator
        + "cli/target/test-classes", "io.github.sparkroleguard.bench.FcColdStart", EVENT).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("GUARD_CONFIG", config.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output); // FcColdStart fails unless the first event reports the drift
    String[] lines = output.strip().split("\n");
    assertTrue(List.of(lines).contains("answered"), "the first event is answered before the times: " + output);
    JsonNode times = TestJson.MAPPER.readTree(lines[lines.length - 1]); // FcColdStart prints "answered", then the times
    for (String field : List.of("initializeMs", "firstEventMs", "secondInvocationMs")) {
      assertTrue(times.path(field).isIntegralNumber(), field + " in " + output);
    }
    assertEquals(1, webhook.received().size(), "the first event alerts once; the check of the same drift does not re-alert");
  }
}
