package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlappingTest {
  final FakeTime time = new FakeTime();
  final Flapping flapping = new Flapping(3, Duration.ofMinutes(10), Duration.ofMinutes(30));

  @Test
  void restored_thirdWithinTheWindow_startsAPauseThatEndsAfterTheCoolDown() {
    assertFalse(flapping.restored("Role", time.instant(), Set.of("bob")));
    time.advance(Duration.ofMinutes(4));
    assertFalse(flapping.restored("role", time.instant(), Set.of("alice")));
    time.advance(Duration.ofMinutes(4));
    assertTrue(flapping.restored("ROLE", time.instant(), Set.of("bob")), "role names are case-insensitive");
    Instant until = time.instant().plus(Duration.ofMinutes(30));
    assertEquals(Set.of("bob", "alice"), flapping.actors("role"));

    assertEquals(Optional.of(until), flapping.pausedUntil("role", time.instant()));
    time.advance(Duration.ofMinutes(29).plusSeconds(59));
    assertEquals(Optional.of(until), flapping.pausedUntil("role", time.instant()), "still cooling down");
    time.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), flapping.pausedUntil("role", time.instant()), "the cool-down is over");
  }

  @Test
  void restored_spreadBeyondTheWindow_neverPauses() {
    for (int i = 0; i < 10; i++) {
      assertFalse(flapping.restored("role", time.instant(), Set.of("bob")), "restore " + i);
      time.advance(Duration.ofMinutes(5).plusSeconds(1));
    }
    assertEquals(Optional.empty(), flapping.pausedUntil("role", time.instant()));
  }

  @Test
  void restored_afterTheWindowPassed_forgetsEarlierActors() {
    flapping.restored("role", time.instant(), Set.of("bob"));
    time.advance(Duration.ofMinutes(10));
    flapping.restored("role", time.instant(), Set.of("alice"));
    assertEquals(Set.of("alice"), flapping.actors("role"));
  }

  @Test
  void restored_limitZero_neverPauses() {
    Flapping never = new Flapping(0, Duration.ofMinutes(10), Duration.ofMinutes(30));
    for (int i = 0; i < 5; i++) {
      assertFalse(never.restored("role", time.instant(), Set.of("bob")));
    }
    assertEquals(Optional.empty(), never.pausedUntil("role", time.instant()));
  }
}
