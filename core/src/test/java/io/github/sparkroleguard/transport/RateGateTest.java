package io.github.sparkroleguard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateGateTest {
  @Test
  void acquire_burstOfOneSecondPasses_thenPacedToTheRate() {
    FakeTime time = new FakeTime();
    RateGate gate = new RateGate(10, time, time::sleep);
    for (int i = 0; i < 10; i++) {
      gate.acquire();
    }
    assertEquals(0, time.sleeps.size(), "one second's worth passes at once");
    for (int i = 0; i < 20; i++) {
      gate.acquire();
    }
    Duration slept = time.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertEquals(2.0, slept.toMillis() / 1000.0, 0.15, "20 more calls at 10/s take about 2 s");
  }
}
