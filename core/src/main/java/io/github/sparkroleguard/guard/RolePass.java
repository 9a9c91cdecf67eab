package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.decision.Act;
import io.github.sparkroleguard.decision.Intent;
import io.github.sparkroleguard.decision.RoleDecision;
import io.github.sparkroleguard.decision.Situation;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.report.CoverageResult;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.RestoreExecutor;
import io.github.sparkroleguard.restore.RestorePlan;
import io.github.sparkroleguard.restore.RestorePlanner;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.restore.WriteBudget;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.Pause;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One pass over one protected role: read it, compare, find who changed it, check coverage,
 * ask {@link RoleDecision} what to do, do it (restore and verify, or plan), alert, report.
 * Thread-safe: a scan runs passes in parallel.
 */
final class RolePass {
  private final GuardConfig config;
  private final Inspector inspector;
  private final RestoreExecutor executor;
  private final History history;
  private final CoverageCheck coverage;
  private final GuardState state;
  private final FlapRule flapping;
  private final RoleAlerts alerts;
  private final DecisionLog log;
  private final Clock clock;
  private SelfRecognition self;
  /** When a refused Resource Management listing was last alerted, per role (per instance). */
  private final java.util.Map<String, Instant> refusals = new java.util.concurrent.ConcurrentHashMap<>();

  /** How the guard's own writes are told in attribution; set once by the guard. */
  RolePass recognising(SelfRecognition value) {
    this.self = value;
    return this;
  }

  RolePass(GuardConfig config, Inspector inspector, RestoreExecutor executor, History history, CoverageCheck coverage,
      GuardState state, FlapRule flapping, RoleAlerts alerts, DecisionLog log, Clock clock) {
    this.state = state;
    this.config = config;
    this.inspector = inspector;
    this.executor = executor;
    this.history = history;
    this.coverage = coverage;
    this.flapping = flapping;
    this.alerts = alerts;
    this.log = log;
    this.clock = clock;
  }

  RoleReport run(RoleBaseline baseline, Intent intent, GuardRequest.Kind trigger, List<TrailRecord> events,
      WriteBudget budget, String accountId) {
    RoleReport.Builder report = RoleReport.builder(baseline.name(), baseline.mode(), trigger, events);
    Observation seen;
    try {
      seen = inspector.observe(baseline, accountId, pauseMatters(baseline, intent) ? clock.instant() : null, flapping);
    } catch (CloudCallException e) {
      return logged(report.failed(RoleReport.Status.ERROR, "reading the role failed: " + e.getMessage()).build());
    }
    RoleState live = seen.live();
    List<DriftItem> material = material(report.found(DriftDetector.compare(baseline, live)).drift());
    String who = "";
    boolean[] trailAnswered = {false};
    boolean tellRefusal = refusalToTell(baseline, live, report);
    if (!material.isEmpty() && events.isEmpty()) {
      who = attribute(baseline, report, trailAnswered);
    }
    CoverageResult covered = null;
    if (live.exists() && CoverageCheck.applies(baseline)
        && (intent == Intent.CHECK || (intent == Intent.SCAN && baseline.workspace() != null))) {
      covered = coverage.check(baseline, live);
      report.covered(covered);
    }
    RestorePlan plan = material.isEmpty() || intent == Intent.CHECK ? null : RestorePlanner.plan(baseline, live, material);
    Optional<Pause> paused = seen.pauseRead() || material.isEmpty() || intent != Intent.SCAN
        || baseline.mode() != io.github.sparkroleguard.config.Mode.RESTORE ? seen.paused()
        : state.restoresPaused(baseline.name(), clock.instant(), flapping);
    String driftKey = Fingerprints.drift(baseline.name(), material);
    boolean approvedNow = approvedOnly(report.events());
    Optional<String> approvedEarlier = !approvedNow && events.isEmpty() && intent == Intent.SCAN && !material.isEmpty()
        ? storedApproval(driftKey, report, trailAnswered[0]) : Optional.empty();
    Act act = RoleDecision.decide(Situation.of(intent, baseline.mode())
        .dryRun(config.dryRun())
        .materialDrift(!material.isEmpty())
        .planHasWrites(plan != null && !plan.steps().isEmpty())
        .approvedOnly(approvedNow || approvedEarlier.isPresent())
        .paused(paused.isPresent())
        .coverageGaps(covered != null && !covered.gaps().isEmpty())
        .unattributed(report.events().isEmpty())
        .approvedActors(!config.hardening().approvedActors().isEmpty())
        .build());
    report.acted(act.action());
    if (act.reason() == Act.Reason.APPROVED_ACTOR && approvedNow) {
      report.note("made by an approved actor: reported, not reverted (update the baseline if it is meant to stay)");
      Approvals.of(report.events(), clock.instant()).ifPresent(a -> state.approve(driftKey, a));
    } else if (act.reason() == Act.Reason.APPROVED_ACTOR) {
      report.note("made by an approved actor (" + approvedEarlier.orElseThrow() + ", seen when its event arrived): "
          + "reported, not reverted (update the baseline if it is meant to stay)");
    } else if (act.reason() == Act.Reason.UNATTRIBUTED) {
      report.note("not reverted: no change in ActionTrail names who did this ("
          + (config.attributionHours() == 0 ? "attribution is off, attributionHours: 0" : who.replaceFirst("^who: ", ""))
          + ") and approvedActors are configured, so it may be an approved change; if it is not, restore it: "
          + "s invoke -e '{\"action\":\"restore\",\"roleName\":\"" + baseline.name() + "\"}'");
    } else if (act.reason() == Act.Reason.PAUSED) {
      report.note("restores of this role are paused until " + paused.orElseThrow().until() + ": restored " + flapping.limit()
          + " times within " + flapping.window().toMinutes() + " minutes, changed by "
          + String.join(", ", paused.orElseThrow().actors()));
    }
    if (act.action() == RoleReport.Action.DRY_RUN) {
      report.planned(plan.steps().stream().map(StepResult::planned).collect(Collectors.toList()));
    } else if (act.restores()) {
      restoreAndVerify(baseline, plan, budget, report, accountId);
      if (report.writes().stream().anyMatch(w -> w.status() == StepResult.Status.DONE)) {
        Pause.Outcome flap = state.restored(baseline.name(), clock.instant(), actorNames(report.events()), flapping);
        if (flap.started()) {
          report.flapping().note("someone keeps changing this role: " + flapping.limit() + " restores within "
              + flapping.window().toMinutes() + " minutes, by " + String.join(", ", flap.actors())
              + "; restores paused for " + config.hardening().coolDownMinutes() + " minutes, alerts continue");
        }
      }
    }
    RoleReport done = logged(report.build());
    return act.alert() || tellRefusal ? alerts.send(done, accountId) : done;
  }

  /** The actor of a stored approval that still covers this drift; a refused one is noted in the result. */
  private Optional<String> storedApproval(String driftKey, RoleReport.Builder report, boolean trailAnswered) {
    Optional<io.github.sparkroleguard.state.Approval> stored = state.approval(driftKey);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> refused = Approvals.refusal(stored.get(), config.hardening(), report.events(), trailAnswered,
        clock.instant());
    refused.ifPresent(why -> report.note("an earlier approval of this drift (" + stored.get().actor() + ", event "
        + stored.get().eventId() + ") is not honoured: " + why));
    return refused.isPresent() ? Optional.empty() : Optional.of(stored.get().actor());
  }

  /**
   * Whether "restores paused?" goes out with the reads. A pause only turns the guard's own
   * restore (restore mode, an event or a scan) into an alert; an operator's restore, a check and
   * alert mode never ask. An event on a role in restore mode asks in the read round, so a restore
   * costs no round for it; a scan asks only when it finds drift, so a healthy role costs the store
   * nothing.
   */
  private static boolean pauseMatters(RoleBaseline baseline, Intent intent) {
    return intent == Intent.EVENT && baseline.mode() == io.github.sparkroleguard.config.Mode.RESTORE;
  }

  /**
   * When Resource Management refused to list the role's grants: said in the result every time,
   * alerted once per re-alert window per role, never a failed invocation.
   */
  private boolean refusalToTell(RoleBaseline baseline, RoleState live, RoleReport.Builder report) {
    if (live.scopedReadError().isEmpty()) {
      return false;
    }
    report.note(live.scopedReadError());
    String key = baseline.name().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Instant last = refusals.get(key);
    if (last != null && last.plus(java.time.Duration.ofMinutes(config.realertMinutes())).isAfter(now)) {
      return false;
    }
    refusals.put(key, now); // at most one entry per protected role: bounded by the configuration
    return true;
  }

  /**
   * For drift no event explains (timer, scan, manual), names the most recent change ActionTrail
   * has. Best effort: a failed lookup is noted, never fails the invocation. Returns the note;
   * {@code answered[0]} says whether ActionTrail answered (a stored approval is checked against it).
   */
  private String attribute(RoleBaseline baseline, RoleReport.Builder report, boolean[] answered) {
    if (config.attributionHours() == 0) {
      return "";
    }
    String note;
    try {
      Optional<TrailRecord> last = history.lastChange(baseline, clock.instant(), config.attributionHours(),
          self == null ? io.github.sparkroleguard.event.SelfIdentity.ofKey(config.selfRoleName(), "") : self.identify(List.of(), ""));
      note = last.isPresent()
          ? "who: the most recent change in ActionTrail (events appear there about 10 minutes late)"
          : "who: no change in ActionTrail in the last " + config.attributionHours()
              + " h (events appear there about 10 minutes late)";
      report.attributed(last.map(List::of).orElse(List.of()), note);
      answered[0] = true;
    } catch (CloudCallException e) {
      note = "who: ActionTrail lookup failed (" + e.code() + ")";
      report.attributed(List.of(), note);
    }
    return note;
  }

  private void restoreAndVerify(RoleBaseline baseline, RestorePlan plan, WriteBudget budget, RoleReport.Builder report,
      String accountId) {
    List<StepResult> results = executor.execute(baseline, plan.steps(), budget);
    results.forEach(r -> log.line("write").put("role", baseline.name()).put("action", r.step().action().apiName())
        .put("status", r.status().name().toLowerCase(Locale.ROOT)).put("detail", r.detail()).write());
    List<DriftItem> after;
    try {
      after = material(DriftDetector.compare(baseline, inspector.read(baseline, accountId)));
    } catch (CloudCallException e) {
      report.restored(RoleReport.Status.RESTORE_FAILED, results, report.drift())
          .failed(RoleReport.Status.RESTORE_FAILED, "verification read failed: " + e.getMessage());
      return;
    }
    List<DriftItem> left = after.stream()
        .filter(d -> plan.alertOnly().stream().noneMatch(a -> a.kind() == d.kind() && a.policyName().equals(d.policyName())))
        .collect(Collectors.toList());
    RoleReport.Status status;
    if (left.isEmpty()) {
      status = RoleReport.Status.RESTORED;
    } else if (left.size() < report.drift().size()
        && results.stream().anyMatch(r -> r.status() == StepResult.Status.DONE || r.status() == StepResult.Status.CONVERGED)) {
      status = RoleReport.Status.PARTIALLY_RESTORED;
    } else {
      status = RoleReport.Status.RESTORE_FAILED;
    }
    report.restored(status, results, after);
    results.stream().filter(r -> r.status() == StepResult.Status.FAILED || r.status() == StepResult.Status.NOT_RUN)
        .findFirst().ifPresent(r -> report.failed(status, r.step().describe() + ": " + r.detail()));
  }

  private boolean approvedOnly(List<TrailRecord> events) {
    return !events.isEmpty() && events.stream().allMatch(r -> config.hardening().approves(r.actor().name(), r.actor().assumedRoleName()));
  }

  private static Set<String> actorNames(List<TrailRecord> events) {
    Set<String> out = new LinkedHashSet<>();
    events.forEach(r -> out.add(r.actor().describe()));
    if (out.isEmpty()) {
      out.add("unknown (found by a scan)");
    }
    return out;
  }

  /** Drift that matters: cosmetic document edits are reported, never alerted or restored. */
  private static List<DriftItem> material(List<DriftItem> drift) {
    return drift.stream().filter(d -> !d.cosmetic()).collect(Collectors.toList());
  }

  private RoleReport logged(RoleReport r) {
    log.line("role").put("role", r.roleName()).put("trigger", r.trigger().name().toLowerCase(Locale.ROOT))
        .put("status", r.status().wireName()).put("action", r.action().wireName())
        .put("drift", r.drift().stream().map(DriftItem::code).collect(Collectors.joining(",")))
        .put("error", r.error()).write();
    return r;
  }
}
