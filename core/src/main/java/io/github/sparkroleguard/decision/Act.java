package io.github.sparkroleguard.decision;

import io.github.sparkroleguard.report.RoleReport;
import java.util.Locale;
import java.util.Objects;

/**
 * What to do with one role and why: the answer of {@link RoleDecision}. The orchestration
 * carries it out (writes, alerts) and records it in the role's report.
 */
public final class Act {
  /** Why the guard does what it does, in the words the decision log uses. */
  public enum Reason {
    /** No drift that matters: nothing to do. */
    IN_SYNC,
    /** In sync, but a scan found the role falls behind what its workspace needs: tell people. */
    COVERAGE_GAPS,
    /** A check reports drift and never acts on it. */
    CHECK_ONLY,
    /** The role is in alert mode. */
    ALERT_MODE,
    /** Restore mode, but no write would repair the drift (it needs a person). */
    NOTHING_TO_WRITE,
    /** Every change was made by an approved actor: reported, not reverted. */
    APPROVED_ACTOR,
    /** A scan found drift nobody can be named for, and approved actors are configured: it may be an approved change. */
    UNATTRIBUTED,
    /** Someone keeps changing the role: its restores are paused. */
    PAUSED,
    /** Dry run: the writes are planned, not made. */
    DRY_RUN,
    /** The role is in restore mode. */
    RESTORE_MODE,
    /** An operator asked for the restore. */
    OPERATOR_RESTORE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final RoleReport.Action action;
  private final Reason reason;
  private final boolean alert;

  private Act(RoleReport.Action action, Reason reason, boolean alert) {
    this.action = Objects.requireNonNull(action, "action");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.alert = alert;
  }

  static Act of(RoleReport.Action action, Reason reason, boolean alert) {
    return new Act(action, reason, alert);
  }

  public RoleReport.Action action() {
    return action;
  }

  public Reason reason() {
    return reason;
  }

  /** Whether to send an alert about the role (subject to the re-alert window for scans). */
  public boolean alert() {
    return alert;
  }

  /** Whether to write to RAM. */
  public boolean restores() {
    return action == RoleReport.Action.RESTORE;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Act)) {
      return false;
    }
    Act a = (Act) o;
    return action == a.action && reason == a.reason && alert == a.alert;
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, reason, alert);
  }

  @Override
  public String toString() {
    return action.wireName() + " (" + reason.wireName() + (alert ? ", alert" : "") + ")";
  }
}
