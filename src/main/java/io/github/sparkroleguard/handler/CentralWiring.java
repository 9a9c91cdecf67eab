package io.github.sparkroleguard.handler;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.FanOutSettings;
import io.github.sparkroleguard.fleet.AccountDirectory;
import io.github.sparkroleguard.fleet.FanOut;
import io.github.sparkroleguard.fleet.FanOutFacts;
import io.github.sparkroleguard.fleet.FleetRuntime;
import io.github.sparkroleguard.fleet.MemberSessions;
import io.github.sparkroleguard.fleet.ResourceDirectoryMembers;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.ram.SdkCaller;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.StoreKeys;
import io.github.sparkroleguard.state.Stores;
import io.github.sparkroleguard.transport.FcInvokeClient;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.RateGate;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wires a central guard (configuration with {@code accounts:}): one STS session and one account
 * guard per member, built on first use and kept for the instance's life, alerts shared.
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
    AccountDirectory directory = directory(config, client, credentials, timing);
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

  private static AccountDirectory directory(GuardConfig config, IAcsClient client, CredentialsHolder credentials,
      Timing timing) {
    AccountDirectory.Members members = config.accounts().discover()
        ? new ResourceDirectoryMembers(new SdkCaller(client, config.resourceManagerEndpoint(), credentials,
            Retrier.standard(timing)))
        : null;
    return new AccountDirectory(config.accounts(), config.roles(), members, timing.clock());
  }

  static FleetRuntime fleet(GuardConfig config, IAcsClient client, CredentialsHolder credentials, AlertDispatcher alerts,
      Consumer<String> logSink, Timing timing, AccountDirectory directory) {
    Clock clock = timing.clock();
    RateGate stsGate = new RateGate(config.accounts().stsQps(), clock, timing.sleeper());
    MemberSessions sessions = new MemberSessions(client, credentials, config.accounts(),
        c -> SdkCaller.profile(config.region()), stsGate);
    Map<String, FleetRuntime.MemberGuard> built = new ConcurrentHashMap<>();
    FleetRuntime.MemberFactory factory = account -> built.computeIfAbsent(account.id(), id -> member(config, account,
        sessions.credentials(account), credentials, alerts, logSink, timing));
    return new FleetRuntime(config.accounts(), directory, factory, alerts, new DecisionLog(logSink, clock), clock,
        Duration.ofMinutes(config.realertMinutes()));
  }

  private static FleetRuntime.MemberGuard member(GuardConfig config, MemberAccount account, CredentialsHolder session,
      CredentialsHolder central, AlertDispatcher alerts, Consumer<String> logSink, Timing timing) {
    GuardRuntime rt = GuardRuntime.account(config.forMember(account), SdkCaller.newClient(config.region(), session), session,
        central, alerts, logSink, timing, account.id());
    return new FleetRuntime.MemberGuard() {
      @Override
      public void connect() throws ClientException {
        session.getCredentials();
      }

      @Override
      public InvocationResult handle(GuardRequest request) {
        return rt.handle(request);
      }
    };
  }
}
