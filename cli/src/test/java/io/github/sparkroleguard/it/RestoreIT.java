package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.SYSTEM_POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Restore mode end to end: minimal writes, verified outcome, idempotence, safety, loop guard. */
class RestoreIT {
  static final String RESTORE = "mode: restore\ndetachUnexpected: true";

  static Stream<String> breakingEvents() throws Exception {
    return EventsIT.eventFiles().filter(f -> f.startsWith("eventbridge-") || f.startsWith("actiontrail-")
        || f.startsWith("resourcemanager-") || f.startsWith("batch-"))
        // a service-linked role's deletion runs on the platform's time, past one invocation: ResourceManagerGuardIT
        .filter(f -> !f.equals("resourcemanager-delete-service-linked-role.json")).collect(Collectors.toList()).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingEvents")
  void event_inRestoreMode_reachesBaselineAndThenMakesNoWrites(String file) throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.replay(file);
      f.emulator.clearRequests();

      InvocationResult first = f.invoke(file);

      assertTrue(first.ok(), () -> file + ": " + first.json());
      Baseline.assertAtBaseline(f.emulator, file);
      for (JsonNode role : first.json().path("roles")) {
        String status = role.path("status").asText();
        assertTrue(status.equals("restored") || status.equals("in_sync"), file + ": " + status);
        assertEquals(role.path("drift").size() == 0 ? 0 : role.path("writes").size(), countDone(role), file);
        if (status.equals("restored")) {
          assertEquals(0, role.path("remainingDrift").size(), file);
        }
      }
      int writes = f.emulator.writes().size();
      assertEquals(first.json().path("writes").asInt(), writes, file + ": result counts the writes made");

      // the same delivery again, to the same instance: a duplicate, nothing re-done
      InvocationResult again = f.invoke(file);
      assertTrue(again.ok());
      assertEquals(writes, f.emulator.writes().size(), file + ": a redelivery must make no write");

      // the same event to a fresh instance (no memory of it): re-inspects, converged, no write
      try (GuardFixture other = new GuardFixture("", RESTORE)) {
        other.emulator.ram().replace(f.emulator.ram().snapshot());
        other.emulator.clearRequests();
        InvocationResult fresh = other.invoke(file);
        assertTrue(fresh.ok());
        assertEquals(List.of(), other.emulator.writes(), file + ": converged state must need no write");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingEvents")
  void event_inAlertModeOrDryRun_makesNoWrite(String file) throws Exception {
    for (String top : List.of("mode: alert", "mode: restore\ndryRun: true")) {
      try (GuardFixture f = new GuardFixture(top, "detachUnexpected: true")) {
        f.replay(file);
        f.emulator.clearRequests();
        InvocationResult r = f.invoke(file);
        assertTrue(r.ok(), () -> file + " " + r.json());
        assertEquals(List.of(), f.emulator.writes(), file + " with " + top);
        for (JsonNode role : r.json().path("roles")) {
          if (role.path("drift").size() > 0 && top.contains("dryRun")) {
            assertEquals("dry_run", role.path("action").asText());
            assertTrue(role.path("writes").size() > 0);
            role.path("writes").forEach(w -> assertEquals("planned", w.path("status").asText()));
          }
        }
      }
    }
  }

  @Test
  void customPolicy_atVersionLimitWithoutPinnedVersion_isRestoredByRotating() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      EmulatedRam ram = f.emulator.ram();
      for (int i = 2; i <= 6; i++) {
        ram.createPolicyVersion(CUSTOM_POLICY, EventReplay.narrowed("v" + i), true, "DeleteOldestNonDefaultVersionWhenLimitExceeded");
      }
      assertEquals(5, ram.getPolicy("Custom", CUSTOM_POLICY).versions.size());
      assertFalse(ram.getPolicy("Custom", CUSTOM_POLICY).versions.stream().anyMatch(v -> v.versionId.equals("v1")));

      InvocationResult r = f.invoke("eventbridge-create-policy-version-custom.json");

      assertTrue(r.ok(), () -> r.json().toString());
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("restored", role.path("status").asText());
      assertEquals("CreatePolicyVersion", role.path("writes").get(0).path("action").asText());
      Baseline.assertAtBaseline(f.emulator, "version limit");
      assertEquals(5, ram.getPolicy("Custom", CUSTOM_POLICY).versions.size());
    }
  }

  @Test
  void manualRestore_inAlertMode_restores() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      f.replay("eventbridge-delete-role-custom.json");
      InvocationResult check = f.invoke("command-check-custom-role.json");
      assertEquals("drifted", GuardFixture.role(check, CUSTOM_ROLE).path("status").asText());
      assertEquals(0, f.emulator.writes().size());

      InvocationResult r = f.invoke("command-restore-custom-role.json");

      assertTrue(r.ok(), () -> r.json().toString());
      assertEquals("restored", GuardFixture.role(r, CUSTOM_ROLE).path("status").asText());
      Baseline.assertAtBaseline(f.emulator, "manual restore");
    }
  }

  @Test
  void restore_whenRamRefusesAWrite_failsTheInvocationAfterAlerting() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.replay("eventbridge-delete-role-default.json");
      f.emulator.faults().failAlways("CreateRole", 403, "NoPermission");

      InvocationResult r = f.invoke("eventbridge-delete-role-default.json");

      assertFalse(r.ok());
      assertEquals("GuardFailed", r.json().path("error").path("code").asText());
      JsonNode role = GuardFixture.role(r, DEFAULT_ROLE);
      assertEquals("restore_failed", role.path("status").asText());
      assertEquals("failed", role.path("writes").get(0).path("status").asText());
      assertEquals("not_run", role.path("writes").get(1).path("status").asText());
      assertEquals(1, f.webhook.received().size(), "the alert goes out before the invocation fails");
      assertTrue(f.webhook.received().get(0).body.contains("Restore FAILED"));
    }
  }

  @Test
  void refusedUpdateRole_withAdminAttachedAndPolicyDetached_stillDetachesAndAttaches() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.replay("eventbridge-update-role-trust-default.json");
      f.replay("eventbridge-attach-admin-default.json");
      f.replay("eventbridge-detach-policy-default.json");
      f.emulator.faults().failAlways("UpdateRole", 403, "NoPermission");

      InvocationResult r = f.invoke("eventbridge-update-role-trust-default.json");

      assertFalse(r.ok(), "a drift left unrestored fails the invocation");
      JsonNode role = GuardFixture.role(r, DEFAULT_ROLE);
      assertEquals("partially_restored", role.path("status").asText(), role::toString);
      List<String> steps = new ArrayList<>();
      role.path("writes").forEach(w -> steps.add(w.path("step").asInt() + " " + w.path("action").asText() + " "
          + w.path("status").asText()));
      assertEquals(List.of("1 DetachPolicyFromRole done", "2 UpdateRole failed", "3 AttachPolicyToRole done"), steps);
      assertEquals(1, role.path("remainingDrift").size());
      assertEquals("trust_policy_changed", role.path("remainingDrift").get(0).path("kind").asText());
      var s = f.emulator.ram().snapshot();
      assertEquals(List.of("System:" + SYSTEM_POLICY), s.attachments.stream().filter(a -> a.roleName.equals(DEFAULT_ROLE))
          .map(a -> a.policyType + ":" + a.policyName).collect(Collectors.toList()));
    }
  }

  @Test
  void failedCreateRole_attachIsNotRunAndNamesTheStepItNeeded() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.replay("eventbridge-delete-role-default.json");
      f.emulator.faults().failAlways("CreateRole", 403, "NoPermission");
      JsonNode role = GuardFixture.role(f.invoke("eventbridge-delete-role-default.json"), DEFAULT_ROLE);
      JsonNode attach = role.path("writes").get(1);
      assertEquals("not_run", attach.path("status").asText());
      assertEquals(1, attach.path("blockedBy").asInt());
      assertTrue(attach.path("detail").asText().startsWith("depends on \"CreateRole"), attach::toString);
    }
  }

  @Test
  void writeCap_stopsTheRestoreAndFailsTheInvocation() throws Exception {
    try (GuardFixture f = new GuardFixture("maxWritesPerInvocation: 1", RESTORE)) {
      f.replay("eventbridge-delete-role-default.json");
      InvocationResult r = f.invoke("eventbridge-delete-role-default.json");
      assertFalse(r.ok());
      assertEquals(1, f.emulator.writes().size());
      JsonNode role = GuardFixture.role(r, DEFAULT_ROLE);
      assertEquals("partially_restored", role.path("status").asText());
      assertTrue(role.path("writes").get(1).path("detail").asText().contains("write cap of 1"));
    }
  }

  @Test
  void unexpectedPolicy_withoutDetachUnexpected_isOnlyAlerted() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: restore", "")) {
      f.replay("eventbridge-attach-admin-default.json");
      InvocationResult r = f.invoke("eventbridge-attach-admin-default.json");
      assertTrue(r.ok(), () -> r.json().toString());
      assertEquals(0, f.emulator.writes().size());
      assertEquals("alert_only", GuardFixture.role(r, DEFAULT_ROLE).path("action").asText());
      assertEquals(1, f.webhook.received().size());
    }
  }

  @Test
  void guardsOwnWrites_comeBackAsEvents_andCauseNoFurtherWrite() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.replay("eventbridge-delete-role-default.json");
      f.invoke("eventbridge-delete-role-default.json");
      List<ObjectNode> own = f.emulator.trail().events().stream()
          .filter(e -> e.path("userIdentity").path("userName").asText().startsWith("spark-role-guard-fc:"))
          .collect(Collectors.toList());
      assertEquals(2, own.size());
      int writes = f.emulator.writes().size();
      for (ObjectNode record : own) {
        InvocationResult r = f.invoke(envelope(record).getBytes(StandardCharsets.UTF_8));
        assertTrue(r.ok());
        assertTrue(r.json().path("skipped").get(0).path("reason").asText().contains("guard's own role"));
      }
      assertEquals(writes, f.emulator.writes().size());
    }
  }

  @Test
  void everyBreak_thenEveryEventInAnyOrder_convergesWithNoExtraWrites() throws Exception {
    List<String> files = breakingEvents().collect(Collectors.toList());
    for (long seed = 1; seed <= 3; seed++) {
      try (GuardFixture f = new GuardFixture("", RESTORE)) {
        List<String> order = new ArrayList<>(files);
        Collections.shuffle(order, new Random(seed));
        for (String file : order) {
          f.replay(file);
        }
        Collections.shuffle(order, new Random(seed * 31));
        for (String file : order) {
          InvocationResult r = f.invoke(file);
          assertTrue(r.ok(), () -> file + " " + r.json());
        }
        Baseline.assertAtBaseline(f.emulator, "seed " + seed);
        int writes = f.emulator.writes().size();
        assertTrue(f.invoke("timer.json").ok());
        assertEquals(writes, f.emulator.writes().size(), "converged: the timer scan writes nothing");
      }
    }
  }

  private static int countDone(JsonNode role) {
    int n = 0;
    for (JsonNode w : role.path("writes")) {
      if (w.path("status").asText().equals("done") || w.path("status").asText().equals("converged")) {
        n++;
      }
    }
    return n;
  }

  static String envelope(ObjectNode record) {
    ObjectNode e = TestJson.MAPPER.createObjectNode();
    e.put("specversion", "1.0").put("id", "own-" + record.path("eventId").asText()).put("source", "acs.ram")
        .put("type", "ram:ActionTrail:ApiCall").set("data", record);
    return e.toString();
  }
}
