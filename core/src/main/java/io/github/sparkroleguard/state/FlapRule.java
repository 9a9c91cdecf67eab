package io.github.sparkroleguard.state;

import java.time.Duration;

/** {@code limit} restores of one role within {@code window} pause its restores for {@code coolDown}; limit 0: never. */
public final class FlapRule {
  private final int limit;
  private final Duration window;
  private final Duration coolDown;

  public FlapRule(int limit, Duration window, Duration coolDown) {
    if (limit < 0 || window.isNegative() || coolDown.isNegative()) {
      throw new IllegalArgumentException("flap rule: negative value");
    }
    this.limit = limit;
    this.window = window;
    this.coolDown = coolDown;
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  public Duration coolDown() {
    return coolDown;
  }
}
