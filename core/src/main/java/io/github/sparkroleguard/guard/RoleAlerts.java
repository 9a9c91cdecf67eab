package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.state.AlertTurn;
import io.github.sparkroleguard.state.GuardState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Sends a role's alert, unless a scan finds the same unrepaired drift alerted (by this instance, or by any with a shared store)
 * within the re-alert window (then the result says when it was alerted and when it will be again).
 */
final class RoleAlerts {
  private final Alerts dispatcher;
  private final GuardState state;
  private final Duration realert;
  private final Clock clock;
  private final DecisionLog log;
  private final String accountName;

  /** @param accountName the account's name in a central guard's configuration (empty otherwise) */
  RoleAlerts(Alerts dispatcher, GuardState state, int realertMinutes, String accountName, Clock clock,
      DecisionLog log) {
    this.dispatcher = dispatcher;
    this.state = state;
    this.accountName = accountName;
    this.realert = Duration.ofMinutes(realertMinutes);
    this.clock = clock;
    this.log = log;
  }

  /** The report with the alert's deliveries (or the reminder) added; each is logged. */
  RoleReport send(RoleReport report, String accountId) {
    RoleReport sent = deliver(report, accountId);
    sent.deliveries().forEach(d -> log.line("alert").put("role", sent.roleName()).put("channel", d.channel())
        .put("delivered", String.valueOf(d.delivered())).put("detail", d.detail()).write());
    return sent;
  }

  private RoleReport deliver(RoleReport report, String accountId) {
    Instant now = clock.instant();
    boolean unrepaired = report.action() == RoleReport.Action.ALERT_ONLY || report.action() == RoleReport.Action.DRY_RUN
        || report.action() == RoleReport.Action.NONE;
    String key = Fingerprints.alert(report);
    AlertTurn turn = null;
    if (report.trigger() != GuardRequest.Kind.EVENT && unrepaired) {
      turn = state.alertTurn(key, now, realert);
      Optional<Instant> last = turn.alertedAt();
      if (!turn.mine() && last.isPresent()) {
        return report.withDeliveries(List.of(new Delivery("reminder", false, true,
            "same drift already alerted at " + last.get() + "; reminded again after " + last.get().plus(realert))));
      }
    }
    RoleReport sent = report.withDeliveries(
        dispatcher.send(new AlertMessage(report, accountId, accountName, now.truncatedTo(ChronoUnit.SECONDS).toString())));
    if (turn != null) {
      state.alertDone(turn, sent.alertReachedSomeone(), now);
    } else if (sent.alertReachedSomeone()) {
      state.alerted(key, now); // events always alert; the window starts here all the same
    }
    return sent;
  }
}
