package io.github.sparkroleguard.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.config.FanOutSettings;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.StoreFacts;
import io.github.sparkroleguard.transport.Acs3Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A large fleet's timer scan through Function Compute's own asynchronous invocations (issue 25).
 * The timer's invocation plans shards ({@link ShardPlan}) and queues one asynchronous invocation
 * of this same function per shard; FC runs them on as many instances as it needs, retries a
 * shard that fails, and puts one that keeps failing in the failure destination. A shard
 * invocation scans only its accounts through {@link FleetRuntime}, as the timer does today. A
 * redelivered shard (FC's at-least-once delivery) finds its claim in the shared store and does
 * nothing. Fleets below the threshold, events and commands go straight to the fleet.
 */
public final class FanOut {
  /** Queues one asynchronous invocation of this function with the payload. */
  public interface Invoker {
    void invokeAsync(byte[] payload);
  }

  private final FleetRuntime fleet;
  private final AccountDirectory directory;
  private final FanOutSettings settings;
  private final int concurrency;
  private final Invoker invoker;
  private final GuardState state;
  private final Alerts alerts;
  private final DecisionLog log;
  private final Clock clock;
  private volatile long accountMillis;
  private String runningAs = "";
  private String endpoint = "";

  public FanOut(FleetRuntime fleet, AccountDirectory directory, FanOutSettings settings, int concurrency, Invoker invoker,
      GuardState state, Alerts alerts, DecisionLog log, Clock clock) {
    this.fleet = fleet;
    this.directory = directory;
    this.settings = settings;
    this.concurrency = concurrency;
    this.invoker = invoker;
    this.state = state;
    this.alerts = alerts;
    this.log = log;
    this.clock = clock;
    this.accountMillis = settings.accountMillis();
  }

  /** What doctor reports: the FC function this code runs as (empty outside FC) and the endpoint shards go to. */
  public FanOut describedAs(String functionRunningAs, String fcEndpoint) {
    this.runningAs = functionRunningAs == null ? "" : functionRunningAs;
    this.endpoint = fcEndpoint;
    return this;
  }

  public InvocationResult handle(GuardRequest request) {
    if (request.isShard()) {
      return shard(request);
    }
    if (request.kind() == GuardRequest.Kind.MANUAL && request.command().action() == Command.Action.DOCTOR) {
      return doctor(fleet.handle(request));
    }
    if (request.kind() != GuardRequest.Kind.TIMER) {
      return fleet.handle(request);
    }
    List<MemberAccount> known;
    try {
      known = directory.accounts();
    } catch (RuntimeException e) {
      return fleet.handle(request); // the fleet reports the directory's failure as it does today
    }
    ShardPlan.Limits limits = limits();
    if (!ShardPlan.fansOut(known.size(), limits)) {
      return fleet.handle(request);
    }
    return fanOut(known, limits);
  }

  /**
   * doctor: the fan-out's own finding beside the members' ones. Shards are sent to
   * {@code fanOut.functionName}, the function the policy lets the role invoke; when FC runs this
   * code under another name ({@code FC_FUNCTION_NAME} [doc: FC's built-in environment variables]),
   * shards would go elsewhere or be refused, so doctor fails.
   */
  private InvocationResult doctor(InvocationResult members) {
    ObjectNode out = members.json().deepCopy();
    ObjectNode f = out.putObject("fanOut").put("functionName", settings.functionName()).put("runningAs", runningAs)
        .put("endpoint", endpoint).put("threshold", settings.threshold());
    int size;
    try {
      size = directory.accounts().size();
    } catch (RuntimeException e) {
      size = -1;
    }
    f.put("accounts", size).put("fansOut", size >= 0 && ShardPlan.fansOut(size, limits()));
    if (!runningAs.isEmpty() && !runningAs.equals(settings.functionName())) {
      String message = "fanOut.functionName is " + settings.functionName() + " but this function is " + runningAs
          + ": shards would not reach it (set fanOut.functionName, and regenerate the policy)";
      f.put("status", "fail").put("message", message);
      out.put("ok", false);
      return InvocationResult.of(out, members.ok() ? "FanOutMisconfigured: " + message : members.failure() + "; " + message);
    }
    f.put("status", "ok");
    return InvocationResult.of(out, members.ok() ? null : members.failure());
  }

  /** The per-account wall time the next plan assumes: the configured guess until a shard here measured it. */
  public long accountMillis() {
    return accountMillis;
  }

  private ShardPlan.Limits limits() {
    return new ShardPlan.Limits(settings.threshold(), settings.budgetSeconds() * 1000L, accountMillis, concurrency,
        settings.maxShardAccounts());
  }

  private InvocationResult fanOut(List<MemberAccount> known, ShardPlan.Limits limits) {
    List<List<MemberAccount>> shards = ShardPlan.split(known, limits);
    String at = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode result = Json.object().put("trigger", "timer");
    ObjectNode summary = result.putObject("fanOut").put("accounts", known.size()).put("shards", shards.size())
        .put("shardSize", ShardPlan.shardSize(limits)).put("accountMillis", accountMillis);
    List<String> failed = new ArrayList<>();
    List<MemberAccount> notStarted = new ArrayList<>();
    int started = 0;
    for (int i = 0; i < shards.size(); i++) {
      String id = at + "/" + (i + 1) + "-of-" + shards.size();
      try {
        invoker.invokeAsync(payload(id, shards.get(i)));
        started++;
      } catch (RuntimeException e) {
        failed.add(id + ": " + e.getMessage());
        notStarted.addAll(shards.get(i));
      }
    }
    summary.put("started", started);
    log.line("fan-out").put("accounts", known.size()).put("shards", shards.size()).put("started", started).write();
    if (failed.isEmpty()) {
      result.put("ok", true);
      return InvocationResult.of(result, null);
    }
    String message = (shards.size() - started) + " of " + shards.size() + " shards could not be started ("
        + notStarted.size() + " accounts not scanned): " + String.join("; ", failed.subList(0, Math.min(3, failed.size())));
    alertNotStarted(notStarted, message);
    result.put("ok", false);
    result.putObject("error").put("code", "FanOutIncomplete").put("message", message);
    return InvocationResult.of(result, "FanOutIncomplete: " + message);
  }

  /** One alert for the whole fan-out (not one per account), naming the first account left unscanned. */
  private void alertNotStarted(List<MemberAccount> notStarted, String message) {
    MemberAccount first = notStarted.get(0);
    RoleReport report = RoleReport.builder(first.roleName(), Mode.ALERT, GuardRequest.Kind.TIMER, List.of())
        .failed(RoleReport.Status.ERROR, "fan-out: " + message).build();
    alerts.send(new AlertMessage(report, first.id(), first.name(), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  static byte[] payload(String id, List<MemberAccount> accounts) {
    ObjectNode root = Json.object();
    ObjectNode shard = root.putObject("shard").put("id", id);
    ArrayNode ids = shard.putArray("accounts");
    accounts.forEach(a -> ids.add(a.id()));
    return Json.write(root).getBytes(StandardCharsets.UTF_8);
  }

  private InvocationResult shard(GuardRequest request) {
    ObjectNode result = Json.object().put("trigger", "timer");
    ObjectNode info = result.putObject("shard").put("id", request.shardId()).put("accounts", request.shardAccounts().size());
    Map<String, MemberAccount> known = new HashMap<>();
    try {
      directory.accounts().forEach(a -> known.put(a.id(), a));
    } catch (RuntimeException e) {
      return fail(result, "AccountsUnknown", "listing the Resource Directory's accounts failed: " + e.getMessage());
    }
    List<String> unknown = request.shardAccounts().stream().filter(id -> !known.containsKey(id)).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      return fail(result, "BadInput", "shard.accounts: " + unknown.size() + " accounts are not protected by this guard ("
          + String.join(", ", unknown.subList(0, Math.min(5, unknown.size()))) + (unknown.size() > 5 ? ", ..." : "") + ")");
    }
    Instant now = clock.instant();
    Optional<Instant> planned = plannedAt(request.shardId());
    if (planned.isPresent() && planned.get().isAfter(now.plus(StoreFacts.CLOCK_SKEW))) {
      // Its claim, marked done, would make that later timer's own shard a duplicate: drift made meanwhile unscanned.
      return fail(result, "BadInput", "shard.id: planned at " + planned.get() + ", in the future; no timer sent it");
    }
    String delivery = "shard/" + request.shardId();
    String content = Acs3Signer.sha256Hex(String.join(",", request.shardAccounts()).getBytes(StandardCharsets.UTF_8));
    Instant start = clock.instant();
    GuardState.Claim claim = state.claimDelivery(delivery, content, start);
    if (claim == GuardState.Claim.DUPLICATE) {
      info.put("duplicate", true);
      log.line("shard").put("shard", request.shardId()).put("duplicate", "yes").write();
      result.put("ok", true);
      return InvocationResult.of(result, null);
    }
    if (claim == GuardState.Claim.IN_PROGRESS) {
      return fail(result, "ShardInProgress", "shard " + request.shardId() + " is being scanned by another invocation; FC retries it");
    }
    InvocationResult scanned = fleet.handle(request);
    Instant end = clock.instant();
    state.finishDelivery(delivery, content, scanned.ok(), end);
    measured(end.toEpochMilli() - start.toEpochMilli(), request.shardAccounts().size());
    ObjectNode out = scanned.json().deepCopy();
    out.set("shard", info.put("duplicate", false).put("millis", end.toEpochMilli() - start.toEpochMilli()));
    return InvocationResult.of(out, scanned.ok() ? null : scanned.failure());
  }

  /** The timer time a shard id starts with ({@code <time>/<n>-of-<m>}, see {@link #fanOut}); empty when it does not. */
  private static Optional<Instant> plannedAt(String shardId) {
    int slash = shardId.indexOf('/');
    try {
      return Optional.of(Instant.parse(slash < 0 ? shardId : shardId.substring(0, slash)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** One account's share of a shard's wall time, as the plan counts it (accounts run {@code concurrency} at once). */
  private void measured(long millis, int accounts) {
    long perAccount = Math.max(1, millis * Math.min(concurrency, accounts) / accounts);
    accountMillis = Math.max(1, (accountMillis + perAccount) / 2);
  }

  private static InvocationResult fail(ObjectNode result, String code, String message) {
    result.put("ok", false);
    result.putObject("error").put("code", code).put("message", message);
    return InvocationResult.of(result, code + ": " + message);
  }
}
