package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attacker who can write the bucket (every Spark job of a workspace can write its bucket)
 * writes objects under the guard's prefix, through real OSS requests on loopback: none of them
 * can silence an alert or hold back a restore.
 */
class OssStateForgeryIT {
  static final String BUCKET = "spark-workspace-bucket";
  static final String KEY_ID = "STS.StoreKey0001";
  static final String SECRET = "store-secret-9";
  static final String TOKEN = "store-sts-token";

  static final FlapRule RULE = new FlapRule(3, Duration.ofMinutes(10), Duration.ofMinutes(30));

  final FakeTime time = new FakeTime();
  CloudEmulator emulator;
  OssState guard;
  OssClient attacker;

  @BeforeEach
  void start() throws Exception {
    emulator = new CloudEmulator(new AccountState(), 0, time);
    emulator.allow(Caller.assumedRole("spark-role-guard-fc", "it", KEY_ID, SECRET, TOKEN));
    emulator.oss().createBucket(BUCKET);
    StoreKeys keys = new StoreKeys(KEY_ID, SECRET, TOKEN);
    OssClient client = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET, "cn-hangzhou", () -> keys, time, 2000, 3000);
    guard = new OssState(client, BUCKET, "guard", "guard/t/", OssStateIT.STATE_SECRET);
    attacker = client; // bucket write access is all the attacker needs
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  static String far(Instant now) {
    return Long.toString(now.plus(Duration.ofDays(3650)).toEpochMilli());
  }

  @Test
  void restoresPaused_forgedPause_restoresGoOn() {
    Instant now = time.instant();
    attacker.put("guard/t/f/role-x/paused", far(now) + "\n" + now.toEpochMilli() + "\nnobody", false);
    assertTrue(guard.restoresPaused("role-x", now, RULE).isEmpty());
  }

  @Test
  void alertTurn_forgedLastAlert_alertGoesOut() {
    Instant now = time.instant();
    attacker.put("guard/t/a/" + OssState.hash("fp") + "/last", far(now), false);
    assertTrue(guard.alertTurn("fp", now, Duration.ofMinutes(60)).mine());
  }

  @Test
  void alertTurn_forgedTurnKey_alertGoesOut() {
    Instant now = time.instant();
    attacker.put("guard/t/a/" + OssState.hash("fp") + "/after-0", far(now), false);
    assertTrue(guard.alertTurn("fp", now, Duration.ofMinutes(60)).mine());
  }

  @Test
  void claimDelivery_forgedDone_handled() {
    Instant now = time.instant();
    attacker.put("guard/t/d/" + OssState.hash("acs.ram:ev-1") + "-c1", "done 1", false);
    assertEquals(GuardState.Claim.FIRST, guard.claimDelivery("acs.ram:ev-1", "c1", now));
  }

  @Test
  void claimDelivery_forgedClaimInTheFuture_handled() {
    Instant now = time.instant();
    attacker.put("guard/t/d/" + OssState.hash("acs.ram:ev-1") + "-c1", "claimed " + far(now), false);
    assertEquals(GuardState.Claim.FIRST, guard.claimDelivery("acs.ram:ev-1", "c1", now));
  }

  @Test
  void deliveredIds_forgedMarker_notDelivered() {
    attacker.put("guard/t/e/ev-9", time.instant().toEpochMilli() + " UpdateRole", false);
    assertTrue(guard.deliveredIds(List.of("ev-9")).isEmpty());
  }

  @Test
  void firstDeafnessReport_forgedReport_stillFirst() {
    attacker.put("guard/t/deaf/ev-9", "1", false);
    assertTrue(guard.firstDeafnessReport("ev-9", time.instant()));
  }

  @Test
  void restored_forgedRestoreRecords_noPause() {
    Instant now = time.instant();
    FlapRule rule = new FlapRule(3, Duration.ofMinutes(10), Duration.ofMinutes(30));
    for (int i = 0; i < 5; i++) {
      attacker.put(String.format("guard/t/f/role-x/r/%013d-f%d", now.toEpochMilli() - 1000 + i, i), "mallory", false);
    }
    assertFalse(guard.restored("role-x", now, Set.of("alice"), rule).started());
    assertTrue(guard.restoresPaused("role-x", now, RULE).isEmpty());
  }

  @Test
  void lastDelivery_forged_notShown() {
    attacker.put("guard/last-delivery", time.instant().toEpochMilli() + "\nev-1\nUpdateRole", false);
    assertTrue(guard.lastDelivery().isEmpty());
  }

  /** What the guard itself would have written: its MAC, under its key. */
  void sealed(String key, String text) {
    attacker.put(key, new Seal(OssStateIT.STATE_SECRET).seal(key, text), false);
  }

  @Test
  void restoresPaused_genuinePauseLongerThanTheCoolDown_ignoredAndReported() {
    Instant now = time.instant();
    sealed("guard/t/f/role-x/paused", now.plus(Duration.ofMinutes(120)).toEpochMilli() + "\n" + now.toEpochMilli() + "\nbob");
    assertTrue(guard.restoresPaused("role-x", now, RULE).isEmpty());
    assertTrue(guard.ignored().get(0).contains("outlasts flapping.coolDownMinutes (30)"), guard.ignored().toString());
  }

  @Test
  void restoresPaused_genuinePauseStartingInTheFuture_ignored() {
    Instant now = time.instant();
    Instant later = now.plus(Duration.ofHours(2));
    sealed("guard/t/f/role-x/paused", later.plus(Duration.ofMinutes(30)).toEpochMilli() + "\n" + later.toEpochMilli() + "\nbob");
    assertTrue(guard.restoresPaused("role-x", later.minus(Duration.ofHours(1)), RULE).isEmpty());
    assertTrue(guard.ignored().get(0).contains("lies in the future"), guard.ignored().toString());
  }

  @Test
  void restoresPaused_genuinePauseWithinTheCoolDown_honoured() {
    Instant now = time.instant();
    sealed("guard/t/f/role-x/paused", now.plus(Duration.ofMinutes(30)).toEpochMilli() + "\n" + now.toEpochMilli() + "\nbob");
    assertEquals(Set.of("bob"), guard.restoresPaused("role-x", now.plusSeconds(60), RULE).orElseThrow().actors());
    assertTrue(guard.ignored().isEmpty());
  }

  @Test
  void alertTurn_genuineTurnInTheFuture_ignoredAndAlertGoesOut() {
    Instant now = time.instant();
    sealed("guard/t/a/" + OssState.hash("fp") + "/last", Long.toString(now.plus(Duration.ofMinutes(20)).toEpochMilli()));
    assertTrue(guard.alertTurn("fp", now, Duration.ofMinutes(60)).mine());
    assertTrue(guard.ignored().get(0).contains("a re-alert turn lies in the future"), guard.ignored().toString());
  }

  @Test
  void alertTurn_turnWithinTheSkew_stillTaken() {
    Instant now = time.instant();
    sealed("guard/t/a/" + OssState.hash("fp") + "/last", Long.toString(now.plus(Duration.ofMinutes(2)).toEpochMilli()));
    assertFalse(guard.alertTurn("fp", now, Duration.ofMinutes(60)).mine(), "another instance's clock runs a little ahead");
  }

  @Test
  void claimDelivery_genuineClaimInTheFuture_takenOver() {
    Instant now = time.instant();
    sealed("guard/t/d/" + OssState.hash("acs.ram:ev-1") + "-c1", "claimed " + now.plus(Duration.ofHours(1)).toEpochMilli());
    assertEquals(GuardState.Claim.FIRST, guard.claimDelivery("acs.ram:ev-1", "c1", now));
  }

  @Test
  void read_genuineBodyCopiedUnderAnotherKey_ignored() {
    Instant now = time.instant();
    String other = "guard/t/d/" + OssState.hash("acs.ram:ev-0") + "-c1";
    sealed(other, "done 1");
    String copied = emulator.oss().objects(BUCKET).get(other);
    attacker.put("guard/t/d/" + OssState.hash("acs.ram:ev-1") + "-c1", copied, false);
    assertEquals(GuardState.Claim.FIRST, guard.claimDelivery("acs.ram:ev-1", "c1", now), "the MAC binds the object key");
  }

  @Test
  void ignored_boundedAndClearedPerInvocation() {
    for (int i = 0; i < 50; i++) {
      attacker.put("guard/t/e/ev-" + i, "1 x", false);
    }
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.add("ev-" + i);
    }
    assertTrue(guard.deliveredIds(ids).isEmpty());
    assertEquals(OssState.MAX_IGNORED, guard.ignored().size());
    assertFalse(guard.ignored().toString().contains(OssStateIT.STATE_SECRET));
    guard.startInvocation();
    assertTrue(guard.ignored().isEmpty());
  }

  @Test
  void roundTrip_whatTheGuardWrote_itBelieves() {
    Instant now = time.instant();
    guard.delivered(List.of(new DeliveredEvent("ev-1", "UpdateRole", now)), now);
    assertEquals(Set.of("ev-1"), guard.deliveredIds(List.of("ev-1")));
    assertTrue(emulator.oss().objects(BUCKET).get("guard/t/e/ev-1").contains(Seal.MARK.trim()));
    assertFalse(emulator.oss().objects(BUCKET).values().stream().anyMatch(v -> v.contains(OssStateIT.STATE_SECRET)));
    assertTrue(guard.ignored().isEmpty());
  }
}
