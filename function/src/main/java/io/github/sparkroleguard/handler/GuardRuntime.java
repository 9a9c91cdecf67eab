package io.github.sparkroleguard.handler;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.exceptions.ClientException;
import io.github.sparkroleguard.alert.AlertDispatcher;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.doctor.Doctor;
import io.github.sparkroleguard.doctor.DoctorChecks;
import io.github.sparkroleguard.doctor.DoctorContext;
import io.github.sparkroleguard.event.BadInputException;
import io.github.sparkroleguard.eventbridge.CommonRequestEventBridge;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.guard.DecisionLog;
import io.github.sparkroleguard.guard.Guard;
import io.github.sparkroleguard.guard.GuardPools;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.rm.ControlPolicyReader;
import io.github.sparkroleguard.rm.SdkResourceManagerClient;
import io.github.sparkroleguard.ram.SdkRamClient;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.StoreKeys;
import io.github.sparkroleguard.state.Stores;
import io.github.sparkroleguard.trail.SdkTrailClient;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.RateGate;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.Sleeper;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One instance's wiring: configuration, credentials, the SDK client (built once), the guard.
 * FC's handler and the command line both invoke through {@link #invoke}, the same code path.
 * One root per shape: {@link AccountRuntime} for a guard of its own account, {@link CentralRuntime}
 * for a central guard of many accounts; no half is null in either.
 */
public abstract class GuardRuntime {
  /** The most time one invocation spends retrying ActionTrail. */
  static final Duration TRAIL_RETRY_CAP = Duration.ofSeconds(10);

  private final GuardConfig config;
  private final CredentialsHolder credentials;

  GuardRuntime(GuardConfig config, CredentialsHolder credentials) {
    this.config = config;
    this.credentials = credentials;
  }

  /** Builds everything from the environment: GUARD_CONFIG, ALIBABA_CLOUD_*, FC_ACCOUNT_ID. */
  public static GuardRuntime fromEnvironment(Function<String, String> env, Consumer<String> logSink) {
    return build(ConfigLoader.fromEnvironment(env), env, logSink);
  }

  /** Built on the system's time: its clock, real sleeps, random jitter. */
  public static GuardRuntime build(GuardConfig config, Function<String, String> env, Consumer<String> logSink) {
    return build(config, env, logSink, Timing.system());
  }

  /**
   * @param logSink receives decision-log lines and log-channel alerts; it must be thread-safe,
   *     because a scan inspects roles in parallel
   * @param timing the clock, sleeper and jitter every part of the instance uses (simulated in tests)
   */
  public static GuardRuntime build(GuardConfig config, Function<String, String> env, Consumer<String> logSink,
      Timing timing) {
    Clock clock = timing.clock();
    Sleeper sleeper = timing.sleeper();
    CredentialsHolder credentials = new CredentialsHolder();
    credentials.setFromEnvironment(env);
    IAcsClient client = SdkCaller.newClient(config.region(), credentials);
    AlertDispatcher alerts = AlertDispatcher.fromConfig(config.alerts(), logSink, clock, sleeper);
    if (config.accounts().enabled()) {
      return new CentralRuntime(CentralWiring.central(config, client, credentials, alerts, logSink, timing, env), config,
          credentials);
    }
    return account(config, client, credentials, credentials, alerts, logSink, timing, env.apply("FC_ACCOUNT_ID"));
  }

  /**
   * The guard of one account, signing with the given credentials: the function's own, or (for a
   * central guard) a session in a member account.
   *
   * @param storeCredentials what the state store is reached with: the function's own (a central
   *     guard keeps every member's memory in its own bucket, under the member's id)
   */
  static AccountRuntime account(GuardConfig config, IAcsClient client, CredentialsHolder credentials,
      CredentialsHolder storeCredentials, AlertDispatcher alerts, Consumer<String> logSink, Timing timing, String accountId) {
    return account(config, client, credentials, storeCredentials, alerts, logSink, timing, accountId, null, null);
  }

  /**
   * @param kept the account's memory when the caller keeps it between builds (a central guard
   *     builds a member's guard for each piece of work); null: built here from the configuration
   * @param pools the threads to inspect roles with; null: the guard's own
   */
  static AccountRuntime account(GuardConfig config, IAcsClient client, CredentialsHolder credentials,
      CredentialsHolder storeCredentials, AlertDispatcher alerts, Consumer<String> logSink, Timing timing, String accountId,
      GuardState kept, GuardPools pools) {
    Clock clock = timing.clock();
    Sleeper sleeper = timing.sleeper();
    Retrier retrier = Retrier.standard(timing);
    RateGate gate = new RateGate(config.ramQps(), clock, sleeper);
    SdkRamClient ram = new SdkRamClient(new SdkCaller(client, config.ramEndpoint(), credentials, retrier, gate));
    Retrier trailRetrier = Retrier.standard(timing);
    SdkTrailClient trail = new SdkTrailClient(new SdkCaller(client, config.actionTrailEndpoint(), credentials, trailRetrier),
        clock, sleeper);
    DecisionLog log = new DecisionLog(logSink, clock);
    GuardState state = kept != null ? kept : Stores.build(config.state(), () -> storeKeys(storeCredentials), clock,
        reason -> log.line("state").put("fallback", reason).write());
    // Resource Management shares RAM's retrier (same time budget) and pacing [inferred: a separate quota].
    SdkResourceManagerClient rm = new SdkResourceManagerClient(
        new SdkCaller(client, config.resourceManagerEndpoint(), credentials, retrier, gate));
    Guard guard = new Guard(config, ram, rm, trail, alerts, log, clock, sleeper, state,
        pools != null ? pools : GuardPools.forOneAccount(config.ramConcurrency()));
    Duration budget = Duration.ofSeconds(config.retryBudgetSeconds());
    return new AccountRuntime(guard, credentials, retrier, trailRetrier, clock, accountId, sendTest -> {
      // doctor's own clients, built per run with the run's deadline (RAM and ActionTrail's are set in handle).
      Instant deadline = clock.instant().plus(budget);
      CommonRequestEventBridge eventBridge = new CommonRequestEventBridge(client, config.eventBridge(), clock, deadline);
      // One caller for Resource Management's endpoint within the run's deadline, both readers on it.
      SdkCaller resourceManagerCaller = new SdkCaller(client, config.resourceManagerEndpoint(), credentials,
          Retrier.standard(timing).withDeadline(deadline));
      SdkResourceManagerClient resourceManager = new SdkResourceManagerClient(resourceManagerCaller);
      ControlPolicyReader controlPolicies = new ControlPolicyReader(resourceManagerCaller);
      return new Doctor(DoctorChecks.standard(new DoctorContext(config, ram, trail, eventBridge, alerts, clock, accountId,
          sendTest).withControlPolicies(controlPolicies::applyingTo).withResourceManager(resourceManager).withState(state)));
    });
  }

  /** The function role's current keys, for the shared state's OSS calls; null when there are none. */
  static StoreKeys storeKeys(CredentialsHolder credentials) {
    try {
      AlibabaCloudCredentials c = credentials.getCredentials();
      String token = c instanceof BasicSessionCredentials ? ((BasicSessionCredentials) c).getSessionToken() : "";
      return new StoreKeys(c.getAccessKeyId(), c.getAccessKeySecret(), token);
    } catch (ClientException e) {
      return null;
    }
  }

  /** True when RAM or ActionTrail is reached over HTTPS (always, in production). */
  public boolean usesHttps() {
    return config.ramEndpoint().https() || config.actionTrailEndpoint().https();
  }

  public GuardConfig config() {
    return config;
  }

  public CredentialsHolder credentials() {
    return credentials;
  }

  /** Parses and handles one payload; bad input becomes an error result with no RAM call. */
  public final InvocationResult invoke(byte[] payload) {
    GuardRequest request;
    try {
      request = InputParser.parse(payload);
    } catch (BadInputException e) {
      return Guard.badInput(e.getMessage());
    }
    return dispatch(request);
  }

  /** One parsed request, to this shape's guard. */
  abstract InvocationResult dispatch(GuardRequest request);
}
