package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.state.OssClient;
import io.github.sparkroleguard.state.StoreKeys;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared store is evidence, not authority: what someone else wrote there, an approval that
 * no longer fits, or a store that is down never silences an alert or holds back a restore, and
 * the deafness check neither cries wolf nor goes blind. Two runtimes, the real SDK, loopback.
 */
class StateTrustIT {
  static final String DETACH = "eventbridge-detach-policy-default.json";
  static final String TRUST = "eventbridge-update-role-trust-custom.json"; // made by infra-deployer
  static final String CUSTOM_ROLE = SampleAccount.CUSTOM_ROLE;
  static final String DEFAULT_ROLE = SampleAccount.DEFAULT_ROLE;

  static byte[] timer() throws Exception {
    return GuardFixture.read("timer.json");
  }

  static OssClient attacker(SharedFixture f) {
    StoreKeys keys = new StoreKeys(GuardFixture.KEY_ID, GuardFixture.SECRET, GuardFixture.TOKEN);
    return new OssClient(f.emulator.endpoint().replaceFirst("^https?://", ""), false, SharedFixture.BUCKET, "cn-hangzhou",
        () -> keys, Clock.systemUTC(), 2000, 3000);
  }

  static byte[] at(byte[] event, Instant time) throws Exception {
    ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(event);
    ((ObjectNode) e.get("data")).put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * infra-deployer's trust change (approved: alerted, not reverted, then restored by hand), and the
   * same change again by mallory a second later, never delivered (a twin call EventBridge does not carry).
   */
  static void approvedChangeThenMallorysTwin(SharedFixture f) throws Exception {
    byte[] e = at(SharedFixture.event(TRUST, "approved-1"), Instant.now().minus(Duration.ofMinutes(5)));
    f.replay(e);
    assertEquals("alert_only", GuardFixture.role(f.a.invoke(e), CUSTOM_ROLE).path("action").asText());
    assertTrue(f.a.invoke(GuardFixture.read("command-restore-custom-role.json")).ok());
    ObjectNode twin = (ObjectNode) TestJson.MAPPER.readTree(at(SharedFixture.event(TRUST, "twin-1"), Instant.now().plusSeconds(1)));
    ((ObjectNode) twin.path("data").path("userIdentity")).put("type", "ram-user").put("userName", "mallory")
        .put("accessKeyId", "LTAImallory");
    f.replay(twin.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void forgedPauseInTheBucket_restoreStillHappens_resultSaysWhatWasIgnored() throws Exception {
    try (SharedFixture f = new SharedFixture("", "mode: restore")) {
      long far = Instant.now().plus(Duration.ofDays(3650)).toEpochMilli();
      attacker(f).put("guard/t/f/" + DEFAULT_ROLE.toLowerCase() + "/paused", far + "\n" + far + "\nnobody", false);
      byte[] e = SharedFixture.event(DETACH, "forged-1");
      f.replay(e);
      InvocationResult r = f.a.invoke(e);
      assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText(), r.json().toString());
      assertTrue(r.json().path("state").path("ignored").toString().contains("paused"), r.json().toString());
      assertFalse(r.json().toString().contains(SharedFixture.STATE_SECRET), "the key is never in a result");
      assertTrue(f.logA.stream().noneMatch(l -> l.contains(SharedFixture.STATE_SECRET)), "nor in the log");
      assertTrue(f.logA.stream().anyMatch(l -> l.contains("\"ignored\"") && l.contains("no valid MAC")), "the log says what was ignored");
      assertTrue(f.webhook.received().stream().noneMatch(b -> b.body.contains(SharedFixture.STATE_SECRET)), "nor in an alert");
      assertTrue(f.emulator.oss().objects(SharedFixture.BUCKET).values().stream().noneMatch(v -> v.contains(SharedFixture.STATE_SECRET)),
          "nor in the bucket");
    }
  }

  @Test
  void forgedObject_isAlertedOncePerWindow_acrossBothInstances() throws Exception {
    try (SharedFixture f = new SharedFixture("", "mode: restore")) {
      long far = Instant.now().plus(Duration.ofDays(3650)).toEpochMilli();
      attacker(f).put("guard/t/f/" + DEFAULT_ROLE.toLowerCase() + "/paused", far + "\n" + far + "\nnobody", false);
      byte[] e = SharedFixture.event(DETACH, "forged-2");
      f.replay(e);
      InvocationResult r = f.a.invoke(e);
      assertTrue(r.ok(), r.json().toString());
      assertEquals("alerted", r.json().path("state").path("tamperAlert").asText(), r.json().toString());
      assertEquals(1, SharedStateIT.bodiesWith(f, "Shared state tampered with"));
      assertEquals(1, SharedStateIT.bodiesWith(f, "/paused: not written by the guard (no valid MAC)"), "the alert names the object");
      assertEquals(0, SharedStateIT.bodiesWith(f, SharedFixture.STATE_SECRET));
      assertEquals(1, SharedStateIT.bodiesWith(f, "\"about\":\"state_tampered\""), "the webhook says what the alert is about");

      // the same change again, handled by the other instance: the forged pause is ignored again (the
      // role is restored), and not alerted again within the window
      byte[] again = SharedFixture.event(DETACH, "forged-3");
      f.replay(again);
      InvocationResult second = f.b.invoke(again);
      assertEquals("restored", GuardFixture.role(second, DEFAULT_ROLE).path("status").asText(), second.json().toString());
      assertTrue(second.json().path("state").path("ignored").toString().contains("paused"), second.json().toString());
      assertTrue(second.json().path("state").path("tamperAlert").asText().startsWith("already alerted at"),
          second.json().toString());
      assertEquals(1, SharedStateIT.bodiesWith(f, "Shared state tampered with"));
    }
  }

  @Test
  void sealedButImplausibleObject_isIgnoredButNotAlertedAsTampering() throws Exception {
    try (SharedFixture f = new SharedFixture("", "mode: restore")) {
      // a pause far longer than the cool-down, sealed with the guard's own key: a guard wrote it (under
      // another flapping configuration, say), nobody forged it
      long far = Instant.now().plus(Duration.ofDays(3650)).toEpochMilli();
      String key = "guard/t/f/" + DEFAULT_ROLE.toLowerCase() + "/paused";
      attacker(f).put(key, new io.github.sparkroleguard.state.Seal(SharedFixture.STATE_SECRET)
          .seal(key, far + "\n" + Instant.now().toEpochMilli() + "\nguard"), false);
      byte[] e = SharedFixture.event(DETACH, "implausible-1");
      f.replay(e);
      InvocationResult r = f.a.invoke(e);
      assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText(), r.json().toString());
      assertTrue(r.json().path("state").path("ignored").toString().contains("outlasts flapping.coolDownMinutes"),
          r.json().toString());
      assertTrue(r.json().path("state").path("tamperAlert").isMissingNode(), r.json().toString());
      assertEquals(0, SharedStateIT.bodiesWith(f, "Shared state tampered with"));
    }
  }

  @Test
  void stateSecretUnset_runtimeRefusesToStartNamingTheVariable() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("guard-secret");
    java.nio.file.Files.writeString(dir.resolve("guard.yaml"),
        "state: { store: oss, bucket: b-1, endpoint: \"http://127.0.0.1:1\", secret: \"${env:GUARD_STATE_SECRET}\" }\n");
    java.util.Map<String, String> env = java.util.Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", GuardFixture.KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", GuardFixture.SECRET);
    io.github.sparkroleguard.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.github.sparkroleguard.config.ConfigException.class, () -> io.github.sparkroleguard.handler.GuardRuntime.build(
            io.github.sparkroleguard.config.ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, l -> { }));
    assertTrue(e.getMessage().startsWith("state.secret: environment variable GUARD_STATE_SECRET is not set"), e.getMessage());
  }

  @Test
  void approvalStored_actorNoLongerApproved_scanRestores() throws Exception {
    try (SharedFixture f = new SharedFixture("approvedActors: [ infra-deployer ]", "", "mode: restore")) {
      byte[] e = SharedFixture.event(TRUST, "approved-1");
      f.replay(e);
      assertEquals("alert_only", GuardFixture.role(f.a.invoke(e), CUSTOM_ROLE).path("action").asText());
      f.emulator.trail().delay(Duration.ofMinutes(10)); // ActionTrail names nobody yet
      JsonNode role = GuardFixture.role(f.b.invoke(timer()), CUSTOM_ROLE);
      assertEquals("restored", role.path("status").asText(), "approvedActors is now empty: " + role);
    }
  }

  @Test
  void approvalStored_sameChangeLaterByAnotherActor_scanRestores() throws Exception {
    try (SharedFixture f = new SharedFixture("approvedActors: [ infra-deployer ]", "mode: restore")) {
      approvedChangeThenMallorysTwin(f);
      JsonNode role = GuardFixture.role(f.b.invoke(timer()), CUSTOM_ROLE);
      assertEquals("restored", role.path("status").asText(), "the approval covered infra-deployer's change only: " + role);
    }
  }

  /**
   * An approval is honoured only when ActionTrail names no later change; when ActionTrail does not
   * answer (throttled: anyone in the account can exhaust LookupEvents' quota), nothing is known
   * about later changes, so the approval cannot be checked: the result must not tell the operator
   * that an approved actor made mallory's change. (Unattributed drift with approvedActors set is
   * then alerted, not reverted, by RoleDecision's existing rule.)
   */
  @Test
  void approvalStored_sameChangeLaterByAnotherActor_trailUnanswered_approvalNotHonoured() throws Exception {
    try (SharedFixture f = new SharedFixture("approvedActors: [ infra-deployer ]", "mode: restore")) {
      approvedChangeThenMallorysTwin(f);
      f.emulator.faults().failAlways("LookupEvents", 400, "Throttling.User");
      JsonNode role = GuardFixture.role(f.b.invoke(timer()), CUSTOM_ROLE);
      String notes = role.path("notes").toString();
      assertFalse(notes.contains("made by an approved actor"), "mallory's change passed off as approved: " + role);
      assertTrue(notes.contains("is not honoured: ActionTrail did not answer"), role.toString());
    }
  }

  @Test
  void storeDown_timerScan_noNotDeliveredAlertsAndResultSaysWhy() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      Instant now = Instant.now();
      byte[] d = at(SharedFixture.event(TRUST, "delivered-1"), now.minus(Duration.ofMinutes(25)));
      f.replay(d);
      assertTrue(f.a.invoke(d).ok());
      int before = f.alerts();
      f.emulator.oss().down(true);
      InvocationResult scan = f.b.invoke(timer());
      JsonNode deaf = scan.json().path("deafness");
      assertEquals(0, SharedStateIT.bodiesWith(f, "Event not delivered to the guard"), deaf.toString());
      assertTrue(deaf.path("skipped").asText().contains("per-instance memory"), deaf.toString());
      assertTrue(f.alerts() >= before);
    }
  }

  @Test
  void trailFullOfReads_writeOnAProtectedRoleStillCompared() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      f.replay(at(SharedFixture.event(DETACH, "cut-1"), now.minus(Duration.ofMinutes(40))));
      for (int i = 0; i < 300; i++) { // the guard's own reads, and everyone else's
        ObjectNode read = (ObjectNode) TestJson.MAPPER.readTree(GuardFixture.read(DETACH)).get("data").deepCopy();
        read.put("eventId", "read-" + i).put("eventName", "GetRole").put("eventRW", "Read")
            .put("eventTime", now.minus(Duration.ofMinutes(20)).toString());
        f.emulator.trail().add(read);
      }
      JsonNode deaf = f.b.invoke(timer()).json().path("deafness");
      assertEquals(1, deaf.path("undelivered").size(), deaf.toString());
      assertEquals("cut-1", deaf.path("undelivered").get(0).path("eventId").asText());
      assertFalse(deaf.path("truncated").asBoolean(), deaf.toString());
    }
  }

  @Test
  void moreWritesThanThePageLimit_resultSaysTheComparisonWasTruncated() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      for (int i = 0; i < 260; i++) {
        ObjectNode w = (ObjectNode) TestJson.MAPPER.readTree(GuardFixture.read(DETACH)).get("data").deepCopy();
        ((ObjectNode) w.get("requestParameters")).put("RoleName", "someone-elses-role");
        w.put("eventId", "other-" + i).put("eventTime", now.minus(Duration.ofMinutes(20)).toString());
        f.emulator.trail().add(w);
      }
      JsonNode deaf = f.b.invoke(timer()).json().path("deafness");
      assertTrue(deaf.path("truncated").asBoolean(), deaf.toString());
    }
  }
}
