package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.guard.InvocationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A change by an approved actor stays approved on the timer: when ActionTrail does not return
 * the change (its indexing delay, older than attributionHours, attribution off), a scan with
 * approved actors configured alerts and says why instead of reverting it.
 */
class ApprovedOnTimerIT {
  static final String RESTORE = "mode: restore";
  static final String EVENT = "eventbridge-update-role-trust-custom.json"; // made by infra-deployer

  @Test
  void timer_changeActionTrailDoesNotReturnYet_approvedActorsConfigured_alertsNotReverted() throws Exception {
    try (GuardFixture f = new GuardFixture("approvedActors: [ infra-deployer ]", RESTORE)) {
      f.emulator.trail().delay(Duration.ofMinutes(10)); // ActionTrail's indexing delay
      f.replay(EVENT);
      InvocationResult r = f.invoke("timer.json");
      assertTrue(r.ok(), r.json().toString());
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("alert_only", role.path("action").asText(), role.toString());
      assertEquals(0, f.emulator.writes().size(), "not reverted");
      String note = role.path("notes").get(0).asText();
      assertTrue(note.startsWith("not reverted: no change in ActionTrail names who did this (no change in ActionTrail in the last 24 h"),
          note);
      assertTrue(note.contains("approvedActors are configured"), note);
      assertEquals(1, f.webhook.received().size(), "alerted");
      assertTrue(f.webhook.received().get(0).body.contains("not reverted"), "the alert says why");
    }
  }

  @Test
  void timer_attributionOff_approvedActorsConfigured_alertsNotReverted() throws Exception {
    try (GuardFixture f = new GuardFixture("approvedActors: [ infra-deployer ]\nattributionHours: 0", RESTORE)) {
      f.replay(EVENT);
      JsonNode role = GuardFixture.role(f.invoke("timer.json"), CUSTOM_ROLE);
      assertEquals("alert_only", role.path("action").asText());
      assertTrue(role.path("notes").get(0).asText().contains("attribution is off, attributionHours: 0"), role.toString());
      assertEquals(0, f.emulator.writes().size());
    }
  }

  @Test
  void timer_noApprovedActors_unattributedDriftIsRestored() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.emulator.trail().delay(Duration.ofMinutes(10));
      f.replay(EVENT);
      JsonNode role = GuardFixture.role(f.invoke("timer.json"), CUSTOM_ROLE);
      assertEquals("restored", role.path("status").asText(), role.toString());
      assertFalse(f.emulator.writes().isEmpty());
    }
  }
}
