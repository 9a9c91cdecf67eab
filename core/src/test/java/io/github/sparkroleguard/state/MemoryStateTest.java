package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import io.github.sparkroleguard.testing.FakeTime;
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
    Pause p = state.restoresPaused("r", now.plusSeconds(6), rule).orElseThrow();
    assertEquals(now.plusSeconds(5).plus(Duration.ofMinutes(30)), p.until());
    assertEquals(Set.of("a", "b"), p.actors());
  }

  @Test
  void firstDeafnessReport_twice_onlyFirstTrue() {
    assertTrue(state.firstDeafnessReport("e", now));
    assertFalse(state.firstDeafnessReport("e", now));
  }

  // The per-instance re-alert window and flapping counter, as AlertMemory and Flapping held them.

  final FakeTime time = new FakeTime();
  final FlapRule three = new FlapRule(3, Duration.ofMinutes(10), Duration.ofMinutes(30));

  @Test
  void alertTurn_sameDriftInsideTheWindow_remembersWhen_andForgetsOnceItExpires() {
    Instant first = time.instant();
    state.alerted("role|trust", first);
    time.advance(Duration.ofMinutes(59));
    assertEquals(Optional.of(first), state.alertTurn("role|trust", time.instant(), Duration.ofMinutes(60)).alertedAt());
    time.advance(Duration.ofMinutes(1));
    assertTrue(state.alertTurn("role|trust", time.instant(), Duration.ofMinutes(60)).mine(), "the re-alert window has passed");
  }

  @Test
  void alertTurn_otherDriftOrZeroWindow_granted() {
    state.alerted("role|trust", time.instant());
    assertTrue(state.alertTurn("role|policy", time.instant(), Duration.ofMinutes(60)).mine());
    assertTrue(state.alertTurn("role|trust", time.instant(), Duration.ZERO).mine());
  }

  @Test
  void restored_thirdWithinTheWindow_startsAPauseThatEndsAfterTheCoolDown() {
    assertFalse(state.restored("Role", time.instant(), Set.of("bob"), three).started());
    time.advance(Duration.ofMinutes(4));
    assertFalse(state.restored("role", time.instant(), Set.of("alice"), three).started());
    time.advance(Duration.ofMinutes(4));
    Pause.Outcome third = state.restored("ROLE", time.instant(), Set.of("bob"), three);
    assertTrue(third.started(), "role names are case-insensitive");
    assertEquals(Set.of("bob", "alice"), third.actors());
    Instant until = time.instant().plus(Duration.ofMinutes(30));
    assertEquals(Optional.of(until), state.restoresPaused("role", time.instant(), three).map(Pause::until));
    time.advance(Duration.ofMinutes(29).plusSeconds(59));
    assertEquals(Optional.of(until), state.restoresPaused("role", time.instant(), three).map(Pause::until), "still cooling down");
    time.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), state.restoresPaused("role", time.instant(), three), "the cool-down is over");
  }

  @Test
  void restored_spreadBeyondTheWindow_neverPauses() {
    for (int i = 0; i < 10; i++) {
      assertFalse(state.restored("role", time.instant(), Set.of("bob"), three).started(), "restore " + i);
      time.advance(Duration.ofMinutes(5).plusSeconds(1));
    }
    assertEquals(Optional.empty(), state.restoresPaused("role", time.instant(), three));
  }

  @Test
  void restored_afterTheWindowPassed_forgetsEarlierActors() {
    state.restored("role", time.instant(), Set.of("bob"), three);
    time.advance(Duration.ofMinutes(10));
    assertEquals(Set.of("alice"), state.restored("role", time.instant(), Set.of("alice"), three).actors());
  }

  @Test
  void restored_limitZero_neverPauses() {
    FlapRule never = new FlapRule(0, Duration.ofMinutes(10), Duration.ofMinutes(30));
    for (int i = 0; i < 5; i++) {
      assertFalse(state.restored("role", time.instant(), Set.of("bob"), never).started());
    }
    assertEquals(Optional.empty(), state.restoresPaused("role", time.instant(), three));
  }
}
