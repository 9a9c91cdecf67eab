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
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.eventbridge.CommonRequestEventBridge;
import io.github.sparkroleguard.fleet.FanOut;
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
 */
public final class GuardRuntime {
  /** The most time one invocation spends retrying ActionTrail. */
  static final Duration TRAIL_RETRY_CAP = Duration.ofSeconds(10);

  private final Guard guard;
  private final CredentialsHolder credentials;
  private final Retrier retrier;
  private final Retrier trailRetrier;
  private final Clock clock;
  private final String accountId;
  private final Duration retryBudget;
  private final Function<Boolean, Doctor> doctor;
  private final GuardConfig config;
  private final FanOut fleet;

  /**
   * @param trailRetrier retries of ActionTrail calls: attribution is best effort, so its budget
   *     is capped at {@link #TRAIL_RETRY_CAP} whatever the RAM budget
   */
  public GuardRuntime(Guard guard, CredentialsHolder credentials, Retrier retrier, Retrier trailRetrier, Clock clock,
      String accountId) {
    this(guard, credentials, retrier, trailRetrier, clock, accountId, null);
  }

  /** @param doctor builds the doctor for one run, given whether to send test alerts; null: no doctor */
  public GuardRuntime(Guard guard, CredentialsHolder credentials, Retrier retrier, Retrier trailRetrier, Clock clock,
      String accountId, Function<Boolean, Doctor> doctor) {
    this.doctor = doctor;
    this.guard = guard;
    this.credentials = credentials;
    this.retrier = retrier;
    this.trailRetrier = trailRetrier;
    this.clock = clock;
    this.accountId = accountId == null ? "" : accountId;
    this.retryBudget = Duration.ofSeconds(guard.config().retryBudgetSeconds());
    this.config = guard.config();
    this.fleet = null;
  }

  /** A central guard: every invocation goes to the fleet of member-account guards. */
  private GuardRuntime(FanOut fleet, GuardConfig config, CredentialsHolder credentials, Clock clock) {
    this.doctor = null;
    this.guard = null;
    this.credentials = credentials;
    this.retrier = null;
    this.trailRetrier = null;
    this.clock = clock;
    this.accountId = "";
    this.retryBudget = Duration.ofSeconds(config.retryBudgetSeconds());
    this.config = config;
    this.fleet = fleet;
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
      return new GuardRuntime(CentralWiring.central(config, client, credentials, alerts, logSink, timing, env), config,
          credentials, clock);
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
  static GuardRuntime account(GuardConfig config, IAcsClient client, CredentialsHolder credentials,
      CredentialsHolder storeCredentials, AlertDispatcher alerts, Consumer<String> logSink, Timing timing, String accountId) {
    return account(config, client, credentials, storeCredentials, alerts, logSink, timing, accountId, null, null);
  }

  /**
   * @param kept the account's memory when the caller keeps it between builds (a central guard
   *     builds a member's guard for each piece of work); null: built here from the configuration
   * @param pools the threads to inspect roles with; null: the guard's own
   */
  static GuardRuntime account(GuardConfig config, IAcsClient client, CredentialsHolder credentials,
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
    return new GuardRuntime(guard, credentials, retrier, trailRetrier, clock, accountId, sendTest -> {
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
    return config.ramEndpoint().https() || config.actionTrailEndpoint().https()
        || (fleet != null && config.accounts().stsEndpoint().https());
  }

  public GuardConfig config() {
    return config;
  }

  public CredentialsHolder credentials() {
    return credentials;
  }

  /** The guard of this account; null for a central guard of many accounts (see {@link #fleet()}). */
  public Guard guard() {
    return guard;
  }

  /** The central guard of many accounts (with its fan-out); null for a guard of its own account. */
  public FanOut fleet() {
    return fleet;
  }

  /** Parses and handles one payload; bad input becomes an error result with no RAM call. */
  public InvocationResult invoke(byte[] payload) {
    GuardRequest request;
    try {
      request = InputParser.parse(payload);
    } catch (BadInputException e) {
      return Guard.badInput(e.getMessage());
    }
    if (fleet == null && request.isShard()) {
      return Guard.badInput("shard: only a central guard of many accounts takes shard payloads");
    }
    return fleet != null ? fleet.handle(request) : handle(request);
  }

  /** Handles one request in this account, within the invocation's retry budget. */
  public InvocationResult handle(GuardRequest request) {
    retrier.withDeadline(clock.instant().plus(retryBudget));
    guard.alerts().deadline(clock.instant().plus(retryBudget));
    trailRetrier.withDeadline(clock.instant().plus(retryBudget.compareTo(TRAIL_RETRY_CAP) < 0 ? retryBudget : TRAIL_RETRY_CAP));
    if (request.kind() == GuardRequest.Kind.MANUAL && request.command().action() == Command.Action.DOCTOR) {
      return doctor == null ? Guard.badInput("doctor: not available in this runtime")
          : doctor.apply(request.command().sendTest()).run();
    }
    return guard.handle(request, credentials.accessKeyId(), accountId);
  }
}
