package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.Hardening;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.state.Approval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalsTest {
  static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
  static final Hardening APPROVING = new Hardening(3, 10, 30, 0, List.of("infra-deployer"));
  static final Approval STORED = new Approval("ev-1", "infra-deployer:terraform", "infra-deployer",
      "assumed-role infra-deployer:terraform", T.minusSeconds(60), T);

  static TrailRecord record(String id, String user, Instant time) {
    ObjectNode r = Json.object().put("eventId", id).put("eventName", "UpdateRole").put("eventTime", time.toString())
        .put("serviceName", "Ram");
    r.putObject("userIdentity").put("type", "ram-user").put("userName", user);
    r.putObject("requestParameters").put("RoleName", "r");
    return InputParser.record(r);
  }

  @Test
  void refusal_freshListedNoLaterChange_honoured() {
    assertEquals(Optional.empty(), Approvals.refusal(STORED, APPROVING, List.of(), true, T.plus(Duration.ofHours(1))));
  }

  @Test
  void refusal_approvedActorsEmptied_refused() {
    Hardening none = new Hardening(3, 10, 30, 0, List.of());
    assertTrue(Approvals.refusal(STORED, none, List.of(), true, T).orElseThrow().contains("no longer configured"));
  }

  @Test
  void refusal_actorDelisted_refused() {
    Hardening other = new Hardening(3, 10, 30, 0, List.of("someone-else"));
    assertTrue(Approvals.refusal(STORED, other, List.of(), true, T).orElseThrow().contains("no longer in approvedActors"));
  }

  @Test
  void refusal_pastItsLifetime_refused() {
    assertTrue(Approvals.refusal(STORED, APPROVING, List.of(), true, T.plus(Approval.LIFETIME)).orElseThrow().contains("expired"));
  }

  @Test
  void refusal_recordedInTheFuture_refused() {
    assertTrue(Approvals.refusal(STORED, APPROVING, List.of(), true, T.minus(Duration.ofHours(1))).orElseThrow().contains("future"));
  }

  @Test
  void refusal_laterChangeBySomeoneElse_refused() {
    Optional<String> why = Approvals.refusal(STORED, APPROVING, List.of(record("ev-2", "mallory", T.plusSeconds(5))), true, T.plusSeconds(60));
    assertTrue(why.orElseThrow().contains("later change") && why.get().contains("mallory"), why.toString());
  }

  @Test
  void refusal_latestIsTheApprovedEventOrOlder_honoured() {
    assertEquals(Optional.empty(), Approvals.refusal(STORED, APPROVING, List.of(record("ev-1", "x", T.minusSeconds(60))), true, T));
    assertEquals(Optional.empty(), Approvals.refusal(STORED, APPROVING, List.of(record("ev-0", "x", T.minusSeconds(600))), true, T),
        "the approved event is not indexed yet; the latest indexed change is older");
  }

  @Test
  void refusal_trailDidNotAnswer_refused() {
    Optional<String> why = Approvals.refusal(STORED, APPROVING, List.of(), false, T.plus(Duration.ofHours(1)));
    assertTrue(why.orElseThrow().contains("ActionTrail did not answer"), why.toString());
  }

  /** ActionTrail times are whole seconds: a change by someone else in the approved event's second is not covered. */
  @Test
  void refusal_changeBySomeoneElseInTheSameSecond_refused() {
    Optional<String> why = Approvals.refusal(STORED, APPROVING, List.of(record("ev-2", "mallory", T.minusSeconds(60))), true,
        T.plusSeconds(60));
    assertTrue(why.orElseThrow().contains("mallory"), why.toString());
  }

  @Test
  void refusal_anotherCallByTheApprovedActorInTheSameSecond_honoured() {
    assertEquals(Optional.empty(), Approvals.refusal(STORED, APPROVING,
        List.of(record("ev-2", "infra-deployer:terraform", T.minusSeconds(60))), true, T.plusSeconds(60)));
  }

  @Test
  void of_boundToTheNewestEvent() {
    Approval a = Approvals.of(List.of(record("old", "infra-deployer", T.minusSeconds(100)),
        record("new", "infra-deployer", T.minusSeconds(10))), T).orElseThrow();
    assertEquals("new", a.eventId());
    assertEquals(Optional.of(T.minusSeconds(10)), a.eventTime());
    assertEquals(T.plus(Approval.LIFETIME), a.expiresAt());
  }
}
