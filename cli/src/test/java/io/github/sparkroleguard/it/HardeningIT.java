package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Races between instances, duplicates and reordering, people fighting the guard. */
class HardeningIT {
  static final String RESTORE = "mode: restore\ndetachUnexpected: true";

  /** The same event under another EventBridge id, as a new delivery of a new change. */
  static byte[] redelivered(String file, String id) throws Exception {
    ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(GuardFixture.read(file));
    e.put("id", id);
    ((ObjectNode) e.get("data")).put("eventId", id);
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void concurrentInstances_restoringTheSameRole_allSucceedAndConverge() throws Exception {
    for (String file : List.of("eventbridge-delete-role-default.json", "eventbridge-create-policy-version-custom.json",
        "eventbridge-delete-policy-custom.json")) {
      try (GuardFixture f = new GuardFixture("", RESTORE)) {
        f.replay(file);
        Map<String, String> env = f.env();
        List<GuardRuntime> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          instances.add(GuardRuntime.build(ConfigLoader.load(f.dir.resolve("guard.yaml"), env::get), env::get, line -> { },
              f.time.timing()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<InvocationResult>> results = new ArrayList<>();
        byte[] payload = GuardFixture.read(file);
        for (GuardRuntime rt : instances) {
          results.add(pool.submit((Callable<InvocationResult>) () -> rt.invoke(payload)));
        }
        for (Future<InvocationResult> r : results) {
          InvocationResult result = r.get();
          assertTrue(result.ok(), () -> file + ": " + result.json());
        }
        pool.shutdown();
        Baseline.assertAtBaseline(f.emulator, file + " after a race of 4 instances");
      }
    }
  }

  @Test
  void sameEventFiveTimes_oneRestoreOneAlert() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.replay("eventbridge-delete-role-default.json");
      for (int i = 0; i < 5; i++) {
        assertTrue(f.invoke("eventbridge-delete-role-default.json").ok());
      }
      assertEquals(2, f.emulator.writes().size(), "CreateRole and AttachPolicyToRole, once");
      assertEquals(1, f.webhook.received().size());
    }
  }

  @Test
  void burstOfBreaksInAnyOrder_reachesBaseline_eachStepAtMostOnce() throws Exception {
    List<String> burst = new ArrayList<>(List.of("eventbridge-detach-policy-custom.json", "eventbridge-update-role-trust-custom.json",
        "eventbridge-attach-policy-custom.json", "eventbridge-create-policy-version-custom.json", "eventbridge-set-default-version-custom.json"));
    for (long s = 1; s <= 4; s++) {
      final long seed = s;
      try (GuardFixture f = new GuardFixture("", RESTORE)) {
        burst.forEach(file -> {
          try {
            f.replay(file);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        Collections.shuffle(burst, new Random(seed));
        for (String file : burst) {
          assertTrue(f.invoke(file).ok(), file);
        }
        Baseline.assertAtBaseline(f.emulator, "seed " + seed);
        Map<String, Integer> steps = new HashMap<>();
        f.emulator.writes().forEach(w -> steps.merge(w.action + " " + w.parameters.getOrDefault("PolicyName", ""), 1, Integer::sum));
        steps.forEach((step, n) -> assertEquals(1, n, "seed " + seed + ": " + step + " done " + n + " times"));
        assertEquals(1, f.webhook.received().size(), "the first event finds all the drift; the rest find the role restored");
      }
    }
  }

  @Test
  void someoneKeepsChangingTheRole_restoresPause_oneCriticalAlert_resultsSaySo() throws Exception {
    try (GuardFixture f = new GuardFixture("flapping: { restores: 3, windowMinutes: 10, coolDownMinutes: 30 }", RESTORE)) {
      for (int i = 1; i <= 3; i++) {
        f.replay("eventbridge-detach-policy-default.json");
        InvocationResult r = f.invoke(redelivered("eventbridge-detach-policy-default.json", "flap-" + i));
        assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText());
      }
      String third = f.webhook.received().get(2).body;
      assertTrue(third.contains("[CRITICAL] Someone keeps changing it (restores paused)"), third);
      assertTrue(third.contains("ram-user bob"), third);

      f.replay("eventbridge-detach-policy-default.json");
      InvocationResult paused = f.invoke(redelivered("eventbridge-detach-policy-default.json", "flap-4"));
      assertTrue(paused.ok(), "alerted, not failed");
      JsonNode role = GuardFixture.role(paused, DEFAULT_ROLE);
      assertEquals("drifted", role.path("status").asText());
      assertEquals("alert_only", role.path("action").asText());
      assertTrue(role.path("notes").get(0).asText().startsWith("restores of this role are paused until"), role.toString());
      assertEquals(3, f.emulator.writes().size(), "three restores of one attach each, none while paused");
      assertEquals(4, f.webhook.received().size());

      InvocationResult manual = f.invoke("{\"action\":\"restore\",\"roleName\":\"AliyunEMRSparkJobRunDefaultRole\"}".getBytes(StandardCharsets.UTF_8));
      assertEquals("restored", GuardFixture.role(manual, DEFAULT_ROLE).path("status").asText(), "an operator can still restore");
    }
  }

  @Test
  void pausedRole_afterTheCoolDown_isRestoredAgain() throws Exception {
    try (GuardFixture f = new GuardFixture("flapping: { restores: 2, windowMinutes: 10, coolDownMinutes: 30 }", RESTORE)) {
      for (int i = 1; i <= 2; i++) {
        f.replay("eventbridge-detach-policy-default.json");
        f.invoke(redelivered("eventbridge-detach-policy-default.json", "cool-" + i));
      }
      f.time.advance(Duration.ofMinutes(29));
      f.replay("eventbridge-detach-policy-default.json");
      InvocationResult paused = f.invoke(redelivered("eventbridge-detach-policy-default.json", "cool-3"));
      assertEquals("alert_only", GuardFixture.role(paused, DEFAULT_ROLE).path("action").asText(), "29 minutes: still paused");

      f.time.advance(Duration.ofMinutes(1));
      InvocationResult resumed = f.invoke(redelivered("eventbridge-detach-policy-default.json", "cool-4"));
      assertEquals("restored", GuardFixture.role(resumed, DEFAULT_ROLE).path("status").asText(), "30 minutes: restores resume");
    }
  }

  @Test
  void timerScans_sameUnrepairedDrift_remindOnlyAfterTheRealertWindow() throws Exception {
    try (GuardFixture f = new GuardFixture("realertMinutes: 60", "mode: alert")) {
      f.replay("eventbridge-detach-policy-default.json");
      assertTrue(f.invoke("timer.json").ok());
      assertEquals(1, f.webhook.received().size(), "the first scan alerts");

      f.time.advance(Duration.ofMinutes(59));
      InvocationResult again = f.invoke("timer.json");
      assertTrue(again.ok(), "a reminder within the window is not a failure");
      assertEquals(1, f.webhook.received().size(), "59 minutes later: not again");
      assertEquals("reminder", GuardFixture.role(again, DEFAULT_ROLE).path("alerts").get(0).path("channel").asText());

      f.time.advance(Duration.ofMinutes(1));
      assertTrue(f.invoke("timer.json").ok());
      assertEquals(2, f.webhook.received().size(), "60 minutes after the first alert: alerted again");
    }
  }

  @Test
  void approvedActor_changeIsReportedNotReverted() throws Exception {
    try (GuardFixture f = new GuardFixture("approvedActors: [ infra-deployer ]", RESTORE)) {
      f.replay("eventbridge-update-role-trust-custom.json");
      InvocationResult r = f.invoke("eventbridge-update-role-trust-custom.json");
      assertTrue(r.ok());
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("alert_only", role.path("action").asText());
      assertTrue(role.path("notes").get(0).asText().startsWith("made by an approved actor"));
      assertEquals(0, f.emulator.writes().size());
      assertEquals(1, f.webhook.received().size());

      f.replay("eventbridge-detach-policy-custom.json");
      InvocationResult other = f.invoke("eventbridge-detach-policy-custom.json");
      assertFalse(GuardFixture.role(other, CUSTOM_ROLE).path("writes").isEmpty(), "alice is not approved: restored");
    }
  }

  @Test
  void settleDelay_waitsBeforeReading() throws Exception {
    try (GuardFixture f = new GuardFixture("settleSeconds: 1", RESTORE)) {
      f.replay("eventbridge-detach-policy-default.json");
      f.emulator.clearRequests();
      f.time.sleeps.clear();
      assertTrue(f.invoke("eventbridge-detach-policy-default.json").ok());
      assertEquals(Duration.ofSeconds(1), f.time.sleeps.get(0), "the first wait is the settle delay");
      assertFalse(f.emulator.requests().isEmpty(), "then read the role");
      f.time.sleeps.clear();
      f.invoke("skip-unrelated-service.json");
      assertEquals(List.of(), f.time.sleeps, "nothing to read: no wait");
    }
  }
}
