package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.SYSTEM_POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.ram.SdkRamClient;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.Timing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ActionTrail end to end: history, attribution of drift found by the timer, baseline capture. */
class HistoryIT {
  /** A RAM user who changes things by hand, through the real SDK, so the emulator's trail records them. */
  static SdkRamClient mallory(GuardFixture f) {
    f.emulator.allow(Caller.ramUser("mallory", "LTAIMalloryKey00077", "mallory-secret"));
    CredentialsHolder creds = new CredentialsHolder();
    creds.set("LTAIMalloryKey00077", "mallory-secret", null);
    return new SdkRamClient(new SdkCaller(SdkCaller.newClient("cn-hangzhou", creds),
        Endpoint.parse(f.emulator.endpoint(), "e"), creds, Retrier.standard(Timing.system())));
  }

  @Test
  void history_listsEveryChangeNewestFirst_pagingThroughLookupEvents() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      SdkRamClient m = mallory(f);
      for (int i = 0; i < 30; i++) {
        m.detachPolicyFromRole(PolicyType.SYSTEM, SYSTEM_POLICY, DEFAULT_ROLE);
        m.attachPolicyToRole(PolicyType.SYSTEM, SYSTEM_POLICY, DEFAULT_ROLE);
      }
      try {
        m.detachPolicyFromRole(PolicyType.SYSTEM, SYSTEM_POLICY, "no-such-role"); // fails, and is about another role
      } catch (io.github.sparkroleguard.transport.CloudCallException expected) {
        assertEquals("EntityNotExist.Role", expected.code());
      }
      f.emulator.clearRequests();

      InvocationResult r = f.invoke("command-history-default-role.json");

      assertTrue(r.ok(), () -> r.json().toString());
      JsonNode changes = r.json().path("changes");
      assertEquals(60, changes.size());
      assertEquals("AttachPolicyToRole", changes.get(0).path("eventName").asText(), "newest first");
      assertEquals("mallory", changes.get(0).path("actor").path("name").asText());
      assertEquals("LTAI****077", changes.get(0).path("actor").path("accessKeyId").asText());
      assertEquals(3, r.json().path("lookups").asInt(), "50 per page: two pages for 60 events, one for the lower-case spelling");
      assertEquals(3, f.emulator.requests().stream().filter(q -> q.action.equals("LookupEvents")).count());
    }
  }

  @Test
  void history_findsRecordsUnderEverySpellingRamKeeps_andResourceManagerRecords() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      // the console spells role names in lower case; ActionTrail matches the lookup value exactly
      String now = f.time.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); // the fixture's simulated clock
      com.fasterxml.jackson.databind.node.ObjectNode lower = (com.fasterxml.jackson.databind.node.ObjectNode)
          io.github.sparkroleguard.testing.TestJson.MAPPER.readTree(GuardFixture.read("eventbridge-detach-policy-default.json")).get("data");
      ((com.fasterxml.jackson.databind.node.ObjectNode) lower.get("requestParameters")).put("RoleName", DEFAULT_ROLE.toLowerCase());
      lower.put("eventId", "LOWER-1").put("eventTime", now);
      f.emulator.trail().add(lower);
      com.fasterxml.jackson.databind.node.ObjectNode rm = (com.fasterxml.jackson.databind.node.ObjectNode)
          io.github.sparkroleguard.testing.TestJson.MAPPER.readTree(GuardFixture.read("resourcemanager-delete-role-default.json"));
      f.emulator.trail().add(rm.put("eventTime", now));

      InvocationResult r = f.invoke("command-history-default-role.json");

      java.util.Set<String> ids = new java.util.HashSet<>();
      r.json().path("changes").forEach(c -> ids.add(c.path("eventId").asText()));
      assertTrue(ids.contains("LOWER-1"), r.json().toString());
      assertTrue(ids.contains("8E6B0031-2D1F-4C3A-9B7E-5F0A1C2D3E31"), "the Resource Management DeleteRole: " + r.json());
    }
  }

  @Test
  void timerScan_attributesDriftToTheLastWriter_andTheAlertNamesThem() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      mallory(f).createDefaultPolicyVersion(CUSTOM_POLICY, EventReplay.narrowed("x"));

      InvocationResult r = f.invoke("timer.json");

      assertTrue(r.ok(), () -> r.json().toString());
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("policy_document_changed", role.path("drift").get(0).path("kind").asText());
      assertEquals("CreatePolicyVersion", role.path("events").get(0).path("eventName").asText());
      assertEquals("mallory", role.path("events").get(0).path("actor").path("name").asText());
      assertTrue(role.path("attribution").asText().contains("most recent change in ActionTrail"));
      assertTrue(f.webhook.received().get(0).body.contains("CreatePolicyVersion by ram-user mallory"));
    }
  }

  @Test
  void timerScan_changeNotYetInActionTrail_saysSo() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      f.emulator.trail().delay(Duration.ofMinutes(10));
      mallory(f).detachPolicyFromRole(PolicyType.SYSTEM, SYSTEM_POLICY, DEFAULT_ROLE);
      InvocationResult r = f.invoke("timer.json");
      JsonNode role = GuardFixture.role(r, DEFAULT_ROLE);
      assertEquals(0, role.path("events").size());
      assertTrue(role.path("attribution").asText().startsWith("who: no change in ActionTrail in the last 24 h"));
    }
  }

  @Test
  void timerScan_actionTrailDown_stillAlerts() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      f.emulator.faults().failAlways("LookupEvents", 403, "NoPermission");
      mallory(f).detachPolicyFromRole(PolicyType.SYSTEM, SYSTEM_POLICY, DEFAULT_ROLE);
      InvocationResult r = f.invoke("timer.json");
      assertTrue(r.ok());
      assertEquals("who: ActionTrail lookup failed (NoPermission)", GuardFixture.role(r, DEFAULT_ROLE).path("attribution").asText());
      assertEquals(1, f.webhook.received().size());
    }
  }

  @Test
  void baseline_capturedSnippetAndDocuments_pinTheRoleAsItIs() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      InvocationResult r = f.invoke("command-baseline-custom-role.json");
      assertTrue(r.ok(), () -> r.json().toString());
      String snippet = r.json().path("snippet").asText();
      assertTrue(snippet.contains("- { name: " + CUSTOM_POLICY + ", type: Custom, documentFile: policies/" + CUSTOM_POLICY + ".json }"), snippet);

      // write it out as a user would and protect the role with it: in sync, no drift
      Path dir = Files.createTempDirectory("baseline");
      for (Iterator<Map.Entry<String, JsonNode>> it = r.json().path("documents").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> d = it.next();
        Files.createDirectories(dir.resolve(d.getKey()).getParent());
        Files.writeString(dir.resolve(d.getKey()), d.getValue().asText());
      }
      Files.writeString(dir.resolve("guard.yaml"), "ram: { endpoint: \"" + f.emulator.endpoint() + "\" }\n"
          + "resourcemanager: { endpoint: \"" + f.emulator.endpoint() + "\" }\n" + snippet);
      Map<String, String> env = f.env();
      GuardRuntime pinned = GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { }, f.time.timing());
      InvocationResult check = pinned.invoke(GuardFixture.read("command-check-custom-role.json"));
      assertEquals("in_sync", GuardFixture.role(check, CUSTOM_ROLE).path("status").asText(), check.json().toString());
    }
  }

  @Test
  void baseline_missingRole_isAClearError() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      InvocationResult r = f.invoke("{\"action\":\"baseline\",\"roleName\":\"no-such-role\"}".getBytes());
      assertEquals("NotFound", r.json().path("error").path("code").asText());
    }
  }
}
