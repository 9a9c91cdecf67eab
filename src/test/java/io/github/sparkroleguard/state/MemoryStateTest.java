package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryStateTest {
  final MemoryState state = new MemoryState();
  final Instant now = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void claimDelivery_handledSameIdSameContent_duplicate() {
    state.claimDelivery("d", "c1", now);
    state.finishDelivery("d", "c1", true, now);
    assertEquals(GuardState.Claim.DUPLICATE, state.claimDelivery("d", "c1", now));
  }

  @Test
  void claimDelivery_sameIdDifferentContent_first() {
    state.finishDelivery("d", "c1", true, now);
    assertEquals(GuardState.Claim.FIRST, state.claimDelivery("d", "c2", now));
  }

  @Test
  void claimDelivery_failedInvocation_retryIsHandled() {
    state.claimDelivery("d", "c1", now);
    state.finishDelivery("d", "c1", false, now);
    assertEquals(GuardState.Claim.FIRST, state.claimDelivery("d", "c1", now));
  }

  @Test
  void alertTurn_withinWindowOfDeliveredAlert_taken() {
    state.alertDone(state.alertTurn("fp", now, Duration.ofMinutes(60)), true, now);
    AlertTurn t = state.alertTurn("fp", now.plusSeconds(600), Duration.ofMinutes(60));
    assertFalse(t.mine());
    assertEquals(now, t.alertedAt().orElseThrow());
    assertTrue(state.alertTurn("fp", now.plusSeconds(3600), Duration.ofMinutes(60)).mine());
  }

  @Test
  void restored_limitWithinWindow_pausesWithActors() {
    FlapRule rule = new FlapRule(2, Duration.ofMinutes(10), Duration.ofMinutes(30));
    assertFalse(state.restored("R", now, Set.of("a"), rule).started());
    assertTrue(state.restored("r", now.plusSeconds(5), Set.of("b"), rule).started());
    Pause p = state.restoresPaused("r", now.plusSeconds(6)).orElseThrow();
    assertEquals(now.plusSeconds(5).plus(Duration.ofMinutes(30)), p.until());
    assertEquals(Set.of("a", "b"), p.actors());
  }

  @Test
  void firstDeafnessReport_twice_onlyFirstTrue() {
    assertTrue(state.firstDeafnessReport("e", now));
    assertFalse(state.firstDeafnessReport("e", now));
  }
}
