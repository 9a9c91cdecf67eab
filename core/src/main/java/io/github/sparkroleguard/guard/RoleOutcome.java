package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.RestorePlan;
import io.github.sparkroleguard.restore.StepResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome step of a role's pass, pure: the restore's step results and the verifying re-read
 * in, the final status, the drift left and the error to report out. Split from {@link RolePass}
 * so the status rules have a table test (RoleOutcomeTest): the re-read decides, not the step results.
 */
final class RoleOutcome {
  private final RoleReport.Status status;
  private final List<DriftItem> after;
  private final Optional<String> error;

  private RoleOutcome(RoleReport.Status status, List<DriftItem> after, Optional<String> error) {
    this.status = status;
    this.after = List.copyOf(after);
    this.error = error;
  }

  /**
   * @param drift the drift the pass found (cosmetic included, as the result reports it); {@code
   *     after} the material drift the re-read found. Drift the plan only alerts on (it cannot restore it) does not count as left.
   */
  static RoleOutcome verified(List<DriftItem> drift, RestorePlan plan, List<StepResult> results, List<DriftItem> after) {
    List<DriftItem> left = after.stream()
        .filter(d -> plan.alertOnly().stream().noneMatch(a -> a.kind() == d.kind() && a.policyName().equals(d.policyName())))
        .collect(Collectors.toList());
    RoleReport.Status status;
    if (left.isEmpty()) {
      status = RoleReport.Status.RESTORED;
    } else if (left.size() < drift.size()
        && results.stream().anyMatch(r -> r.status() == StepResult.Status.DONE || r.status() == StepResult.Status.CONVERGED)) {
      status = RoleReport.Status.PARTIALLY_RESTORED;
    } else {
      status = RoleReport.Status.RESTORE_FAILED;
    }
    Optional<String> error = results.stream()
        .filter(r -> r.status() == StepResult.Status.FAILED || r.status() == StepResult.Status.NOT_RUN)
        .findFirst().map(r -> r.step().describe() + ": " + r.detail());
    return new RoleOutcome(status, after, error);
  }

  /** The re-read failed: nothing is known to be restored, and the drift stays as found. */
  static RoleOutcome unverified(List<DriftItem> drift, String why) {
    return new RoleOutcome(RoleReport.Status.RESTORE_FAILED, drift, Optional.of("verification read failed: " + why));
  }

  /** Whether any write was made, so the restore counts towards flapping. */
  static boolean wroteAny(List<StepResult> results) {
    return results.stream().anyMatch(r -> r.status() == StepResult.Status.DONE);
  }

  RoleReport.Status status() {
    return status;
  }

  List<DriftItem> after() {
    return after;
  }

  Optional<String> error() {
    return error;
  }
}
