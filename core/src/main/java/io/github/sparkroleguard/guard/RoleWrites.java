package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.RestoreExecutor;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.restore.WriteBudget;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.Pause;
import io.github.sparkroleguard.transport.CloudCallException;
import java.time.Clock;
import java.util.List;

/**
 * The act and verify steps of a role's restore: runs the plan {@link RoleStep} made, re-reads the
 * role, lets {@link RoleOutcome} (pure) say what the re-read means, and counts the restore for
 * flapping. Thread-safe: a scan runs passes in parallel.
 */
final class RoleWrites {
  private final Inspector inspector;
  private final RestoreExecutor executor;
  private final GuardState state;
  private final FlapRule flapping;
  private final DecisionLog log;
  private final Clock clock;

  RoleWrites(Inspector inspector, RestoreExecutor executor, GuardState state, FlapRule flapping,
      DecisionLog log, Clock clock) {
    this.inspector = inspector;
    this.executor = executor;
    this.state = state;
    this.flapping = flapping;
    this.log = log;
    this.clock = clock;
  }

  void restoreAndVerify(RoleBaseline role, RoleStep step, WriteBudget budget, RoleReport.Builder report, String accountId) {
    List<StepResult> results = executor.execute(role, step.plan().steps(), budget);
    results.forEach(r -> log.write(role.name(), r));
    RoleOutcome outcome;
    try {
      outcome = RoleOutcome.verified(report.drift(), step.plan(), results,
          RoleStep.material(DriftDetector.compare(role, inspector.read(role, accountId))));
    } catch (CloudCallException e) {
      outcome = RoleOutcome.unverified(report.drift(), e.getMessage());
    }
    report.restored(outcome.status(), results, outcome.after());
    RoleReport.Status status = outcome.status();
    outcome.error().ifPresent(m -> report.failed(status, m));
    if (RoleOutcome.wroteAny(results)) {
      Pause.Outcome flap = state.restored(role.name(), clock.instant(), RoleStep.actors(report.events()), flapping);
      if (flap.started()) {
        report.flapping().note(RoleStep.flapNote(flap, flapping));
      }
    }
  }
}
