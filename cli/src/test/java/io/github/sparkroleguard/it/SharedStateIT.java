package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Two guard runtimes (two FC instances) against one emulated account and one OSS store, through
 * the real SDK and real OSS requests on loopback: what one instance did, the other knows.
 */
class SharedStateIT {
  static final String DETACH = "eventbridge-detach-policy-default.json";
  static final String DEFAULT_ROLE = SampleAccount.DEFAULT_ROLE;
  static final String CUSTOM_ROLE = SampleAccount.CUSTOM_ROLE;

  static byte[] timer() throws Exception {
    return GuardFixture.read("timer.json");
  }

  static long bodiesWith(SharedFixture f, String text) {
    return f.webhook.received().stream().filter(r -> r.body.contains(text)).count();
  }

  @Test
  void duplicateDeliveredToEachInstance_alertsOnce() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      byte[] e = SharedFixture.event(DETACH, "dup-1");
      f.replay(e);
      assertTrue(f.a.invoke(e).ok());
      assertEquals(1, f.alerts());
      InvocationResult second = f.b.invoke(e);
      assertTrue(second.ok());
      assertEquals(1, f.alerts(), "the other instance knows it was handled");
      assertTrue(second.json().path("roles").isEmpty());
      assertTrue(second.json().path("skipped").get(0).path("reason").asText()
          .startsWith("duplicate delivery acs.ram/dup-1: already handled (same id and content)"), second.json().toString());
      assertTrue(second.json().path("state").path("shared").asBoolean());
    }
  }

  @Test
  void sameIdCarryingAnotherChange_otherInstance_handled() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      byte[] detach = SharedFixture.event(DETACH, "reused-id");
      f.replay(detach);
      f.a.invoke(detach);
      byte[] trust = SharedFixture.event("eventbridge-update-role-trust-default.json", "reused-id");
      f.replay(trust);
      InvocationResult r = f.b.invoke(trust);
      assertTrue(r.ok());
      assertEquals(1, r.json().path("roles").size(), r.json().toString());
      assertEquals(2, f.alerts(), "a different change under the same id is not a duplicate");
    }
  }

  @Test
  void sameIdCarryingAnotherChange_perInstanceMemory_handled() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      byte[] detach = SharedFixture.event(DETACH, "reused-id");
      f.replay(DETACH);
      f.invoke(detach);
      assertTrue(f.invoke(detach).json().path("roles").isEmpty(), "same id, same content: a duplicate");
      ObjectNode changed = (ObjectNode) TestJson.MAPPER.readTree(detach);
      ((ObjectNode) changed.path("data").path("userIdentity")).put("userName", "carol");
      InvocationResult r = f.invoke(changed.toString().getBytes(StandardCharsets.UTF_8));
      assertEquals(1, r.json().path("roles").size(), "same id, other actor: handled");
      assertTrue(r.json().path("state").isMissingNode(), "zero configuration: no shared store in the result");
    }
  }

  @Test
  void flappingAcrossBothInstances_pausesRestores() throws Exception {
    try (SharedFixture f = new SharedFixture("flapping: { restores: 3, windowMinutes: 10, coolDownMinutes: 30 }", "mode: restore")) {
      for (int i = 1; i <= 3; i++) {
        byte[] e = SharedFixture.event(DETACH, "flap-" + i);
        f.replay(e);
        InvocationResult r = (i % 2 == 1 ? f.a : f.b).invoke(e);
        assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText());
      }
      assertTrue(f.webhook.received().get(2).body.contains("[CRITICAL] Someone keeps changing it (restores paused)"));
      byte[] fourth = SharedFixture.event(DETACH, "flap-4");
      f.replay(fourth);
      InvocationResult paused = f.b.invoke(fourth);
      JsonNode role = GuardFixture.role(paused, DEFAULT_ROLE);
      assertEquals("alert_only", role.path("action").asText(), role.toString());
      assertTrue(role.path("notes").get(0).asText().startsWith("restores of this role are paused until"), role.toString());
      assertEquals(3, f.emulator.writes().size(), "no restore while paused, whichever instance");
    }
  }

  @Test
  void realertWindow_holdsAcrossBothInstances() throws Exception {
    try (SharedFixture f = new SharedFixture("realertMinutes: 60", "")) {
      f.replay(SharedFixture.event(DETACH, "unrepaired-1"));
      InvocationResult first = f.a.invoke(timer());
      assertTrue(first.ok());
      assertEquals(1, f.alerts());
      InvocationResult second = f.b.invoke(timer());
      assertTrue(second.ok());
      assertEquals(1, f.alerts(), "the other instance's scan reminds, does not re-alert");
      JsonNode d = GuardFixture.role(second, DEFAULT_ROLE).path("alerts").get(0);
      assertEquals("reminder", d.path("channel").asText(), d.toString());
    }
  }

  @Test
  void approvedChangeSeenByOne_respectedByTheOthersScan() throws Exception {
    try (SharedFixture f = new SharedFixture("approvedActors: [ infra-deployer ]", "mode: restore")) {
      byte[] e = SharedFixture.event("eventbridge-update-role-trust-custom.json", "approved-1");
      f.replay(e);
      assertEquals("alert_only", GuardFixture.role(f.a.invoke(e), CUSTOM_ROLE).path("action").asText());
      InvocationResult scan = f.b.invoke(timer());
      JsonNode role = GuardFixture.role(scan, CUSTOM_ROLE);
      assertEquals("alert_only", role.path("action").asText(), role.toString());
      assertTrue(role.path("notes").toString().contains("made by an approved actor (assumed-role infra-deployer"), role.toString());
      assertEquals(0, f.emulator.writes().size(), "the approved change stays");
    }
  }

  @Test
  void storeDown_restoreAndAlertStillHappen_resultAndLogSaySo() throws Exception {
    try (SharedFixture f = new SharedFixture("", "mode: restore")) {
      f.emulator.oss().down(true);
      byte[] e = SharedFixture.event(DETACH, "down-1");
      f.replay(e);
      InvocationResult r = f.a.invoke(e);
      assertTrue(r.ok(), r.json().toString());
      assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText());
      assertEquals(1, f.alerts());
      String fallback = r.json().path("state").path("fallback").asText();
      assertTrue(fallback.contains("HTTP 503 ServiceUnavailable") && fallback.contains("per-instance memory"), fallback);
      assertFalse(r.json().path("state").path("shared").asBoolean());
      assertEquals(1, f.logA.stream().filter(l -> l.contains("\"fallback\"")).count(), "logged once per invocation");
      assertTrue(f.a.invoke(e).json().path("roles").isEmpty(), "this instance still remembers the delivery");

      f.emulator.oss().down(false);
      InvocationResult back = f.a.invoke(timer());
      assertTrue(back.json().path("state").path("shared").asBoolean());
      assertTrue(back.json().path("state").path("fallback").isMissingNode());
    }
  }

  @Test
  void triggerPathCut_timerScanAlertsOncePerUndeliveredEvent() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      ObjectNode cut = (ObjectNode) TestJson.MAPPER.readTree(SharedFixture.event(DETACH, "cut-1"));
      ((ObjectNode) cut.get("data")).put("eventTime", now.minus(Duration.ofMinutes(20)).toString());
      f.replay(cut.toString().getBytes(StandardCharsets.UTF_8));
      ObjectNode delivered = (ObjectNode) TestJson.MAPPER.readTree(
          SharedFixture.event("eventbridge-update-role-trust-custom.json", "delivered-1"));
      ((ObjectNode) delivered.get("data")).put("eventTime", now.minus(Duration.ofMinutes(25)).toString());
      byte[] d = delivered.toString().getBytes(StandardCharsets.UTF_8);
      f.replay(d);
      assertTrue(f.a.invoke(d).ok());
      // A Resource Management write on a protected role: EventBridge never carries these, the scan finds their drift.
      // AttachPolicy has no RAM twin of that name: the role is in its PrincipalName.
      ObjectNode rm = (ObjectNode) TestJson.MAPPER.readTree(GuardFixture.read("resourcemanager-attach-admin-group-custom.json"))
          .get("data");
      f.emulator.trail().add(rm.put("eventTime", now.minus(Duration.ofMinutes(15)).toString()));

      InvocationResult scan = f.b.invoke(timer());
      JsonNode deaf = scan.json().path("deafness");
      assertEquals(2, deaf.path("compared").asInt(), deaf.toString());
      assertEquals(1, deaf.path("undelivered").size(),
          "Resource Management's records never travel through EventBridge: not reported as not delivered: " + deaf);
      JsonNode missed = deaf.path("undelivered").get(0);
      assertEquals("cut-1", missed.path("eventId").asText());
      assertEquals("DetachPolicyFromRole", missed.path("eventName").asText());
      assertTrue(missed.path("ageMinutes").asLong() >= 20);
      assertTrue(missed.path("alerted").asBoolean() && missed.path("delivered").asBoolean(), missed.toString());
      assertEquals("UpdateRole", deaf.path("lastEventName").asText(), "the last delivery seen");
      assertEquals(1, bodiesWith(f, "Event not delivered to the guard"));
      assertEquals(1, bodiesWith(f, "other region"));

      InvocationResult again = f.a.invoke(timer());
      assertFalse(again.json().path("deafness").path("undelivered").get(0).path("alerted").asBoolean());
      assertEquals(1, bodiesWith(f, "Event not delivered to the guard"), "one alert per undelivered event");
    }
  }
}
