package io.github.sparkroleguard.restore;

import io.github.sparkroleguard.drift.DriftItem;
import java.util.List;

/** The ordered writes that bring a role back to its baseline, and the drift left to people. */
public final class RestorePlan {
  private final List<WriteStep> steps;
  private final List<DriftItem> alertOnly;

  RestorePlan(List<WriteStep> steps, List<DriftItem> alertOnly) {
    this.steps = List.copyOf(steps);
    this.alertOnly = List.copyOf(alertOnly);
  }

  public List<WriteStep> steps() {
    return steps;
  }

  /** Drift the plan deliberately leaves alone (an unexpected policy without detachUnexpected). */
  public List<DriftItem> alertOnly() {
    return alertOnly;
  }
}
