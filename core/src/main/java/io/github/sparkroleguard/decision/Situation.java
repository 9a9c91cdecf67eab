package io.github.sparkroleguard.decision;

import io.github.sparkroleguard.config.Mode;
import java.util.Objects;

/**
 * Everything the act decision depends on for one role, as plain values: no RAM, no clock (the
 * flapping pause arrives already decided against the time of the invocation).
 */
public final class Situation {
  final Intent intent;
  final Mode mode;
  final boolean dryRun;
  final boolean materialDrift;
  final boolean planHasWrites;
  final boolean approvedOnly;
  final boolean paused;
  final boolean coverageGaps;
  final boolean unattributed;
  final boolean approvedActors;

  private Situation(Builder b) {
    this.intent = Objects.requireNonNull(b.intent, "intent");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.dryRun = b.dryRun;
    this.materialDrift = b.materialDrift;
    this.planHasWrites = b.planHasWrites;
    this.approvedOnly = b.approvedOnly;
    this.paused = b.paused;
    this.coverageGaps = b.coverageGaps;
    this.unattributed = b.unattributed;
    this.approvedActors = b.approvedActors;
  }

  public static Builder of(Intent intent, Mode mode) {
    return new Builder(intent, mode);
  }

  @Override
  public String toString() {
    return intent + " " + mode + (dryRun ? " dryRun" : "") + (materialDrift ? " drift" : "") + (planHasWrites ? " plan" : "")
        + (approvedOnly ? " approved" : "") + (paused ? " paused" : "") + (coverageGaps ? " gaps" : "")
        + (unattributed ? " unattributed" : "") + (approvedActors ? " approvedActorsConfigured" : "");
  }

  /** Starts from no drift, no plan, nothing approved or paused. */
  public static final class Builder {
    private final Intent intent;
    private final Mode mode;
    private boolean dryRun;
    private boolean materialDrift;
    private boolean planHasWrites;
    private boolean approvedOnly;
    private boolean paused;
    private boolean coverageGaps;
    private boolean unattributed;
    private boolean approvedActors;

    private Builder(Intent intent, Mode mode) {
      this.intent = intent;
      this.mode = mode;
    }

    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /** Drift that is not merely cosmetic. */
    public Builder materialDrift(boolean value) {
      this.materialDrift = value;
      return this;
    }

    /** The restore plan has at least one write. */
    public Builder planHasWrites(boolean value) {
      this.planHasWrites = value;
      return this;
    }

    /** Every change that pointed at the role was made by an approved actor. */
    public Builder approvedOnly(boolean value) {
      this.approvedOnly = value;
      return this;
    }

    /** Restores of the role are paused now (flapping cool-down). */
    public Builder paused(boolean value) {
      this.paused = value;
      return this;
    }

    /** The coverage check found the role lacking what its workspace needs. */
    public Builder coverageGaps(boolean value) {
      this.coverageGaps = value;
      return this;
    }

    /** Nothing names who made the change (no event; ActionTrail had no record, failed, or attribution is off). */
    public Builder unattributed(boolean value) {
      this.unattributed = value;
      return this;
    }

    /** The configuration lists approvedActors, so an unattributed change may be an approved one. */
    public Builder approvedActors(boolean value) {
      this.approvedActors = value;
      return this;
    }

    public Situation build() {
      return new Situation(this);
    }
  }
}
