package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.state.Pause;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything read about one role in one round (the "observe" step): its live state, as RAM and
 * Resource Management report it, and, when it was asked for in the same round, whether restores
 * of it are paused. Immutable.
 */
final class Observation {
  private final RoleState live;
  private final Optional<Pause> paused;
  private final boolean pauseRead;

  private Observation(RoleState live, Optional<Pause> paused, boolean pauseRead) {
    this.live = Objects.requireNonNull(live);
    this.paused = paused;
    this.pauseRead = pauseRead;
  }

  static Observation of(RoleState live) {
    return new Observation(live, Optional.empty(), false);
  }

  static Observation of(RoleState live, Optional<Pause> paused) {
    return new Observation(live, Objects.requireNonNull(paused), true);
  }

  RoleState live() {
    return live;
  }

  /** Whether the "restores paused?" read went out in the round; when not, {@link #paused} says nothing. */
  boolean pauseRead() {
    return pauseRead;
  }

  Optional<Pause> paused() {
    return paused;
  }
}
