package io.github.sparkroleguard.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.handler.GuardFailedException;
import io.github.sparkroleguard.handler.GuardHandler;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The guard's main job, locally: an emulated account set up as the product documentation says,
 * broken the way the sample events say, and the real handler (real SDK, real HTTP, real signing)
 * putting it back. Prints the story; writes the alerts and decision log under the output folder.
 */
final class Demo {
  static final String GUARD_KEY_ID = "STS.DemoGuardKey0001";
  static final String GUARD_KEY_SECRET = "demo-guard-secret-not-real";
  static final String GUARD_TOKEN = "demo-sts-token-not-real";
  static final List<String> SCENARIOS = List.of(
      "eventbridge-delete-role-default.json",
      "eventbridge-detach-policy-default.json",
      "eventbridge-create-policy-version-custom.json",
      "eventbridge-delete-policy-custom.json",
      "skip-unrelated-service.json",
      "eventbridge-create-policy-version-custom.json",
      "timer.json");

  private final PrintStream out;
  private final Path outDir;

  Demo(PrintStream out, String outDir) {
    this.out = out;
    this.outDir = Path.of(outDir == null ? "demo-out" : outDir);
  }

  int run() throws Exception {
    Files.createDirectories(outDir);
    Clock clock = Clock.systemUTC();
    List<String> alerts = java.util.Collections.synchronizedList(new ArrayList<>());   // scans run roles in parallel
    List<String> decisions = java.util.Collections.synchronizedList(new ArrayList<>());
    int failures = 0;
    try (CloudEmulator emu = new CloudEmulator(SampleAccount.healthy(clock), 0, clock);
         WebhookReceiver webhook = new WebhookReceiver()) {
      emu.allow(Caller.assumedRole("spark-role-guard-fc", "demo", GUARD_KEY_ID, GUARD_KEY_SECRET, GUARD_TOKEN));
      Path config = writeConfig(emu.endpoint());
      Map<String, String> env = Map.of(
          "ALIBABA_CLOUD_ACCESS_KEY_ID", GUARD_KEY_ID,
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET", GUARD_KEY_SECRET,
          "ALIBABA_CLOUD_SECURITY_TOKEN", GUARD_TOKEN,
          "FC_ACCOUNT_ID", emu.ram().accountId(),
          "DEMO_WEBHOOK_URL", webhook.url("/hook/ops-alerts?token=demo"),
        "DEMO_DINGTALK_URL", webhook.url("/robot/send?access_token=demo"),
        "DEMO_DINGTALK_SECRET", "SECdemo-not-real");
      GuardRuntime runtime = GuardRuntime.build(ConfigLoader.load(config, env::get), env::get, line -> {
        if (line.startsWith("ALERT ")) {
          alerts.add(line.substring(line.indexOf('\n') + 1));
        } else {
          decisions.add(line);
        }
      });
      GuardHandler handler = new GuardHandler(runtime);

      out.println("spark-role-guard demo: the real FC handler and the official RAM SDK, over HTTP,");
      out.println("against a local cloud emulator (RAM, ActionTrail, Resource Management) at " + emu.endpoint());
      out.println("Protected: " + SampleAccount.DEFAULT_ROLE + " (restore), " + SampleAccount.CUSTOM_ROLE
          + " (restore; pins Custom policy " + SampleAccount.CUSTOM_POLICY + ")");
      out.println();
      out.println("Before:");
      printState(emu.ram().snapshot());
      int n = 0;
      java.util.Set<String> replayed = new java.util.HashSet<>();
      for (String file : SCENARIOS) {
        n++;
        byte[] payload = SampleAccount.resource("/events/" + file).getBytes(StandardCharsets.UTF_8);
        JsonNode event = Json.parse(payload);
        out.println();
        out.println("[" + n + "] " + file);
        out.println("    Event : " + describeEvent(event));
        if (replayed.add(file)) {
          EventReplay.apply(emu, event); // a redelivered event did not happen twice
        }
        int writesBefore = emu.writes().size();
        int hooksBefore = webhook.received().size();
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try {
          handler.handleRequest(new ByteArrayInputStream(payload), result, null);
        } catch (GuardFailedException e) {
          failures++;
          out.println("    FAILED: " + e.getMessage());
        }
        printResult(Json.parse(result.toByteArray()));
        out.println("    RAM writes by the guard: " + (emu.writes().size() - writesBefore)
            + "; messages received by the webhook and the DingTalk robot: " + (webhook.received().size() - hooksBefore));
      }
      out.println();
      out.println("After:");
      printState(emu.ram().snapshot());
      Files.writeString(outDir.resolve("alerts.md"), String.join("\n---\n\n", alerts));
      Files.writeString(outDir.resolve("decisions.log"), String.join("\n", decisions) + "\n");
      List<String> webhookBodies = new ArrayList<>();
      List<String> dingTalk = new ArrayList<>();
      for (WebhookReceiver.Received r : webhook.received()) {
        if (r.path.startsWith("/robot/")) {
          dingTalk.add(Json.parse(r.body).path("markdown").path("text").asText());
        } else {
          webhookBodies.add(r.body);
        }
      }
      Files.writeString(outDir.resolve("webhook-payloads.json"), "[" + String.join(",\n", webhookBodies) + "]\n");
      Files.writeString(outDir.resolve("dingtalk.md"), String.join("\n---\n\n", dingTalk));
      out.println();
      if (!dingTalk.isEmpty()) {
        out.println("The first alert as the DingTalk robot received it (all " + dingTalk.size() + " are in "
            + outDir.resolve("dingtalk.md") + "):");
        out.println();
        dingTalk.get(0).lines().forEach(l -> out.println("    " + l));
        out.println();
      }
      out.println("Alerts as Markdown for the log: " + outDir.resolve("alerts.md"));
      out.println("Decision log (one JSON line per decision): " + outDir.resolve("decisions.log"));
      out.println("Webhook payloads (schema spark-role-guard.alert/v1): " + outDir.resolve("webhook-payloads.json"));
    }
    return failures == 0 ? 0 : 1;
  }

  private Path writeConfig(String endpoint) throws IOException {
    Path dir = outDir.resolve("config");
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/test-serverless-spark.json"),
        SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    Files.writeString(dir.resolve("guard.yaml"), String.join("\n",
        "# Written by the demo: the guard's configuration for the emulated account.",
        "mode: restore",
        "ram: { endpoint: \"" + endpoint + "\" }",
        "actiontrail: { endpoint: \"" + endpoint + "\" }",
        "resourcemanager: { endpoint: \"" + endpoint + "\" }",
        "roles:",
        "  - name: " + SampleAccount.DEFAULT_ROLE,
        "  - name: " + SampleAccount.CUSTOM_ROLE,
        "    detachUnexpected: true",
        "    policies:",
        "      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, documentFile: policies/test-serverless-spark.json }",
        "alerts:",
        "  - { type: webhook, url: \"${env:DEMO_WEBHOOK_URL}\" }",
        "  - { type: dingtalk, url: \"${env:DEMO_DINGTALK_URL}\", secret: \"${env:DEMO_DINGTALK_SECRET}\" }",
        ""));
    return dir.resolve("guard.yaml");
  }

  private static String describeEvent(JsonNode event) {
    if (event.has("triggerTime")) {
      return "timer trigger " + event.path("triggerName").asText() + ": scan every protected role";
    }
    JsonNode r = event.has("data") ? event.get("data") : event;
    JsonNode p = r.path("requestParameters");
    String target = p.has("RoleName") ? " on role " + p.get("RoleName").asText()
        : p.has("PolicyName") ? " on policy " + p.get("PolicyName").asText() : "";
    return r.path("serviceName").asText() + " " + r.path("eventName").asText() + target + " by "
        + r.path("userIdentity").path("userName").asText() + " from " + r.path("sourceIpAddress").asText()
        + " at " + r.path("eventTime").asText();
  }

  private void printResult(JsonNode result) {
    for (JsonNode s : result.path("skipped")) {
      out.println("    Skip  : " + s.path("reason").asText());
    }
    for (JsonNode role : result.path("roles")) {
      StringJoiner drift = new StringJoiner("; ");
      role.path("drift").forEach(d -> drift.add(d.path("description").asText()));
      out.println("    Role  : " + role.path("roleName").asText() + " -> " + role.path("status").asText()
          + (drift.length() == 0 ? "" : " (" + drift + ")"));
      role.path("writes").forEach(w -> out.println("    Write : " + w.path("description").asText()
          + " [" + w.path("status").asText() + "]"));
      StringJoiner sent = new StringJoiner(", ");
      role.path("alerts").forEach(a -> sent.add(a.path("channel").asText() + (a.path("delivered").asBoolean() ? " ok" : " FAILED")));
      if (sent.length() > 0) {
        out.println("    Alert : " + sent);
      }
    }
  }

  private void printState(AccountState s) {
    for (String role : List.of(SampleAccount.DEFAULT_ROLE, SampleAccount.CUSTOM_ROLE)) {
      boolean exists = s.roles.stream().anyMatch(r -> r.roleName.equals(role));
      StringJoiner attached = new StringJoiner(", ");
      s.attachments.stream().filter(a -> a.roleName.equals(role)).forEach(a -> attached.add(a.policyType + ":" + a.policyName));
      out.println("    " + role + ": " + (exists ? "exists; attached [" + attached + "]" : "MISSING"));
    }
    s.policies.stream().filter(p -> p.policyName.equals(SampleAccount.CUSTOM_POLICY)).findFirst().ifPresentOrElse(
        p -> out.println("    " + SampleAccount.CUSTOM_POLICY + ": default " + p.defaultVersion + " of "
            + p.versions.size() + " version(s)"),
        () -> out.println("    " + SampleAccount.CUSTOM_POLICY + ": MISSING"));
  }
}
