package io.github.sparkroleguard.handler;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.FanOutSettings;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.config.StateSettings;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.fleet.AccountDirectory;
import io.github.sparkroleguard.fleet.DiscoveryMemory;
import io.github.sparkroleguard.fleet.FanOut;
import io.github.sparkroleguard.fleet.FanOutFacts;
import io.github.sparkroleguard.fleet.FleetRuntime;
import io.github.sparkroleguard.fleet.MemberSessions;
import io.github.sparkroleguard.fleet.ResourceDirectoryMembers;
import io.github.sparkroleguard.fleet.StoredDiscovery;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.GuardPools;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.OssClient;
import io.github.sparkroleguard.state.Seal;
import io.github.sparkroleguard.state.StoreFacts;
import io.github.sparkroleguard.state.StoreKeys;
import io.github.sparkroleguard.state.Stores;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.FcInvokeClient;
import io.github.sparkroleguard.transport.RateGate;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wires a central guard (configuration with {@code accounts:}). What lives as long as the instance
 * is small and bounded: the STS sessions (MemberSessions, at most a few thousand), each account's
 * memory (empty objects until something is remembered), two thread pools sized by
 * {@code fleet.concurrency} that every account's guard shares. An account's guard itself (SDK
 * client, RAM and trail clients, the guard) is built when the account has work and released after
 * it, so a directory of a thousand accounts holds a few at a time (issue 22).
 */
final class CentralWiring {
  private CentralWiring() {}

  /**
   * The central guard with its fan-out (issue 25): the timer of a fleet at or above
   * {@code fanOut.threshold} queues asynchronous shard invocations of this function; everything
   * else goes to the fleet as before.
   */
  static FanOut central(GuardConfig config, IAcsClient client, CredentialsHolder credentials, AlertDispatcher alerts,
      Consumer<String> logSink, Timing timing, Function<String, String> env) {
    Clock clock = timing.clock();
    AccountDirectory directory = directory(config, client, credentials, timing, logSink);
    FleetRuntime fleet = fleet(config, client, credentials, alerts, logSink, timing, directory);
    DecisionLog log = new DecisionLog(logSink, clock);
    GuardState state = Stores.build(config.state(), () -> GuardRuntime.storeKeys(credentials), clock,
        reason -> log.line("state").put("fallback", reason).write());
    FanOutSettings f = config.fanOut();
    Endpoint endpoint = Endpoint.parse(f.endpoint().isEmpty() ? FanOutFacts.internalEndpoint(env.apply("FC_ACCOUNT_ID"),
        env.apply("FC_REGION") == null ? config.region() : env.apply("FC_REGION")) : f.endpoint(), "fanOut.endpoint");
    FcInvokeClient fc = new FcInvokeClient(endpoint.host(), endpoint.https(), f.functionName(), f.qualifier(),
        () -> keys(credentials), clock, () -> UUID.randomUUID().toString(), FanOutFacts.TIMEOUT_MILLIS);
    return new FanOut(fleet, directory, f, config.accounts().concurrency(), fc::invokeAsync, state, alerts, log, clock)
        .describedAs(env.apply("FC_FUNCTION_NAME"), endpoint.toString());
  }

  /** The function's current STS keys, for signing InvokeFunction. */
  private static String[] keys(CredentialsHolder credentials) {
    StoreKeys k = GuardRuntime.storeKeys(credentials);
    if (k == null || k.accessKeyId().isEmpty()) {
      throw new FcInvokeClient.InvokeFailed("no credentials to sign InvokeFunction with", null);
    }
    String[] out = {k.accessKeyId(), "", ""};
    try {
      com.aliyuncs.auth.AlibabaCloudCredentials c = credentials.getCredentials();
      out[1] = c.getAccessKeySecret();
      out[2] = c instanceof com.aliyuncs.auth.BasicSessionCredentials
          ? ((com.aliyuncs.auth.BasicSessionCredentials) c).getSessionToken() : "";
    } catch (ClientException e) {
      throw new FcInvokeClient.InvokeFailed("no credentials to sign InvokeFunction with", null);
    }
    return out;
  }

  /**
   * The accounts to protect: the listed ones, and with discovery Resource Directory's members
   * (ListAccounts within its deadline, the last discovery kept in the shared store when there is one).
   */
  static AccountDirectory directory(GuardConfig config, IAcsClient client, CredentialsHolder credentials, Timing timing,
      Consumer<String> logSink) {
    Clock clock = timing.clock();
    if (!config.accounts().discover()) {
      return new AccountDirectory(config.accounts(), config.roles(), null, clock);
    }
    Retrier retrier = Retrier.standard(timing);
    AccountDirectory.Members members = new ResourceDirectoryMembers(new SdkCaller(client, config.resourceManagerEndpoint(),
        credentials, retrier), retrier, clock, Duration.ofSeconds(config.retryBudgetSeconds()));
    DiscoveryMemory kept = stored(config.state(), credentials, clock, new DecisionLog(logSink, clock));
    return new AccountDirectory(config.accounts(), config.roles(), members, kept, clock);
  }

  static FleetRuntime fleet(GuardConfig config, IAcsClient client, CredentialsHolder credentials, AlertDispatcher alerts,
      Consumer<String> logSink, Timing timing, AccountDirectory directory) {
    Clock clock = timing.clock();
    DecisionLog log = new DecisionLog(logSink, clock);
    RateGate stsGate = new RateGate(config.accounts().stsQps(), clock, timing.sleeper());
    MemberSessions sessions = new MemberSessions(client, credentials, config.accounts(),
        c -> SdkCaller.profile(config.region()), stsGate);
    GuardPools pools = GuardPools.of(config.accounts().concurrency(), config.ramConcurrency());
    Map<String, GuardState> memories = new ConcurrentHashMap<>();
    FleetRuntime.MemberFactory factory = account -> {
      GuardConfig member = config.forMember(account);
      GuardState memory = memories.computeIfAbsent(account.id(), id -> Stores.build(member.state(),
          () -> GuardRuntime.storeKeys(credentials), clock, reason -> log.line("state").put("account", id)
              .put("fallback", reason).write()));
      return member(member, account, sessions.credentials(account), credentials, alerts, logSink, timing, memory, pools);
    };
    GuardState own = Stores.build(config.state().forAccount("fleet"), () -> GuardRuntime.storeKeys(credentials), clock,
        reason -> log.line("state").put("fallback", reason).write());
    return new FleetRuntime(config.accounts(), directory, factory, alerts, log, clock,
        Duration.ofMinutes(config.realertMinutes()), own);
  }

  /** The last discovery kept in the shared state's bucket; nowhere beyond the instance without one. */
  private static DiscoveryMemory stored(StateSettings state, CredentialsHolder credentials, Clock clock, DecisionLog log) {
    if (!state.oss()) {
      return DiscoveryMemory.NONE;
    }
    OssClient oss = new OssClient(state.endpoint().host(), state.endpoint().https(), state.bucket(), state.region(),
        () -> GuardRuntime.storeKeys(credentials), clock, StoreFacts.TIMEOUT_MILLIS, StoreFacts.DEADLINE_MILLIS);
    return new StoredDiscovery(oss, state.prefix(), new Seal(state.secret()), clock, why -> log.line("discovery").put("store", why).write());
  }

  /** One account's guard for one piece of work: built now, with the shared pools and the account's kept memory. */
  private static FleetRuntime.MemberGuard member(GuardConfig config, MemberAccount account, CredentialsHolder session,
      CredentialsHolder central, AlertDispatcher alerts, Consumer<String> logSink, Timing timing, GuardState memory,
      GuardPools pools) {
    return new FleetRuntime.MemberGuard() {
      @Override
      public void connect() throws ClientException {
        session.getCredentials();
      }

      @Override
      public InvocationResult handle(GuardRequest request) {
        return GuardRuntime.account(config, SdkCaller.newClient(config.region(), session), session, central, alerts, logSink,
            timing, account.id(), memory, pools).handle(request);
      }
    };
  }
}
