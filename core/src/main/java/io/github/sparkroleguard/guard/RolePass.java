package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.decision.Intent;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.WriteBudget;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.transport.CloudCallException;
import java.time.Clock;
import java.util.List;

/**
 * One pass over one role as observe ({@link Inspector}'s round, then {@link DriftReads}) → decide
 * ({@link RoleStep}, pure) → act and verify ({@link RoleWrites}, whose status {@link RoleOutcome}
 * says, pure) → log and alert. Thread-safe: a scan runs passes in parallel.
 */
final class RolePass {
  private final GuardConfig config;
  private final Inspector inspector;
  private final DriftReads reads;
  private final RoleWrites writes;
  private final GuardState state;
  private final FlapRule flapping;
  private final RoleAlerts alerts;
  private final DecisionLog log;
  private final Clock clock;

  RolePass(GuardConfig config, Inspector inspector, DriftReads reads, RoleWrites writes, GuardState state,
      FlapRule flapping, RoleAlerts alerts, DecisionLog log, Clock clock) {
    this.config = config;
    this.inspector = inspector;
    this.reads = reads;
    this.writes = writes;
    this.state = state;
    this.flapping = flapping;
    this.alerts = alerts;
    this.log = log;
    this.clock = clock;
  }

  RoleReport run(RoleBaseline role, Intent intent, GuardRequest.Kind trigger, List<TrailRecord> events, WriteBudget budget,
      String accountId) {
    RoleReport.Builder report = RoleReport.builder(role.name(), role.mode(), trigger, events);
    Observation seen;
    try {
      seen = inspector.observe(role, accountId, RoleStep.pauseInFirstRound(role, intent) ? clock.instant() : null, flapping);
    } catch (CloudCallException e) {
      return log.role(report.failed(RoleReport.Status.ERROR, "reading the role failed: " + e.getMessage()).build());
    }
    RoleStep step = RoleStep.decide(reads.facts(role, intent, seen, events, report), config.hardening(), config.dryRun(),
        config.attributionHours(), flapping, clock.instant());
    report.acted(step.act().action());
    step.notes().forEach(report::note);
    step.approval().ifPresent(a -> state.approve(step.driftKey(), a));
    if (step.act().action() == RoleReport.Action.DRY_RUN) {
      report.planned(step.planned());
    } else if (step.act().restores()) {
      writes.restoreAndVerify(role, step, budget, report, accountId);
    }
    RoleReport done = log.role(report.build());
    return step.alerts() ? alerts.send(done, accountId) : done;
  }
}
