package io.github.sparkroleguard.fleet;

import com.aliyuncs.exceptions.ClientException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.alert.AlertMessage;
import io.github.sparkroleguard.config.Accounts;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.RejectedRecord;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.report.Delivery;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.state.AlertTurn;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.MemoryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A central guard for many accounts (issue 16): routes each event to the account it belongs to,
 * scans every account with bounded concurrency, and runs one member guard per account with the
 * credentials of a role assumed there. One account's failure (AssumeRole refused, RAM down) never
 * stops the others; it is alerted once per re-alert window (across instances when the state is
 * shared) and fails the invocation, so FC's retries and failure destination see it. Neither does a
 * Resource Directory that does not answer: the accounts already known are scanned and the failure
 * is alerted the same way. Each account's guard is built for its work and released after it
 * (MemberFactory); threads come from pools sized by {@code fleet.concurrency}.
 */
public final class FleetRuntime {
  private final Accounts accounts;
  private final AccountDirectory directory;
  private final MemberFactory members;
  private final Alerts alerts;
  private final DecisionLog log;
  private final Clock clock;
  private final Duration realert;
  private final ExecutorService pool;
  private final GuardState state;

  /** Builds the guard that protects one member account, for one piece of work. */
  public interface MemberFactory {
    MemberGuard guard(MemberAccount account);
  }

  /** One member account's guard, as the fleet needs it. */
  public interface MemberGuard {
    /** Assumes the member role now if the session is missing or about to expire. */
    void connect() throws ClientException;

    InvocationResult handle(GuardRequest request);

    /** Called once the account's work is done: what was built for it may go. */
    default void release() {
      // nothing held
    }
  }

  public FleetRuntime(Accounts accounts, AccountDirectory directory, MemberFactory members, Alerts alerts,
      DecisionLog log, Clock clock, Duration realert) {
    this(accounts, directory, members, alerts, log, clock, realert, new MemoryState());
  }

  /** @param state the central guard's own memory (alert windows of accounts it cannot check, of discovery) */
  public FleetRuntime(Accounts accounts, AccountDirectory directory, MemberFactory members, Alerts alerts,
      DecisionLog log, Clock clock, Duration realert, GuardState state) {
    this.state = state;
    this.accounts = accounts;
    this.directory = directory;
    this.members = members;
    this.alerts = alerts;
    this.log = log;
    this.clock = clock;
    this.realert = realert;
    this.pool = pool(accounts.concurrency());
  }

  public InvocationResult handle(GuardRequest request) {
    ObjectNode result = Json.object();
    result.put("trigger", request.kind().name().toLowerCase(Locale.ROOT));
    ArrayNode skipped = result.putArray("skipped");
    Map<MemberAccount, GuardRequest> work = new LinkedHashMap<>();
    AccountDirectory.Listing listing;
    try {
      listing = directory.read();
    } catch (RuntimeException e) {
      return fail(result, "AccountsUnknown", "listing the Resource Directory's accounts failed: " + e.getMessage());
    }
    List<MemberAccount> known = listing.accounts();
    String discoveryFailure = accounts.discover() ? discovery(result, listing, request) : null;
    switch (request.kind()) {
      case EVENT:
        route(request.records(), known, work, skipped);
        unreadable(request, skipped);
        break;
      case TIMER: // a shard of a fanned-out scan (FanOut) scans its accounts only
        known.stream().filter(a -> !request.isShard() || request.shardAccounts().contains(a.id()))
            .forEach(a -> work.put(a, request));
        break;
      case MANUAL:
        String error = command(request, known, work);
        if (error != null) {
          return fail(result, "BadInput", error);
        }
        break;
      default:
        throw new IllegalStateException(request.kind().name());
    }
    ArrayNode out = result.putArray("accounts");
    List<String> failures = new ArrayList<>();
    for (Map.Entry<MemberAccount, InvocationResult> done : runAll(work).entrySet()) {
      MemberAccount a = done.getKey();
      ObjectNode n = out.addObject().put("accountId", a.id()).put("accountName", a.name());
      n.setAll(done.getValue().json());
      if (!done.getValue().ok()) {
        failures.add("account " + a.label() + ": " + done.getValue().failure());
      }
    }
    if (!failures.isEmpty()) {
      return fail(result, "GuardFailed", String.join("; ", failures)
          + (discoveryFailure == null ? "" : "; DiscoveryFailed: " + discoveryFailure));
    }
    if (discoveryFailure != null) {
      return fail(result, "DiscoveryFailed", discoveryFailure);
    }
    result.put("ok", true);
    return InvocationResult.of(result, null);
  }

  private void route(List<TrailRecord> records, List<MemberAccount> known, Map<MemberAccount, GuardRequest> work,
      ArrayNode skipped) {
    Map<MemberAccount, List<TrailRecord>> byAccount = new LinkedHashMap<>();
    for (TrailRecord r : records) {
      Optional<MemberAccount> a = known.stream().filter(k -> k.id().equals(r.accountId())).findFirst();
      if (a.isEmpty()) {
        String reason = r.accountId().isEmpty()
            ? "no account in the event (aliyunoriginalaccountid, data.recipientAccountId): a central guard cannot tell whose RAM changed"
            : "account " + r.accountId() + " is not protected by this guard";
        log.line("skip").put("eventId", r.eventId()).put("eventName", r.eventName()).put("account", r.accountId())
            .put("reason", reason).write();
        skipped.addObject().put("eventId", r.eventId()).put("eventName", r.eventName()).put("accountId", r.accountId())
            .put("reason", reason);
        continue;
      }
      byAccount.computeIfAbsent(a.get(), k -> new ArrayList<>()).add(r);
    }
    byAccount.forEach((a, recs) -> work.put(a, GuardRequest.events(recs)));
  }

  /** Records of the batch that could not be read: skips with their reason, as a single-account guard lists them. */
  private void unreadable(GuardRequest request, ArrayNode skipped) {
    for (RejectedRecord x : request.rejected()) {
      String reason = "record cannot be read: " + x.reason();
      log.line("skip").put("eventId", x.eventId()).put("eventName", x.eventName()).put("reason", reason).write();
      skipped.addObject().put("eventId", x.eventId()).put("eventName", x.eventName()).put("reason", reason);
    }
  }

  /**
   * The result's {@code discovery}; when ListAccounts failed, one alert per re-alert window and
   * the failure's text (the invocation fails after every known account was handled).
   */
  private String discovery(ObjectNode result, AccountDirectory.Listing listing, GuardRequest request) {
    ObjectNode d = result.putObject("discovery").put("ok", !listing.failed()).put("accounts", listing.accounts().size());
    if (!listing.failed()) {
      return null;
    }
    d.put("fallback", listing.fallback()).put("error", listing.error());
    String used = "the listed accounts" + ("listed".equals(listing.fallback()) ? ""
        : " and the last discovery" + ("stored".equals(listing.fallback()) ? " kept in the shared state" : ""));
    String message = listing.error() + "; guarding " + used + " (" + listing.accounts().size() + " accounts)";
    alertOnce("fleet discovery", "", "", RoleReport.builder("(Resource Directory discovery)", Mode.ALERT, request.kind(),
        List.of()).failed(RoleReport.Status.ERROR, message).build(),
        "Check that the guard's role may call resourcemanager:ListAccounts (it must be the management account or a "
        + "delegated administrator) and that Resource Management answers; accounts that joined since the last "
        + "discovery are not guarded until it does.");
    log.line("discovery").put("status", "failed").put("fallback", listing.fallback()).put("error", listing.error()).write();
    return message;
  }

  /** The accounts a manual command is for; an error text when it names none it can run on. */
  private String command(GuardRequest request, List<MemberAccount> known, Map<MemberAccount, GuardRequest> work) {
    Command c = request.command();
    if (!c.accountId().isEmpty()) {
      Optional<MemberAccount> a = known.stream().filter(k -> k.id().equals(c.accountId())).findFirst();
      if (a.isEmpty()) {
        return "accountId: account " + c.accountId() + " is not protected by this guard";
      }
      work.put(a.get(), request);
      return null;
    }
    if (c.action() == Command.Action.SCAN || c.action() == Command.Action.DOCTOR || known.size() == 1) {
      known.forEach(a -> work.put(a, request));
      return null;
    }
    return "accountId: required for " + c.action().wireName() + " (this guard protects " + known.size() + " accounts)";
  }

  /** Each account's work, up to the configured number of accounts at once; results in order. */
  private Map<MemberAccount, InvocationResult> runAll(Map<MemberAccount, GuardRequest> work) {
    Map<MemberAccount, Future<InvocationResult>> futures = new LinkedHashMap<>();
    work.forEach((a, r) -> futures.put(a, pool.submit(() -> runOne(a, r))));
    Map<MemberAccount, InvocationResult> out = new LinkedHashMap<>();
    futures.forEach((a, f) -> {
      try {
        out.put(a, f.get());
      } catch (ExecutionException e) {
        out.put(a, unreachable(a, work.get(a), "the guard failed: " + e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.put(a, unreachable(a, work.get(a), "interrupted"));
      }
    });
    return out;
  }

  private InvocationResult runOne(MemberAccount account, GuardRequest request) {
    MemberGuard guard;
    try {
      guard = members.guard(account);
    } catch (RuntimeException e) {
      return unreachable(account, request, "the account's guard could not be built: " + e.getMessage());
    }
    try {
      guard.connect();
      return guard.handle(request);
    } catch (ClientException e) {
      return unreachable(account, request, "AssumeRole into " + account.roleArn() + " failed: " + e.getErrCode()
          + " (check the member role exists and trusts the guard's role" + (account.externalId().isEmpty() ? "" : " with the ExternalId")
          + ")");
    } catch (RuntimeException e) {
      return unreachable(account, request, "the account's guard failed: " + e.getMessage());
    } finally {
      guard.release();
    }
  }

  /**
   * An account the guard cannot reach: a failed result, and one alert about the member role per
   * re-alert window, across instances when the state is shared (a broken member role would
   * otherwise alert at every scan, from every instance). The alert's next step is what the
   * operator can do for that account: check its member role, never "restore" it.
   */
  private InvocationResult unreachable(MemberAccount account, GuardRequest request, String message) {
    RoleReport report = RoleReport.builder(account.roleName(), Mode.ALERT, request.kind(), request.records())
        .failed(RoleReport.Status.ERROR, "account " + account.label() + " unreachable: " + message).build();
    report = alertOnce("fleet account unreachable " + account.id(), account.id(), account.name(), report,
        "In account " + account.label() + ", check that role " + account.roleName() + " exists, that its trust policy "
        + "names the guard's role" + (account.externalId().isEmpty() ? "" : " with the ExternalId this account is configured with")
        + ", and that it holds what function-policy prints; then s invoke -e '{\"action\":\"doctor\",\"accountId\":\""
        + account.id() + "\"}'");
    log.line("account").put("account", account.id()).put("status", "unreachable").put("error", message).write();
    ObjectNode json = Json.object().put("ok", false);
    json.putArray("roles").add(ResultJson.role(report));
    json.putObject("error").put("code", "AccountUnreachable").put("message", message);
    return InvocationResult.of(json, "AccountUnreachable: " + message);
  }

  /** Sends the alert if this is the first in the re-alert window (the state's alert turn); a reminder note if not. */
  private RoleReport alertOnce(String fingerprint, String accountId, String accountName, RoleReport report, String nextStep) {
    Instant now = clock.instant();
    AlertTurn turn;
    try {
      turn = state.alertTurn(fingerprint, now, realert);
    } catch (RuntimeException e) {
      turn = null; // the store cannot say: alert rather than stay silent
    }
    if (turn != null && !turn.mine() && turn.alertedAt().isPresent()) {
      Instant last = turn.alertedAt().get();
      return report.withDeliveries(List.of(new Delivery("reminder", false, true,
          "already alerted at " + last + "; reminded again after " + last.plus(realert))));
    }
    RoleReport sent = report.withDeliveries(alerts.send(new AlertMessage(report, accountId, accountName,
        now.truncatedTo(ChronoUnit.SECONDS).toString()).withNextStep(nextStep)));
    try {
      if (turn != null) {
        state.alertDone(turn, sent.alertReachedSomeone(), now);
      } else if (sent.alertReachedSomeone()) {
        state.alerted(fingerprint, now);
      }
    } catch (RuntimeException e) {
      log.line("state").put("error", "the alert window could not be recorded: " + e.getMessage()).write();
    }
    return sent;
  }

  private static InvocationResult fail(ObjectNode result, String code, String message) {
    result.put("ok", false);
    result.putObject("error").put("code", code).put("message", message);
    return InvocationResult.of(result, code + ": " + message);
  }

  private static ExecutorService pool(int threads) {
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "guard-account");
      t.setDaemon(true);
      return t;
    });
    p.allowCoreThreadTimeOut(true);
    return p;
  }
}
