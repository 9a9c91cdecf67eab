package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.RamEmulator;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OSS store's semantics, through real HTTP and V1 signatures, against the emulated OSS on loopback. */
class OssStateIT {
  static final String BUCKET = "spark-workspace-bucket";
  static final String KEY_ID = "STS.StoreKey0001";
  static final String SECRET = "store-secret-9";
  static final String TOKEN = "store-sts-token";

  final FakeTime time = new FakeTime();
  RamEmulator emulator;
  OssState a;
  OssState b;

  @BeforeEach
  void start() throws Exception {
    emulator = new RamEmulator(new AccountState(), 0, time);
    emulator.allow(Caller.assumedRole("spark-role-guard-fc", "it", KEY_ID, SECRET, TOKEN));
    emulator.oss().createBucket(BUCKET);
    a = store(new StoreKeys(KEY_ID, SECRET, TOKEN));
    b = store(new StoreKeys(KEY_ID, SECRET, TOKEN));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  OssState store(StoreKeys keys) {
    OssClient client = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET, () -> keys, time, 2000);
    return new OssState(client, BUCKET, "guard");
  }

  @Test
  void claimDelivery_sameIdAndContentOnAnotherInstance_duplicate() {
    Instant now = time.instant();
    assertEquals(GuardState.Claim.FIRST, a.claimDelivery("acs.ram:ev-1", "c1", now));
    a.finishDelivery("acs.ram:ev-1", "c1", true, now);
    assertEquals(GuardState.Claim.DUPLICATE, b.claimDelivery("acs.ram:ev-1", "c1", now));
  }

  @Test
  void claimDelivery_sameIdOtherContent_first() {
    Instant now = time.instant();
    a.claimDelivery("acs.ram:ev-1", "c1", now);
    a.finishDelivery("acs.ram:ev-1", "c1", true, now);
    assertEquals(GuardState.Claim.FIRST, b.claimDelivery("acs.ram:ev-1", "c2", now));
  }

  @Test
  void claimDelivery_heldByUnfinishedInvocation_inProgressUntilStale() {
    Instant now = time.instant();
    a.claimDelivery("d", "c", now);
    assertEquals(GuardState.Claim.IN_PROGRESS, b.claimDelivery("d", "c", now.plusSeconds(30)));
    assertEquals(GuardState.Claim.FIRST, b.claimDelivery("d", "c", now.plus(StoreFacts.CLAIM_STALE).plusSeconds(1)));
  }

  @Test
  void finishDelivery_failedInvocation_releasesForTheRetry() {
    Instant now = time.instant();
    a.claimDelivery("d", "c", now);
    a.finishDelivery("d", "c", false, now);
    assertEquals(GuardState.Claim.FIRST, b.claimDelivery("d", "c", now));
  }

  @Test
  void alertTurn_twoInstancesAtOnce_onlyOneGranted() {
    Instant now = time.instant();
    AlertTurn first = a.alertTurn("role|drift", now, Duration.ofMinutes(60));
    AlertTurn second = b.alertTurn("role|drift", now, Duration.ofMinutes(60));
    assertTrue(first.mine());
    assertFalse(second.mine());
    assertEquals(Optional.of(now), second.alertedAt());
  }

  @Test
  void alertTurn_afterDeliveredAlert_heldForTheWindowThenGrantedAgain() {
    Instant now = time.instant();
    a.alertDone(a.alertTurn("fp", now, Duration.ofMinutes(60)), true, now);
    assertFalse(b.alertTurn("fp", now.plus(Duration.ofMinutes(59)), Duration.ofMinutes(60)).mine());
    AlertTurn later = b.alertTurn("fp", now.plus(Duration.ofMinutes(61)), Duration.ofMinutes(60));
    assertTrue(later.mine());
    assertFalse(a.alertTurn("fp", now.plus(Duration.ofMinutes(61)), Duration.ofMinutes(60)).mine());
  }

  @Test
  void alertDone_undelivered_givesTheTurnBack() {
    Instant now = time.instant();
    a.alertDone(a.alertTurn("fp", now, Duration.ofMinutes(60)), false, now);
    assertTrue(b.alertTurn("fp", now, Duration.ofMinutes(60)).mine());
  }

  @Test
  void restored_limitReachedAcrossInstances_pausesForBoth() {
    FlapRule rule = new FlapRule(3, Duration.ofMinutes(10), Duration.ofMinutes(30));
    Instant t = time.instant();
    assertFalse(a.restored("Role-X", t, Set.of("alice"), rule).started());
    assertFalse(b.restored("role-x", t.plusSeconds(60), Set.of("bob"), rule).started());
    Pause.Outcome third = a.restored("role-x", t.plusSeconds(120), Set.of("alice"), rule);
    assertTrue(third.started());
    assertEquals(Set.of("alice", "bob"), third.actors());
    Optional<Pause> paused = b.restoresPaused("ROLE-X", t.plusSeconds(180));
    assertEquals(Optional.of(t.plusSeconds(120).plus(Duration.ofMinutes(30))), paused.map(Pause::until));
    assertTrue(b.restoresPaused("role-x", t.plusSeconds(120).plus(Duration.ofMinutes(31))).isEmpty());
  }

  @Test
  void restored_restoresOutsideTheWindow_doNotCount() {
    FlapRule rule = new FlapRule(3, Duration.ofMinutes(10), Duration.ofMinutes(30));
    Instant t = time.instant();
    a.restored("r", t, Set.of("x"), rule);
    a.restored("r", t.plus(Duration.ofMinutes(11)), Set.of("x"), rule);
    assertFalse(b.restored("r", t.plus(Duration.ofMinutes(12)), Set.of("x"), rule).started());
  }

  @Test
  void restored_afterAPause_countsOnlyNewRestores() {
    FlapRule rule = new FlapRule(2, Duration.ofMinutes(10), Duration.ofMinutes(1));
    Instant t = time.instant();
    a.restored("r", t, Set.of("x"), rule);
    assertTrue(a.restored("r", t.plusSeconds(10), Set.of("x"), rule).started());
    assertFalse(b.restored("r", t.plusSeconds(100), Set.of("x"), rule).started());
  }

  @Test
  void approvedBy_approvalSeenByOneInstance_answeredToTheOther() {
    a.approve("role|policy_document_changed:p:42", "terraform-ci", time.instant());
    assertEquals(Optional.of("terraform-ci"), b.approvedBy("role|policy_document_changed:p:42"));
    assertTrue(b.approvedBy("role|policy_document_changed:p:43").isEmpty());
  }

  @Test
  void delivered_eventsRecordedByOne_knownToTheOtherWithTheLastDelivery() {
    Instant now = time.instant();
    a.delivered(List.of(new DeliveredEvent("ev-1", "DeleteRole", now), new DeliveredEvent("ev-2", "UpdateRole", now)), now);
    assertEquals(Set.of("ev-2"), b.deliveredIds(List.of("ev-2", "ev-3")));
    assertEquals("UpdateRole", b.lastDelivery().orElseThrow().eventName());
    assertEquals(now, b.lastDelivery().orElseThrow().receivedAt());
  }

  @Test
  void firstDeafnessReport_secondTime_false() {
    assertTrue(a.firstDeafnessReport("ev-9", time.instant()));
    assertFalse(b.firstDeafnessReport("ev-9", time.instant()));
  }

  @Test
  void call_wrongSecret_signatureDoesNotMatch() {
    OssState wrong = store(new StoreKeys(KEY_ID, "not-the-secret", TOKEN));
    StateException e = assertThrows(StateException.class, () -> wrong.approvedBy("x"));
    assertTrue(e.getMessage().contains("403 SignatureDoesNotMatch"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-secret"));
  }

  @Test
  void call_missingStsToken_refused() {
    StateException e = assertThrows(StateException.class, () -> store(new StoreKeys(KEY_ID, SECRET, "")).approvedBy("x"));
    assertTrue(e.getMessage().contains("403 InvalidAccessKeyId"), e.getMessage());
  }

  @Test
  void call_clockSkewedBeyondFifteenMinutes_refused() {
    OssClient skewed = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET,
        () -> new StoreKeys(KEY_ID, SECRET, TOKEN), java.time.Clock.fixed(time.instant().minus(Duration.ofMinutes(16)),
            java.time.ZoneOffset.UTC), 2000);
    StateException e = assertThrows(StateException.class, () -> skewed.get("k"));
    assertTrue(e.getMessage().contains("RequestTimeTooSkewed"), e.getMessage());
  }

  @Test
  void put_createOnlyOnExistingObject_falseAndContentKept() {
    OssClient c = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET, () -> new StoreKeys(KEY_ID, SECRET, TOKEN), time, 2000);
    assertTrue(c.put("k", "one", true));
    assertFalse(c.put("k", "two", true));
    assertEquals(Optional.of("one"), c.get("k"));
    assertTrue(c.put("k", "three", false));
    assertEquals("three", emulator.oss().objects(BUCKET).get("k"));
  }

  @Test
  void list_pastMaxKeys_returnsKeysAfterTheMarkerInOrder() {
    OssClient c = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET, () -> new StoreKeys(KEY_ID, SECRET, TOKEN), time, 2000);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      c.put("p/" + i, "", false);
      keys.add("p/" + i);
    }
    c.put("q/0", "", false);
    assertEquals(keys.subList(2, 4), c.list("p/", "p/1", 2));
    assertEquals(keys.subList(2, 5), c.list("p/", "p/1", 10));
  }

  @Test
  void call_bucketMissing_noSuchBucket() {
    OssClient c = new OssClient("127.0.0.1:" + emulator.port(), false, "nope", () -> new StoreKeys(KEY_ID, SECRET, TOKEN), time, 2000);
    StateException e = assertThrows(StateException.class, () -> c.put("k", "v", true));
    assertTrue(e.getMessage().contains("404 NoSuchBucket"), e.getMessage());
  }

  @Test
  void fallback_storeDown_usesMemorySaysSoOnceAndRetriesNextInvocation() {
    List<String> told = new ArrayList<>();
    FallbackState s = new FallbackState(a, told::add);
    Instant now = time.instant();
    emulator.oss().down(true);
    assertEquals(GuardState.Claim.FIRST, s.claimDelivery("d", "c", now));
    s.finishDelivery("d", "c", true, now);
    assertEquals(GuardState.Claim.DUPLICATE, s.claimDelivery("d", "c", now));
    assertTrue(s.alertTurn("fp", now, Duration.ofMinutes(60)).mine());
    assertEquals(1, told.size());
    assertTrue(told.get(0).contains("HTTP 503 ServiceUnavailable") && told.get(0).contains("per-instance memory"), told.get(0));
    assertTrue(s.fallbackReason().isPresent());
    assertFalse(s.durable());
    long calls = emulator.oss().calls().size();
    s.approvedBy("x");
    assertEquals(calls, emulator.oss().calls().size(), "no store call once it failed in this invocation");
    emulator.oss().down(false);
    s.startInvocation();
    assertTrue(s.fallbackReason().isEmpty());
    assertEquals(GuardState.Claim.FIRST, s.claimDelivery("d2", "c", now));
    assertTrue(s.durable());
  }
}
