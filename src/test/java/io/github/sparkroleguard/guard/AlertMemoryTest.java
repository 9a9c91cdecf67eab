package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertMemoryTest {
  final FakeTime time = new FakeTime();
  final AlertMemory memory = new AlertMemory(2);
  final Duration hour = Duration.ofMinutes(60);

  @Test
  void within_sameDriftInsideTheWindow_remembersWhen_andForgetsOnceItExpires() {
    Instant first = time.instant();
    memory.remember("role|trust", first);
    time.advance(Duration.ofMinutes(59));
    assertEquals(Optional.of(first), memory.within("role|trust", time.instant(), hour));
    time.advance(Duration.ofMinutes(1));
    assertEquals(Optional.empty(), memory.within("role|trust", time.instant(), hour), "the re-alert window has passed");
  }

  @Test
  void within_otherDrift_isNew() {
    memory.remember("role|trust", time.instant());
    assertEquals(Optional.empty(), memory.within("role|policy", time.instant(), hour));
  }

  @Test
  void within_zeroWindow_alwaysAlertsAgain() {
    memory.remember("role|trust", time.instant());
    assertEquals(Optional.empty(), memory.within("role|trust", time.instant(), Duration.ZERO));
  }

  @Test
  void remember_beyondCapacity_forgetsTheLeastRecent() {
    memory.remember("a", time.instant());
    memory.remember("b", time.instant());
    memory.remember("c", time.instant());
    assertEquals(Optional.empty(), memory.within("a", time.instant(), hour));
    assertEquals(Optional.of(time.instant()), memory.within("c", time.instant(), hour));
  }
}
