package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.state.AlertTurn;
import io.github.sparkroleguard.state.GuardState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Alerts an invocation that failed to protect, through the guard's own channels. Nothing else
 * will: FC documents no failure destination for timer invocations, and EventBridge's retries and
 * dead-letter queue for FC triggers cover custom event sources only (PLATFORM.md section 9).
 * Roles whose own alert already went out are not alerted twice. Once per re-alert window for the
 * same failing roles, through the state's alert turn: across instances when the store is shared.
 * Also alerts a shared state that holds objects the guard did not write ({@link #tampered}): the
 * guard ignores them, and says so to people, not only in its result.
 */
final class FailureAlerts {
  /** Roles named in one alert at most; the rest are counted. */
  static final int MAX_ROLES_NAMED = 10;
  /** Longest failure text carried into the alert. */
  static final int MAX_REASON_CHARS = 300;

  private final Alerts dispatcher;
  private final GuardState state;
  private final Duration window;
  private final String accountName;
  private final Clock clock;
  private final DecisionLog log;

  FailureAlerts(Alerts dispatcher, GuardState state, int realertMinutes, String accountName, Clock clock,
      DecisionLog log) {
    this.dispatcher = dispatcher;
    this.state = state;
    this.window = Duration.ofMinutes(realertMinutes);
    this.accountName = accountName;
    this.clock = clock;
    this.log = log;
  }

  /**
   * @param reports the invocation's role reports (failed ones without an alert of their own are alerted)
   * @param crash what stopped the invocation before it could report on every role; empty if nothing did
   * @return a few words for the result: "alerted", "already alerted at T", or empty when there was nothing to alert
   */
  String alert(GuardRequest.Kind trigger, List<RoleReport> reports, String crash, String accountId) {
    List<String> reasons = new ArrayList<>();
    TreeSet<String> roles = new TreeSet<>();
    for (RoleReport r : reports) {
      if (r.failureReason() != null && r.deliveries().isEmpty()) {
        roles.add(r.roleName());
        reasons.add(bounded(r.failureReason()));
      }
    }
    if (!crash.isEmpty()) {
      reasons.add(bounded(crash));
    }
    if (reasons.isEmpty()) {
      return "";
    }
    String key = "failed|" + accountId + "|" + (crash.isEmpty() ? "" : "crash|")
        + String.join(",", roles).toLowerCase(Locale.ROOT);
    return once(key, "failure-alert", report(trigger, roles, reasons), AlertMessage::failedInvocation, accountId);
  }

  /**
   * @param forged how many objects read in this invocation carry no valid MAC (nothing to alert when 0:
   *     an implausible object with a valid MAC was written by a guard, e.g. under another configuration)
   * @param ignored what the state ignored in this invocation (each "key: why"), already bounded by the store
   * @param where the store, e.g. {@code oss://bucket/prefix/}
   * @return a few words for the result: "alerted", "already alerted at T", "alert not delivered"; empty when nothing was forged
   */
  String tampered(GuardRequest.Kind trigger, int forged, List<String> ignored, String where, String accountId) {
    if (forged == 0) {
      return "";
    }
    RoleReport.Builder b = RoleReport.builder("(every protected role)", Mode.ALERT, trigger, List.of())
        .acted(RoleReport.Action.NONE);
    b.note("The shared state " + where + " holds " + forged + " object" + (forged == 1 ? "" : "s")
        + " without the guard's seal (written by someone else, or under another state.secret); the guard ignored "
        + (forged == 1 ? "it" : "them") + " and decided from RAM alone. Ignored in this invocation:");
    ignored.stream().limit(MAX_ROLES_NAMED).forEach(i -> b.note(bounded(i)));
    if (ignored.size() > MAX_ROLES_NAMED) {
      b.note("and " + (ignored.size() - MAX_ROLES_NAMED) + " more (see the invocation's result)");
    }
    return once("tampered|" + accountId, "tamper-alert", b.build(), AlertMessage::stateTampered, accountId);
  }

  /** How one of these alerts is made: from its report, the account id and name, and the time. */
  private interface Message {
    AlertMessage of(RoleReport report, String accountId, String accountName, String time);
  }

  /**
   * Sends the alert unless another invocation did within the window (the state's alert turn, shared
   * across instances with a store), logs each channel's delivery under {@code logName}, and says
   * what happened in a few words for the result.
   */
  private String once(String key, String logName, RoleReport report, Message message, String accountId) {
    Instant now = clock.instant();
    AlertTurn turn = state.alertTurn(key, now, window);
    Optional<Instant> last = turn.alertedAt();
    if (!turn.mine() && last.isPresent()) {
      log.line(logName).put("alerted", "false").put("alreadyAt", last.get().toString()).write();
      return "already alerted at " + last.get();
    }
    List<Delivery> sent = dispatcher.send(message.of(report, accountId, accountName,
        now.truncatedTo(ChronoUnit.SECONDS).toString()));
    boolean reached = report.withDeliveries(sent).alertReachedSomeone();
    state.alertDone(turn, reached, now);
    sent.forEach(d -> log.line(logName).put("channel", d.channel()).put("delivered", String.valueOf(d.delivered()))
        .put("detail", d.detail()).write());
    return reached ? "alerted" : "alert not delivered";
  }

  private static RoleReport report(GuardRequest.Kind trigger, TreeSet<String> roles, List<String> reasons) {
    String first = roles.isEmpty() ? "(every protected role)" : roles.first();
    List<String> named = new ArrayList<>(roles);
    String list = named.size() <= MAX_ROLES_NAMED ? String.join(", ", named)
        : String.join(", ", named.subList(0, MAX_ROLES_NAMED)) + " and " + (named.size() - MAX_ROLES_NAMED) + " more";
    RoleReport.Builder b = RoleReport.builder(first, Mode.ALERT, trigger, List.of())
        .acted(RoleReport.Action.NONE)
        .failed(RoleReport.Status.ERROR, reasons.get(0));
    b.note("The guard could not protect " + (roles.isEmpty() ? "the protected roles" : list) + " in this "
        + trigger.name().toLowerCase(Locale.ROOT) + " invocation; the invocation failed.");
    int shown = Math.min(reasons.size(), MAX_ROLES_NAMED);
    for (int i = 0; i < shown; i++) {
      b.note("why: " + reasons.get(i));
    }
    if (reasons.size() > shown) {
      b.note("and " + (reasons.size() - shown) + " more failures (see the invocation's result)");
    }
    return b.build();
  }

  private static String bounded(String s) {
    return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS) + "...";
  }
}
