package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.Hardening;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.Classification;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.RejectedRecord;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.ram.RamException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.RestoreExecutor;
import io.github.sparkroleguard.restore.RestorePlan;
import io.github.sparkroleguard.restore.RestorePlanner;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.restore.WriteBudget;
import io.github.sparkroleguard.trail.TrailPort;
import io.github.sparkroleguard.transport.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The flow of one invocation: classify, pick targets, read live state, compare, then alert,
 * restore (verified) or dry-run, and report. One instance per FC instance; not shared between
 * concurrent invocations (FC's built-in runtimes serve one request at a time per instance).
 */
public final class Guard {
  private final GuardConfig config;
  private final Inspector inspector;
  private final RestoreExecutor executor;
  private final AlertDispatcher alerts;
  private final DecisionLog log;
  private final Clock clock;
  private final Classifier classifier;
  private final SeenDeliveries seen = new SeenDeliveries(2048);
  private final AlertMemory alerted = new AlertMemory(1024);
  private final History history;
  private final ReadOnlyCommands readOnly;
  private final CoverageCheck coverage;
  private final Flapping flapping;
  private final ExecutorService reads;
  private final ExecutorService scans;
  private final Sleeper sleeper;

  public Guard(GuardConfig config, RamPort ram, TrailPort trail, AlertDispatcher alerts, DecisionLog log, Clock clock) {
    this(config, ram, trail, alerts, log, clock, Sleeper.REAL);
  }

  public Guard(GuardConfig config, RamPort ram, TrailPort trail, AlertDispatcher alerts, DecisionLog log, Clock clock,
      Sleeper sleeper) {
    this.config = config;
    this.sleeper = sleeper;
    Hardening h = config.hardening();
    this.flapping = new Flapping(h.flapRestores(), Duration.ofMinutes(h.flapWindowMinutes()),
        Duration.ofMinutes(h.coolDownMinutes()));
    this.reads = pool("ram-read", Math.max(4, config.ramConcurrency() * 3));
    this.scans = pool("scan", config.ramConcurrency());
    this.inspector = new Inspector(ram, reads);
    this.executor = new RestoreExecutor(ram);
    this.history = new History(trail);
    this.readOnly = new ReadOnlyCommands(config, history, new BaselineCapture(ram), clock);
    this.coverage = new CoverageCheck(ram);
    this.alerts = alerts;
    this.log = log;
    this.clock = clock;
    this.classifier = new Classifier(config);
  }

  public GuardConfig config() {
    return config;
  }

  public AlertDispatcher alerts() {
    return alerts;
  }

  /**
   * @param selfAccessKeyId the access key id the guard signs with now, to skip its own events
   * @param accountId the account, for alerts (empty if unknown)
   */
  public InvocationResult handle(GuardRequest request, String selfAccessKeyId, String accountId) {
    ObjectNode result = Json.object();
    result.put("trigger", request.kind().name().toLowerCase(Locale.ROOT));
    result.put("dryRun", config.dryRun());
    WriteBudget budget = new WriteBudget(config.maxWritesPerInvocation());
    List<RoleReport> reports = new ArrayList<>();
    List<String> handledIds = new ArrayList<>();
    switch (request.kind()) {
      case EVENT:
        ArrayNode skipped = result.putArray("skipped");
        Map<String, List<TrailRecord>> targets = targets(request.records(), selfAccessKeyId, skipped, handledIds);
        for (RejectedRecord x : request.rejected()) { // one unreadable record does not block the batch
          String reason = "record cannot be read: " + x.reason();
          log.line("skip").put("eventId", x.eventId()).put("eventName", x.eventName()).put("reason", reason).write();
          skipped.addObject().put("eventId", x.eventId()).put("eventName", x.eventName()).put("reason", reason);
        }
        settle(targets.isEmpty());
        for (Map.Entry<String, List<TrailRecord>> t : targets.entrySet()) {
          RoleBaseline b = config.role(t.getKey()).orElseThrow();
          reports.add(process(b, request.kind(), t.getValue(), false, false, budget, accountId));
        }
        break;
      case TIMER:
        reports.addAll(scanAll(request.kind(), budget, accountId));
        break;
      case MANUAL:
        Command c = request.command();
        result.put("command", c.action().wireName());
        if (c.action() == Command.Action.SCAN) {
          reports.addAll(scanAll(request.kind(), budget, accountId));
          break;
        }
        if (c.action() == Command.Action.BASELINE || c.action() == Command.Action.HISTORY
            || c.action() == Command.Action.CONTROL_POLICY) {
          return readOnly.answer(result, c);
        }
        RoleBaseline b = config.role(c.roleName()).orElse(null);
        if (b == null) {
          return notProtected(result, c.roleName());
        }
        boolean restore = c.action() == Command.Action.RESTORE;
        reports.add(process(b, request.kind(), List.of(), restore, !restore, budget, accountId));
        break;
      default:
        throw new IllegalStateException(request.kind().name());
    }
    ArrayNode roles = result.putArray("roles");
    reports.forEach(r -> roles.add(ResultJson.role(r)));
    result.put("writes", budget.used());
    List<String> failures = reports.stream().map(RoleReport::failureReason)
        .filter(Objects::nonNull).collect(Collectors.toList());
    if (!failures.isEmpty()) {
      return error(result, "GuardFailed", String.join("; ", failures));
    }
    handledIds.forEach(seen::add);
    result.put("ok", true);
    return new InvocationResult(result, null);
  }

  private InvocationResult notProtected(ObjectNode result, String roleName) {
    return error(result, "NotProtected", "role " + roleName + " is not protected (protected: "
        + config.roles().stream().map(RoleBaseline::name).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * For drift no event explains (timer, scan, manual), names the most recent change ActionTrail
   * has. Best effort: a failed lookup is noted, never fails the invocation.
   */
  private void attribute(RoleBaseline baseline, RoleReport report) {
    if (config.attributionHours() == 0) {
      return;
    }
    try {
      Optional<TrailRecord> last = history.lastChange(baseline, clock.instant(), config.attributionHours(), config.selfRoleName());
      report.attributed(last.map(List::of).orElse(List.of()), last.isPresent()
          ? "who: the most recent change in ActionTrail (events appear there about 10 minutes late)"
          : "who: no change in ActionTrail in the last " + config.attributionHours()
              + " h (events appear there about 10 minutes late)");
    } catch (RamException e) {
      report.attributed(List.of(), "who: ActionTrail lookup failed (" + e.code() + ")");
    }
  }

  /** A clear error result; no RAM call is made after one. */
  public static InvocationResult badInput(String message) {
    return error(Json.object(), "BadInput", message);
  }

  static InvocationResult error(ObjectNode result, String code, String message) {
    result.put("ok", false);
    result.putObject("error").put("code", code).put("message", message);
    return new InvocationResult(result, code + ": " + message);
  }

  /** Classifies every record; returns each protected role to inspect once, with its records. */
  private Map<String, List<TrailRecord>> targets(List<TrailRecord> records, String selfAccessKeyId,
      ArrayNode skipped, List<String> handledIds) {
    Map<String, List<TrailRecord>> byRole = new LinkedHashMap<>();
    for (TrailRecord r : records) {
      String reason;
      if (seen.contains(r.deliveryId())) {
        reason = "duplicate delivery " + r.deliveryId() + ": already handled by this instance";
      } else {
        Classification c = classifier.classify(r, selfAccessKeyId);
        handledIds.add(r.deliveryId());
        if (!c.skipped()) {
          log.line("inspect").put("eventId", r.eventId()).put("eventName", r.eventName())
              .put("roles", String.join(",", c.roles())).put("reason", c.reason()).write();
          c.roles().forEach(role -> byRole.computeIfAbsent(role, k -> new ArrayList<>()).add(r));
          continue;
        }
        reason = c.reason();
      }
      log.line("skip").put("eventId", r.eventId()).put("eventName", r.eventName()).put("reason", reason).write();
      skipped.addObject().put("eventId", r.eventId()).put("eventName", r.eventName()).put("reason", reason);
    }
    Map<String, List<TrailRecord>> ordered = new LinkedHashMap<>();
    config.roles().stream().filter(b -> byRole.containsKey(b.name())).forEach(b -> ordered.put(b.name(), byRole.get(b.name())));
    return ordered;
  }

  private RoleReport process(RoleBaseline baseline, GuardRequest.Kind trigger, List<TrailRecord> events,
      boolean forceRestore, boolean reportOnly, WriteBudget budget, String accountId) {
    RoleReport report = new RoleReport(baseline.name(), baseline.mode(), trigger, events);
    RoleState live;
    try {
      live = inspector.read(baseline);
    } catch (RamException e) {
      report.failed(RoleReport.Status.ERROR, "reading the role from RAM failed: " + e.getMessage());
      decision(report);
      return report;
    }
    List<DriftItem> drift = DriftDetector.compare(baseline, live);
    report.found(drift);
    List<DriftItem> material = material(drift);
    if (!material.isEmpty() && events.isEmpty()) {
      attribute(baseline, report);
    }
    boolean scan = trigger == GuardRequest.Kind.TIMER || (trigger == GuardRequest.Kind.MANUAL && !forceRestore && !reportOnly);
    if (live.exists() && CoverageCheck.applies(baseline) && (reportOnly || (scan && baseline.workspace() != null))) {
      try {
        ObjectNode c = coverage.check(baseline, live);
        report.covered(c, baseline.workspace() == null && !reportOnly ? List.of() : CoverageCheck.lines(c));
      } catch (RamException e) {
        report.covered(Json.object().put("complete", false).put("error", e.getMessage()), List.of());
      }
    }
    if (material.isEmpty() || reportOnly) {
      report.acted(drift.isEmpty() || material.isEmpty() ? RoleReport.Action.NONE : RoleReport.Action.REPORT_ONLY);
      decision(report);
      if (scan && material.isEmpty() && !report.coverageGaps().isEmpty()) {
        sendAlert(report, accountId); // low severity: the role falls behind what its workspace needs
      }
      return report;
    }
    RestorePlan plan = RestorePlanner.plan(baseline, live, material);
    boolean restore = (forceRestore || baseline.mode() == Mode.RESTORE) && !plan.steps().isEmpty();
    Optional<Instant> paused = flapping.pausedUntil(baseline.name(), clock.instant());
    if (restore && !forceRestore && approvedOnly(report.events())) {
      report.note("made by an approved actor: reported, not reverted (update the baseline if it is meant to stay)");
      restore = false;
    } else if (restore && !forceRestore && paused.isPresent()) {
      report.note("restores of this role are paused until " + paused.get() + ": restored " + flapping.limit() + " times within "
          + flapping.window().toMinutes() + " minutes, changed by " + String.join(", ", flapping.actors(baseline.name())));
      restore = false;
    }
    if (!restore) {
      report.acted(RoleReport.Action.ALERT_ONLY);
    } else if (config.dryRun()) {
      report.acted(RoleReport.Action.DRY_RUN)
          .planned(plan.steps().stream().map(StepResult::planned).collect(Collectors.toList()));
    } else {
      report.acted(RoleReport.Action.RESTORE);
      restoreAndVerify(baseline, plan, budget, report);
      if (report.writes().stream().anyMatch(w -> w.status() == StepResult.Status.DONE)
          && flapping.restored(baseline.name(), clock.instant(), actorNames(report.events()))) {
        report.flapping().note("someone keeps changing this role: " + flapping.limit() + " restores within "
            + flapping.window().toMinutes() + " minutes, by " + String.join(", ", flapping.actors(baseline.name()))
            + "; restores paused for " + config.hardening().coolDownMinutes() + " minutes, alerts continue");
      }
    }
    decision(report);
    sendAlert(report, accountId);
    report.deliveries().forEach(d -> log.line("alert").put("role", baseline.name()).put("channel", d.channel())
        .put("delivered", String.valueOf(d.delivered())).put("detail", d.detail()).write());
    return report;
  }

  /** One alert for the role, unless the same unrepaired drift was alerted within the window. */
  private void sendAlert(RoleReport report, String accountId) {
    Instant now = clock.instant();
    boolean unrepaired = report.action() == RoleReport.Action.ALERT_ONLY || report.action() == RoleReport.Action.DRY_RUN
        || report.action() == RoleReport.Action.NONE;
    String key = AlertMemory.fingerprint(report);
    if (report.trigger() != GuardRequest.Kind.EVENT && unrepaired) {
      Optional<Instant> last = alerted.within(key, now, Duration.ofMinutes(config.realertMinutes()));
      if (last.isPresent()) {
        report.delivered(List.of(new Delivery("reminder", false, true,
            "same drift already alerted at " + last.get() + "; reminded again after "
                + last.get().plusSeconds(60L * config.realertMinutes()))));
        return;
      }
    }
    report.delivered(alerts.send(new AlertMessage(report, accountId, now.truncatedTo(ChronoUnit.SECONDS).toString())));
    if (report.alertReachedSomeone()) {
      alerted.remember(key, now);
    }
  }

  private void restoreAndVerify(RoleBaseline baseline, RestorePlan plan, WriteBudget budget, RoleReport report) {
    List<StepResult> results = executor.execute(baseline, plan.steps(), budget);
    results.forEach(r -> log.line("write").put("role", baseline.name()).put("action", r.step().action().apiName())
        .put("status", r.status().name().toLowerCase(Locale.ROOT)).put("detail", r.detail()).write());
    List<DriftItem> after;
    try {
      after = material(DriftDetector.compare(baseline, inspector.read(baseline)));
    } catch (RamException e) {
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

  /** Every protected role, up to ram.concurrency at once; reports in configuration order. */
  private List<RoleReport> scanAll(GuardRequest.Kind kind, WriteBudget budget, String accountId) {
    List<Future<RoleReport>> futures = new ArrayList<>();
    for (RoleBaseline b : config.roles()) {
      futures.add(scans.submit(() -> process(b, kind, List.of(), false, false, budget, accountId)));
    }
    List<RoleReport> out = new ArrayList<>();
    for (Future<RoleReport> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("scan interrupted");
      }
    }
    return out;
  }

  /** Up to {@code threads} daemon threads, which end after 30 s idle (an instance may sit frozen). */
  private static ExecutorService pool(String name, int threads) {
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "guard-" + name);
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
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

  /** Lets a change in progress (a Terraform apply) finish before reading. */
  private void settle(boolean nothingToInspect) {
    int seconds = config.hardening().settleSeconds();
    if (seconds > 0 && !nothingToInspect) {
      try {
        sleeper.sleep(Duration.ofSeconds(seconds));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Drift that matters: cosmetic document edits are reported, never alerted or restored. */
  private static List<DriftItem> material(List<DriftItem> drift) {
    return drift.stream().filter(d -> !d.cosmetic()).collect(Collectors.toList());
  }

  private void decision(RoleReport r) {
    log.line("role").put("role", r.roleName()).put("trigger", r.trigger().name().toLowerCase(Locale.ROOT))
        .put("status", r.status().wireName()).put("action", r.action().wireName())
        .put("drift", r.drift().stream().map(DriftItem::code).collect(Collectors.joining(",")))
        .put("error", r.error()).write();
  }
}
