package io.github.sparkroleguard.decision;

import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.report.RoleReport.Action;

/**
 * The one decision that can write to RAM, as a pure function: given why the guard looks at a
 * role and what it found, what to do about it and why. Safe by default: only a role in restore
 * mode (or an operator's restore) with a plan that writes something is restored, and an
 * approved actor or a flapping pause holds an automatic restore back (never an operator's), and
 * so does a scan's drift that nobody can be named for while approved actors are configured.
 */
public final class RoleDecision {
  private RoleDecision() {}

  public static Act decide(Situation s) {
    if (!s.materialDrift) {
      boolean gapsToTell = s.intent == Intent.SCAN && s.coverageGaps;
      return Act.of(Action.NONE, gapsToTell ? Act.Reason.COVERAGE_GAPS : Act.Reason.IN_SYNC, gapsToTell);
    }
    if (s.intent == Intent.CHECK) {
      return Act.of(Action.REPORT_ONLY, Act.Reason.CHECK_ONLY, false);
    }
    boolean operator = s.intent == Intent.RESTORE;
    if (!operator && s.mode != Mode.RESTORE) {
      return Act.of(Action.ALERT_ONLY, Act.Reason.ALERT_MODE, true);
    }
    if (!s.planHasWrites) {
      return Act.of(Action.ALERT_ONLY, Act.Reason.NOTHING_TO_WRITE, true);
    }
    if (!operator && s.approvedOnly) {
      return Act.of(Action.ALERT_ONLY, Act.Reason.APPROVED_ACTOR, true);
    }
    if (!operator && s.intent == Intent.SCAN && s.unattributed && s.approvedActors) {
      // A scan cannot tell an approved change from any other when ActionTrail names nobody
      // (older than attributionHours, its ~10-minute delay, a failed lookup): never revert it blind.
      return Act.of(Action.ALERT_ONLY, Act.Reason.UNATTRIBUTED, true);
    }
    if (!operator && s.paused) {
      return Act.of(Action.ALERT_ONLY, Act.Reason.PAUSED, true);
    }
    if (s.dryRun) {
      return Act.of(Action.DRY_RUN, Act.Reason.DRY_RUN, true);
    }
    return Act.of(Action.RESTORE, operator ? Act.Reason.OPERATOR_RESTORE : Act.Reason.RESTORE_MODE, true);
  }
}
