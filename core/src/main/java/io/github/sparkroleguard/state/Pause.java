package io.github.sparkroleguard.state;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Restores of a role paused until a time, because these actors kept changing it. */
public final class Pause {
  private final Instant until;
  private final Instant started;
  private final Set<String> actors;

  public Pause(Instant until, Set<String> actors) {
    this(until, until, actors);
  }

  /** @param started when the pause began (restores before it do not count towards the next one) */
  public Pause(Instant until, Instant started, Set<String> actors) {
    this.until = until;
    this.started = started;
    this.actors = Collections.unmodifiableSet(new LinkedHashSet<>(actors));
  }

  public Instant until() {
    return until;
  }

  public Instant started() {
    return started;
  }

  public Set<String> actors() {
    return actors;
  }

  /** What recording a restore found: whether it starts a pause, and who was undone in the window. */
  public static final class Outcome {
    private final boolean started;
    private final Set<String> actors;

    public Outcome(boolean started, Set<String> actors) {
      this.started = started;
      this.actors = Collections.unmodifiableSet(new LinkedHashSet<>(actors));
    }

    /** True once, when this restore reached the limit (the caller sends the one critical alert). */
    public boolean started() {
      return started;
    }

    public Set<String> actors() {
      return actors;
    }
  }
}
