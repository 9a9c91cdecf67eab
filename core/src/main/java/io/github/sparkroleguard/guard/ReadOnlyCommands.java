package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.report.HistoryAnswer;
import java.time.Clock;

/**
 * The operator's read-only commands: history (ActionTrail), baseline (a role as config to pin),
 * control-policy (the Resource Directory control policy derived from this configuration).
 */
final class ReadOnlyCommands {
  private final GuardConfig config;
  private final History history;
  private final BaselineCapture capture;
  private final Clock clock;

  ReadOnlyCommands(GuardConfig config, History history, BaselineCapture capture, Clock clock) {
    this.config = config;
    this.history = history;
    this.capture = capture;
    this.clock = clock;
  }

  InvocationResult answer(InvocationResult.Builder result, Command c) {
    if (c.action() == Command.Action.CONTROL_POLICY) {
      return result.document(io.github.sparkroleguard.deploy.ControlPolicy.generate(config)).ok();
    }
    result.roleName(c.roleName());
    try {
      if (c.action() == Command.Action.BASELINE) {
        result.document(capture.capture(c.roleName()));
      } else {
        RoleBaseline role = config.role(c.roleName()).orElseGet(() -> RoleBaseline.builder(c.roleName()).build());
        History.Changes changes = history.changes(role, clock.instant(), c.hours());
        result.history(new HistoryAnswer(c.hours(), changes.calls, changes.truncated, changes.records));
      }
    } catch (CloudCallException e) {
      return result.error(e.notFound() ? "NotFound" : "LookupFailed", e.getMessage());
    }
    return result.ok();
  }
}
