package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.Hardening;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.decision.Intent;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.restore.RestoreExecutor;
import io.github.sparkroleguard.restore.WriteBudget;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.MemoryState;
import io.github.sparkroleguard.trail.TrailPort;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The flow of one invocation: from the request to the roles to look at (event targets, every
 * role, one role), one {@link RolePass} each, and the result. Orchestration only: what to do
 * with a role is decided by {@code decision.RoleDecision}. One instance per FC instance; not
 * shared between concurrent invocations (FC's built-in runtimes serve one request at a time).
 */
public final class Guard {
  private final GuardConfig config;
  private final Alerts alerts;
  private final GuardState state;
  private final DeafnessAlerts deafness;
  private final EventTargets targets;
  private final RolePass pass;
  private final ReadOnlyCommands readOnly;
  private final FailureAlerts failureAlerts;
  private final ExecutorService scans;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DecisionLog log;

  /** @param rm Resource Management: the service-linked role, grants in resource groups, the guard's own role id */
  public Guard(GuardConfig config, RamPort ram, ResourceManagerPort rm, TrailPort trail, Alerts alerts,
      DecisionLog log, Clock clock) {
    this(config, ram, rm, trail, alerts, log, clock, Sleeper.REAL);
  }

  public Guard(GuardConfig config, RamPort ram, ResourceManagerPort rm, TrailPort trail, Alerts alerts,
      DecisionLog log, Clock clock, Sleeper sleeper) {
    this(config, ram, rm, trail, alerts, log, clock, sleeper, new MemoryState());
  }

  /** @param state what the guard remembers between invocations: per instance, or shared by every instance */
  public Guard(GuardConfig config, RamPort ram, ResourceManagerPort rm, TrailPort trail, Alerts alerts,
      DecisionLog log, Clock clock, Sleeper sleeper, GuardState state) {
    this(config, ram, rm, trail, alerts, log, clock, sleeper, state, GuardPools.forOneAccount(config.ramConcurrency()));
  }

  /** @param pools the threads roles are inspected with: this guard's own, or a central guard's shared ones */
  public Guard(GuardConfig config, RamPort ram, ResourceManagerPort rm, TrailPort trail, Alerts alerts,
      DecisionLog log, Clock clock, Sleeper sleeper, GuardState state, GuardPools pools) {
    this.config = config;
    this.state = state;
    this.clock = clock;
    this.alerts = alerts;
    this.sleeper = sleeper;
    this.log = log;
    Hardening h = config.hardening();
    FlapRule flapping = new FlapRule(h.flapRestores(), Duration.ofMinutes(h.flapWindowMinutes()),
        Duration.ofMinutes(h.coolDownMinutes()));
    this.scans = pools.scans;
    Inspector inspector = new Inspector(ram, rm, state, pools.reads);
    History history = new History(trail);
    SelfRecognition self = new SelfRecognition(config.selfRoleName(), rm, log);
    this.targets = new EventTargets(config, log).recognising(self);
    RestoreExecutor executor = new RestoreExecutor(ram, rm,
        new DeletionWait(rm, clock, sleeper, Duration.ofSeconds(config.retryBudgetSeconds())));
    this.pass = new RolePass(config, inspector,
        new DriftReads(config, history, new CoverageCheck(ram), state, flapping, self, clock),
        new RoleWrites(inspector, executor, state, flapping, log, clock), state, flapping,
        new RoleAlerts(alerts, state, config.realertMinutes(), config.accountName(), clock, log), log, clock);
    this.deafness = new DeafnessAlerts(new DeafnessCheck(trail, state, config, self), state, alerts, log);
    this.readOnly = new ReadOnlyCommands(config, history, new BaselineCapture(ram, rm), clock);
    this.failureAlerts = new FailureAlerts(alerts, state, config.realertMinutes(), config.accountName(), clock, log);
  }

  public GuardConfig config() {
    return config;
  }

  public Alerts alerts() {
    return alerts;
  }

  /**
   * @param selfAccessKeyId the access key id the guard signs with now, to skip its own events
   * @param accountId the account, for alerts (empty if unknown)
   */
  public InvocationResult handle(GuardRequest request, String selfAccessKeyId, String accountId) {
    try {
      return protect(request, selfAccessKeyId, accountId);
    } catch (RuntimeException e) {
      // Whatever stopped the invocation, it failed to protect: said through the channels, then thrown.
      try {
        failureAlerts.alert(request.kind(), List.of(), e.getClass().getSimpleName() + ": " + e.getMessage(), accountId);
      } catch (RuntimeException alertFailed) {
        e.addSuppressed(alertFailed);
      }
      throw e;
    }
  }

  private InvocationResult protect(GuardRequest request, String selfAccessKeyId, String accountId) {
    InvocationResult.Builder result = InvocationResult.builder(request.kind(), config.dryRun());
    WriteBudget budget = new WriteBudget(config.maxWritesPerInvocation());
    List<RoleReport> reports = new ArrayList<>();
    state.startInvocation();
    DeliveryClaims claims = null;
    ObjectNode memory = Json.object();
    switch (request.kind()) {
      case EVENT:
        claims = new DeliveryClaims(state, clock.instant());
        EventTargets.Targets t = targets.of(request.records(), request.rejected(), selfAccessKeyId, claims);
        result.skipped(t.skipped);
        settle(t.byRole.isEmpty());
        for (Map.Entry<String, List<TrailRecord>> e : t.byRole.entrySet()) {
          RoleBaseline b = config.role(e.getKey()).orElseThrow();
          reports.add(pass.run(b, Intent.EVENT, request.kind(), e.getValue(), budget, accountId));
        }
        break;
      case TIMER:
        reports.addAll(scanAll(request.kind(), budget, accountId));
        if (config.state().oss() && config.state().deafnessMinutes() > 0) {
          memory.set("deafness", deafness.run(clock.instant(), accountId));
        }
        break;
      case MANUAL:
        Command c = request.command();
        result.command(c);
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
          return result.error("NotProtected", "role " + c.roleName() + " is not protected (protected: "
              + config.roles().stream().map(RoleBaseline::name).collect(Collectors.joining(", ")) + ")");
        }
        Intent intent = c.action() == Command.Action.RESTORE ? Intent.RESTORE : Intent.CHECK;
        reports.add(pass.run(b, intent, request.kind(), List.of(), budget, accountId));
        break;
      default:
        throw new IllegalStateException(request.kind().name());
    }
    result.roles(reports, budget.used());
    List<String> failures = reports.stream().map(RoleReport::failureReason)
        .filter(Objects::nonNull).collect(Collectors.toList());
    String alerted = failureAlerts.alert(request.kind(), reports, "", accountId);
    if (!alerted.isEmpty()) {
      failures.add("failure " + alerted);
    }
    if (claims != null && !claims.heldElsewhere().isEmpty()) {
      failures.add("deliveries held by another invocation, retry later: " + String.join(", ", claims.heldElsewhere()));
    }
    if (claims != null) {
      claims.finish(failures.isEmpty());
    }
    state.ignored().forEach(i -> log.line("state").put("ignored", i).write());
    if (config.state().oss()) { // zero configuration: the result stays as it was
      ObjectNode s = Json.object().put("store", state.describe()).put("shared", state.durable());
      state.degraded().ifPresent(r -> s.put("fallback", r));
      List<String> ignored = state.ignored();
      if (!ignored.isEmpty()) {
        ignored.forEach(i -> s.withArray("ignored").add(i));
        int forged = state.forged();
        if (forged > 0) {
          s.put("tamperAlert", failureAlerts.tampered(request.kind(), forged, ignored, state.describe(), accountId));
        }
      }
      memory.set("state", s);
      result.memory(memory);
    }
    if (!failures.isEmpty()) {
      return result.error("GuardFailed", String.join("; ", failures));
    }
    return result.ok();
  }

  /** A clear error result; no RAM call is made after one. */
  public static InvocationResult badInput(String message) {
    return InvocationResult.badInput(message);
  }

  /** Every protected role, up to ram.concurrency at once; reports in configuration order. */
  private List<RoleReport> scanAll(GuardRequest.Kind kind, WriteBudget budget, String accountId) {
    List<Future<RoleReport>> futures = new ArrayList<>();
    for (RoleBaseline b : config.roles()) {
      futures.add(scans.submit(() -> pass.run(b, Intent.SCAN, kind, List.of(), budget, accountId)));
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
}
