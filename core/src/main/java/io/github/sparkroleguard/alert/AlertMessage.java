package io.github.sparkroleguard.alert;

import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.event.Actor;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.policy.PolicyDiff;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One alert: what happened to one role in one invocation, in plain words. Built once, rendered
 * per channel: its lines (the document diffs among them) are computed here, once per role, and
 * bounded whatever the documents or the number of events look like. Strings that came from
 * outside (names, user agents) are kept raw here and escaped by each renderer.
 */
public final class AlertMessage {
  /** Most "who" lines (one per event); the rest are counted. */
  static final int MAX_ACTOR_LINES = 20;

  private final RoleReport report;
  private final String accountId;
  private final String accountName;
  private final String time;
  private final Kind kind;
  private final List<String> changeLines;
  private final List<String> actorLines;
  private final List<String> actionLines;
  private String givenNextStep = "";

  /** What an alert is about: a role's change (most alerts), or the guard's own trouble. */
  enum Kind { CHANGE, UNDELIVERED, FAILED_INVOCATION, STATE_TAMPERED }

  public AlertMessage(RoleReport report, String accountId, String time) {
    this(report, accountId, "", time, Kind.CHANGE);
  }

  /** @param accountName the account's name in a central guard's configuration; empty if none */
  public AlertMessage(RoleReport report, String accountId, String accountName, String time) {
    this(report, accountId, accountName, time, Kind.CHANGE);
  }

  private AlertMessage(RoleReport report, String accountId, String accountName, String time, Kind kind) {
    this.report = Objects.requireNonNull(report, "report");
    this.accountId = accountId == null ? "" : accountId;
    this.accountName = accountName == null || accountName.equals(accountId) ? "" : accountName;
    this.time = time;
    this.kind = kind;
    this.changeLines = List.copyOf(computeChangeLines());
    this.actorLines = List.copyOf(computeActorLines());
    this.actionLines = List.copyOf(computeActionLines());
  }

  /**
   * The real-time path did not deliver an event about the role (its events and notes say which
   * and the likely causes): the guard is deaf to changes until the next timer scan.
   */
  public static AlertMessage undelivered(RoleReport report, String accountId, String time) {
    return new AlertMessage(report, accountId, "", time, Kind.UNDELIVERED);
  }

  /**
   * An invocation failed to protect the roles its notes name (why, in the notes): nothing but
   * this alert reports it (no failure destination covers timer invocations).
   */
  public static AlertMessage failedInvocation(RoleReport report, String accountId, String accountName, String time) {
    return new AlertMessage(report, accountId, accountName, time, Kind.FAILED_INVOCATION);
  }

  /**
   * The shared state holds objects the guard did not write (no valid seal, or dated in the
   * future), which it ignored (the notes list them): someone else can write the state prefix.
   */
  public static AlertMessage stateTampered(RoleReport report, String accountId, String accountName, String time) {
    return new AlertMessage(report, accountId, accountName, time, Kind.STATE_TAMPERED);
  }

  /**
   * The same alert with the next step its sender knows better than the report can say (an account
   * the central guard cannot reach: check its member role, not restore it).
   */
  public AlertMessage withNextStep(String step) {
    AlertMessage m = new AlertMessage(report, accountId, accountName, time, kind);
    m.givenNextStep = step;
    return m;
  }

  public RoleReport report() {
    return report;
  }

  /** What the alert is about, as the webhook names it: change, undelivered, failed_invocation, state_tampered. */
  public String about() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  public String accountId() {
    return accountId;
  }

  public String accountName() {
    return accountName;
  }

  /** "id (name)", the id alone, or "unknown": how every channel names the account. */
  public String accountLabel() {
    if (accountId.isEmpty()) {
      return "unknown";
    }
    return accountName.isEmpty() ? accountId : accountId + " (" + accountName + ")";
  }

  /** When the guard decided (UTC ISO-8601). */
  public String time() {
    return time;
  }

  public DriftItem.Severity severity() {
    if (kind == Kind.UNDELIVERED || kind == Kind.STATE_TAMPERED || report.status() == RoleReport.Status.ERROR) {
      return DriftItem.Severity.HIGH;
    }
    if (report.flapStarted()) {
      return DriftItem.Severity.CRITICAL;
    }
    return report.drift().stream().filter(d -> !d.cosmetic()).map(DriftItem::severity)
        .max(Comparator.naturalOrder()).orElse(DriftItem.Severity.LOW);
  }

  public String title() {
    if (kind == Kind.STATE_TAMPERED) {
      return "[" + severity().name() + "] Shared state tampered with: objects the guard did not write";
    }
    return "[" + severity().name() + "] " + outcomeWord() + ": RAM role " + report.roleName();
  }

  private String outcomeWord() {
    if (kind == Kind.UNDELIVERED) {
      return "Event not delivered to the guard";
    }
    if (kind == Kind.FAILED_INVOCATION) {
      return "Guard invocation FAILED, could not protect";
    }
    if (report.flapStarted()) {
      return "Someone keeps changing it (restores paused)";
    }
    switch (report.status()) {
      case RESTORED:
        return "Restored";
      case PARTIALLY_RESTORED:
        return "Partly restored";
      case RESTORE_FAILED:
        return "Restore FAILED";
      case ERROR:
        return "Cannot check";
      default:
        if (report.drift().stream().allMatch(DriftItem::cosmetic) && !report.coverageGaps().isEmpty()) {
          return "Falls behind what Spark needs";
        }
        return report.action() == RoleReport.Action.DRY_RUN ? "Drift (dry run)" : "Drift";
    }
  }

  /** Most diff lines shown per drift item; the rest is counted. */
  static final int MAX_DIFF_LINES = 12;

  /** Each drift item in plain words, followed by its compact document diff ("+" gained, "-" lost). */
  public List<String> changeLines() {
    return changeLines;
  }

  private List<String> computeChangeLines() {
    List<String> out = new ArrayList<>();
    for (DriftItem d : report.drift()) {
      out.add(d.describe());
      if (d.expected() != null) {
        List<String> lines = new ArrayList<>();
        if (d.meaning() != null) {
          d.meaning().lines().forEach(l -> lines.add("  " + l));
        }
        PolicyDiff diff = PolicyDiff.between(d.expected(), d.actual());
        diff.added().forEach(l -> lines.add("  + " + l));
        diff.removed().forEach(l -> lines.add("  - " + l));
        int total = lines.size() + (diff.addedCount() - diff.added().size()) + (diff.removedCount() - diff.removed().size());
        lines.stream().limit(MAX_DIFF_LINES).forEach(out::add);
        if (total > MAX_DIFF_LINES) {
          out.add("  ... and " + (total - MAX_DIFF_LINES) + " more changed lines");
        }
      }
    }
    out.addAll(report.coverageGaps());
    return out;
  }

  /** Who, from where, when: one line per event that pointed at the role (at most {@value #MAX_ACTOR_LINES}). */
  public List<String> actorLines() {
    return actorLines;
  }

  private List<String> computeActorLines() {
    List<String> out = new ArrayList<>();
    for (TrailRecord r : report.events().subList(0, Math.min(MAX_ACTOR_LINES, report.events().size()))) {
      Actor a = r.actor();
      StringBuilder s = new StringBuilder();
      s.append(r.eventName()).append(" by ").append(a.describe());
      if (!a.maskedAccessKeyId().isEmpty()) {
        s.append(" (key ").append(a.maskedAccessKeyId()).append(')');
      }
      if (!r.sourceIp().isEmpty()) {
        s.append(" from ").append(r.sourceIp());
      }
      s.append(" via ").append(client(r.userAgent()));
      if (!r.eventTime().isEmpty()) {
        s.append(" at ").append(r.eventTime());
      }
      if (!r.eventId().isEmpty()) {
        s.append(", event ").append(r.eventId());
      }
      out.add(s.toString());
    }
    if (report.events().size() > MAX_ACTOR_LINES) {
      out.add("... and " + (report.events().size() - MAX_ACTOR_LINES) + " more events");
    }
    if (!report.attribution().isEmpty()) {
      out.add(report.attribution());
    }
    return out;
  }

  /** What the guard did and how it ended, including every write. */
  public List<String> actionLines() {
    return actionLines;
  }

  private List<String> computeActionLines() {
    List<String> out = new ArrayList<>();
    switch (report.action()) {
      case ALERT_ONLY:
        out.add("Alert only (role mode " + report.mode().wireName() + "): nothing was changed.");
        break;
      case DRY_RUN:
        out.add("Dry run: would restore with these writes (none made):");
        break;
      case RESTORE:
        out.add("Restore: " + report.status().wireName().replace('_', ' ') + " (verified by re-reading RAM).");
        break;
      default:
        if (!report.coverageGaps().isEmpty()) {
          out.add("Nothing to restore: the role is as pinned, and the pinned policy itself falls short.");
        }
        break;
    }
    out.addAll(report.notes());
    for (StepResult w : report.writes()) {
      out.add(w.status().name().toLowerCase(Locale.ROOT) + ": " + w.step().describe()
          + (w.detail().isEmpty() ? "" : " - " + w.detail()));
    }
    for (DriftItem d : report.remaining()) {
      out.add("still wrong: " + d.describe());
    }
    return out;
  }

  /** What a person should do next. */
  public String nextStep() {
    if (!givenNextStep.isEmpty()) {
      return givenNextStep;
    }
    String role = report.roleName();
    if (kind == Kind.UNDELIVERED) {
      return "Check that the function's EventBridge triggers are enabled in both event regions and their rules "
          + "still exist, then: s invoke -e '{\"action\":\"check\",\"roleName\":\"" + role + "\"}'";
    }
    if (kind == Kind.STATE_TAMPERED) {
      return "Find who else can write the state prefix (s invoke -e '{\"action\":\"doctor\"}', its state-writers check) "
          + "and remove that access; rotate state.secret if it may have leaked. The guard ignores these objects.";
    }
    if (kind == Kind.FAILED_INVOCATION) {
      return "Find the cause above and run s invoke -e '{\"action\":\"doctor\"}'; the next timer scan tries again, "
          + "and a change made meanwhile is found then";
    }
    if (report.status() == RoleReport.Status.RESTORED) {
      return "Check with the actor why the role was changed; the guard has put it back.";
    }
    if (report.status() == RoleReport.Status.IN_SYNC || report.status() == RoleReport.Status.COSMETIC) {
      return "Extend the role's policy (and its pinned copy) with what is missing, then check again: "
          + "s invoke -e '{\"action\":\"check\",\"roleName\":\"" + role + "\"}'";
    }
    if (report.mode() == Mode.ALERT || report.action() == RoleReport.Action.DRY_RUN) {
      return "Restore it: s invoke -e '{\"action\":\"restore\",\"roleName\":\"" + role + "\"}'";
    }
    return "The restore did not complete: fix the cause above, then s invoke -e "
        + "'{\"action\":\"restore\",\"roleName\":\"" + role + "\"}'";
  }

  /** The trigger in words. */
  public String triggerWord() {
    return report.trigger().name().toLowerCase(Locale.ROOT);
  }

  /** Names the kind of client from a user agent: console, Terraform, SDK/CLI or unknown. */
  static String client(String userAgent) {
    String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
    if (ua.isEmpty()) {
      return "unknown client";
    }
    if (ua.contains("console") || ua.contains("aliyunconsole")) {
      return "console";
    }
    if (ua.contains("terraform")) {
      return "Terraform";
    }
    if (ua.contains("aliyun-cli") || ua.contains("sdk") || ua.contains("java") || ua.contains("python")
        || ua.contains("go-") || ua.contains("tea")) {
      return "SDK/CLI";
    }
    return "other client";
  }
}
