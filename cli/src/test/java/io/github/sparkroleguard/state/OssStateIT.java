package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OSS store's semantics, through real HTTP and V4 signatures, against the emulated OSS on loopback. */
class OssStateIT {
  static final String BUCKET = "spark-workspace-bucket";
  static final String KEY_ID = "STS.StoreKey0001";
  static final String SECRET = "store-secret-9";
  static final String TOKEN = "store-sts-token";
  static final String STATE_SECRET = "the-guards-own-state-key-0123456789";

  final FakeTime time = new FakeTime();
  CloudEmulator emulator;
  OssState a;
  OssState b;

  @BeforeEach
  void start() throws Exception {
    emulator = new CloudEmulator(new AccountState(), 0, time);
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
    OssClient client = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET, "cn-hangzhou", () -> keys, time, 2000, 3000);
    return new OssState(client, BUCKET, "guard", "guard/t/", STATE_SECRET);
  }

  OssClient client(String bucket) {
    return client(bucket, "cn-hangzhou");
  }

  OssClient client(String bucket, String region) {
    return new OssClient("127.0.0.1:" + emulator.port(), false, bucket, region, () -> new StoreKeys(KEY_ID, SECRET, TOKEN), time,
        2000, 3000);
  }

  /** A raw request with the given headers: what the emulated OSS answers to a client other than the guard's. */
  String raw(String method, String path, Map<String, String> headers) throws Exception {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + emulator.port() + path).openConnection();
    c.setRequestMethod(method);
    headers.forEach(c::setRequestProperty);
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    return status + " " + (in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void call_v1SignedRequest_refusedAsANewBucketDoes() throws Exception {
    String answer = raw("GET", "/" + BUCKET + "/guard/last-delivery", Map.of("Date", "Thu, 03 Dec 2026 05:00:00 GMT",
        "Authorization", "OSS " + KEY_ID + ":kZoYNv66bsmc10+dcGKw5x2PRrk=", "x-oss-security-token", TOKEN));
    assertTrue(answer.startsWith("403 ") && answer.contains("<Code>AccessDenied</Code>") && answer.contains("V4"), answer);
  }

  @Test
  void call_v4SignatureTamperedAfterSigning_signatureDoesNotMatch() throws Exception {
    Map<String, String> h = new java.util.HashMap<>(OssSigner.sign("GET", BUCKET, "guard/a", Map.of(), Map.of(),
        new StoreKeys(KEY_ID, SECRET, TOKEN), "cn-hangzhou", time.instant()));
    assertTrue(raw("GET", "/" + BUCKET + "/guard/a", h).startsWith("404 "), "signed for guard/a: accepted, no such key");
    String other = raw("GET", "/" + BUCKET + "/guard/b", h);
    assertTrue(other.startsWith("403 ") && other.contains("SignatureDoesNotMatch"), other);
    h.remove("x-oss-content-sha256");
    String noHash = raw("GET", "/" + BUCKET + "/guard/a", h);
    assertTrue(noHash.startsWith("400 ") || noHash.contains("SignatureDoesNotMatch"), noHash);
  }

  @Test
  void call_signedForAnotherRegionThanTheBucket_refused() {
    emulator.oss().createBucket("sg-bucket", "ap-southeast-1");
    assertTrue(client("sg-bucket", "ap-southeast-1").put("k", "v", false));
    StateException e = assertThrows(StateException.class, () -> client("sg-bucket", "cn-hangzhou").get("k"));
    assertTrue(e.getMessage().contains("403 SignatureDoesNotMatch"), e.getMessage());
  }

  @Test
  void put_createOnlyOnAVersionedBucket_refusedAndNothingWritten() {
    emulator.oss().createBucket("versioned-bucket");
    emulator.oss().versioning("versioned-bucket", "Enabled");
    OssClient c = client("versioned-bucket");
    assertTrue(c.put("plain", "x", false), "plain writes still go through");
    StateException e = assertThrows(StateException.class, () -> c.put("k", "one", true));
    assertTrue(e.getMessage().contains("versioning Enabled") && e.getMessage().contains("x-oss-forbid-overwrite"), e.getMessage());
    assertFalse(emulator.oss().objects("versioned-bucket").containsKey("k"));
  }

  @Test
  void emulator_versionedBucket_ignoresForbidOverwriteAsOssDocuments() throws Exception {
    emulator.oss().createBucket("suspended-bucket");
    emulator.oss().versioning("suspended-bucket", "Suspended");
    Map<String, String> h = new java.util.HashMap<>(Map.of("x-oss-forbid-overwrite", "true", "Content-Type", "text/plain"));
    h.putAll(OssSigner.sign("PUT", "suspended-bucket", "k", Map.of(), h, new StoreKeys(KEY_ID, SECRET, TOKEN), "cn-hangzhou",
        time.instant()));
    for (String content : List.of("one", "two")) {
      HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + emulator.port() + "/suspended-bucket/k").openConnection();
      c.setRequestMethod("PUT");
      c.setDoOutput(true);
      h.forEach(c::setRequestProperty);
      c.getOutputStream().write(content.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, c.getResponseCode());
    }
    assertEquals("two", emulator.oss().objects("suspended-bucket").get("k"));
    assertEquals("Suspended", client("suspended-bucket").versioning());
    assertEquals("", client(BUCKET).versioning());
  }

  @Test
  void probe_plainBucket_provesEveryWriteAndLeavesNothing() {
    String proven = new OssProbe(client(BUCKET), "guard/t/").run(time.instant());
    assertTrue(proven.contains("409 FileAlreadyExists") && proven.contains("versioning off"), proven);
    assertTrue(emulator.oss().objects(BUCKET).isEmpty(), emulator.oss().objects(BUCKET).toString());
    List<String> ops = new ArrayList<>();
    emulator.oss().calls().forEach(c -> ops.add(c.replaceAll(" .* ", " ")));
    assertEquals(List.of("GetBucketVersioning 200", "PutObject 200", "PutObject 409", "GetObject 200", "ListObjects 200",
        "DeleteObject 204"), ops);
  }

  @Test
  void probe_versionedBucket_failsSayingWhy() {
    emulator.oss().createBucket("versioned-probe");
    emulator.oss().versioning("versioned-probe", "Suspended");
    OssProbe.Failure f = assertThrows(OssProbe.Failure.class, () -> new OssProbe(client("versioned-probe"), "guard/t/").run(time.instant()));
    assertTrue(f.getMessage().contains("versioning Suspended"), f.getMessage());
    assertTrue(f.fix().contains("never had versioning"), f.fix());
  }

  @Test
  void probe_wrongRegion_failsNamingTheSettings() {
    OssProbe.Failure f = assertThrows(OssProbe.Failure.class, () -> new OssProbe(client(BUCKET, "cn-beijing"), "guard/t/")
        .run(time.instant()));
    assertTrue(f.getMessage().contains("SignatureDoesNotMatch"), f.getMessage());
    assertTrue(f.fix().contains("state.region") && f.fix().contains("oss:GetBucketVersioning"), f.fix());
  }

  @Test
  void forAccount_everyTransientKeyUnderTheOneLifecyclePrefix_keptKeysUnderTheAccount() throws Exception {
    io.github.sparkroleguard.config.StateSettings settings = new io.github.sparkroleguard.config.ConfigLoader(
        Map.of("GUARD_STATE_SECRET", STATE_SECRET)::get, null).parse("state: { store: oss, bucket: " + BUCKET
            + ", prefix: guard/, endpoint: \"http://127.0.0.1:" + emulator.port() + "\", secret: \"${env:GUARD_STATE_SECRET}\" }\n")
        .state().forAccount("1234567890123456");
    GuardState member = Stores.build(settings, () -> new StoreKeys(KEY_ID, SECRET, TOKEN), time, reason -> { });
    Instant now = time.instant();
    member.claimDelivery("d", "c", now);
    member.alertDone(member.alertTurn("fp", now, Duration.ofMinutes(60)), true, now);
    member.restored("r", now, Set.of("x"), new FlapRule(1, Duration.ofMinutes(10), Duration.ofMinutes(30)));
    member.delivered(List.of(new DeliveredEvent("ev-1", "UpdateRole", now)), now);
    member.firstDeafnessReport("ev-2", now);
    member.approve("fp", new Approval("ev-1", "ci", "", "ram-user ci", now, now));
    ((FallbackState) member).probe().orElseThrow().run(now);
    for (String key : emulator.oss().objects(BUCKET).keySet()) {
      boolean kept = key.equals("guard/1234567890123456/last-delivery") || key.startsWith("guard/1234567890123456/approved/");
      assertTrue(kept || key.startsWith("guard/t/1234567890123456/"), key + " is outside guard/t/ (the lifecycle rule's prefix)");
    }
    assertTrue(emulator.oss().objects(BUCKET).size() > 6, emulator.oss().objects(BUCKET).keySet().toString());
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
    Optional<Pause> paused = b.restoresPaused("ROLE-X", t.plusSeconds(180), rule);
    assertEquals(Optional.of(t.plusSeconds(120).plus(Duration.ofMinutes(30))), paused.map(Pause::until));
    assertTrue(b.restoresPaused("role-x", t.plusSeconds(120).plus(Duration.ofMinutes(31)), rule).isEmpty());
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
  void approval_seenByOneInstance_answeredToTheOtherWithItsEvent() {
    Instant t = time.instant();
    a.approve("role|policy_document_changed:p:42", new Approval("ev-7", "terraform-ci", "", "ram-user terraform-ci",
        t.minusSeconds(30), t));
    Approval got = b.approval("role|policy_document_changed:p:42").orElseThrow();
    assertEquals("ev-7", got.eventId());
    assertEquals("terraform-ci", got.userName());
    assertEquals(Optional.of(t.minusSeconds(30)), got.eventTime());
    assertEquals(t.plus(Approval.LIFETIME), got.expiresAt());
    assertTrue(b.approval("role|policy_document_changed:p:43").isEmpty());
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
    StateException e = assertThrows(StateException.class, () -> wrong.approval("x"));
    assertTrue(e.getMessage().contains("403 SignatureDoesNotMatch"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-secret"));
  }

  @Test
  void call_missingStsToken_refused() {
    StateException e = assertThrows(StateException.class, () -> store(new StoreKeys(KEY_ID, SECRET, "")).approval("x"));
    assertTrue(e.getMessage().contains("403 InvalidAccessKeyId"), e.getMessage());
  }

  @Test
  void call_clockSkewedBeyondFifteenMinutes_refused() {
    OssClient skewed = new OssClient("127.0.0.1:" + emulator.port(), false, BUCKET, "cn-hangzhou",
        () -> new StoreKeys(KEY_ID, SECRET, TOKEN), java.time.Clock.fixed(time.instant().minus(Duration.ofMinutes(16)),
            java.time.ZoneOffset.UTC), 2000, 3000);
    StateException e = assertThrows(StateException.class, () -> skewed.get("k"));
    assertTrue(e.getMessage().contains("RequestTimeTooSkewed"), e.getMessage());
  }

  @Test
  void put_createOnlyOnExistingObject_falseAndContentKept() {
    OssClient c = client(BUCKET);
    assertTrue(c.put("k", "one", true));
    assertFalse(c.put("k", "two", true));
    assertEquals(Optional.of("one"), c.get("k"));
    assertTrue(c.put("k", "three", false));
    assertEquals("three", emulator.oss().objects(BUCKET).get("k"));
  }

  @Test
  void list_pastMaxKeys_returnsKeysAfterTheMarkerInOrder() {
    OssClient c = client(BUCKET);
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
    OssClient c = client("nope");
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
    s.approval("x");
    assertEquals(calls, emulator.oss().calls().size(), "no store call once it failed in this invocation");
    emulator.oss().down(false);
    s.startInvocation();
    assertTrue(s.fallbackReason().isEmpty());
    assertEquals(GuardState.Claim.FIRST, s.claimDelivery("d2", "c", now));
    assertTrue(s.durable());
  }
}
