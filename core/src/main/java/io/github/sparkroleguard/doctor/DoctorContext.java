package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.alert.Alerts;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.eventbridge.EventBridgePort;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.AttachedControlPolicy;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.trail.TrailPort;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import io.github.sparkroleguard.state.GuardState;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the doctor's checks may use: the configuration, the ports to the account (the same
 * adapters the guard uses), the clock and who the guard is. One instance per doctor run. A new
 * check that needs another port adds a field here and one line in {@link DoctorChecks}.
 */
public final class DoctorContext {
  private final GuardConfig config;
  private final RamPort ram;
  private final TrailPort trail;
  private final EventBridgePort eventBridge;
  private final Alerts alerts;
  private final Clock clock;
  private final String accountId;
  private final boolean sendTest;
  private final Function<String, List<AttachedControlPolicy>> controlPolicies;
  private final ResourceManagerPort resourceManager;
  private final GuardState state;

  /**
   * @param accountId the account (FC_ACCOUNT_ID), to build live ARNs; empty when unknown
   * @param sendTest send a test message to every alert channel (only when the operator asks)
   */
  public DoctorContext(GuardConfig config, RamPort ram, TrailPort trail, EventBridgePort eventBridge,
      Alerts alerts, Clock clock, String accountId, boolean sendTest) {
    this.config = Objects.requireNonNull(config, "config");
    this.ram = Objects.requireNonNull(ram, "ram");
    this.trail = Objects.requireNonNull(trail, "trail");
    this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accountId = accountId == null ? "" : accountId;
    this.sendTest = sendTest;
    this.controlPolicies = id -> {
      throw new CloudCallException("NotConfigured", "no Resource Directory reader in this doctor", false);
    };
    this.resourceManager = null;
    this.state = null;
  }

  private DoctorContext(DoctorContext c, Function<String, List<AttachedControlPolicy>> controlPolicies) {
    this(c, controlPolicies, c.resourceManager, c.state);
  }

  private DoctorContext(DoctorContext c, Function<String, List<AttachedControlPolicy>> controlPolicies,
      ResourceManagerPort resourceManager, GuardState state) {
    this.config = c.config;
    this.ram = c.ram;
    this.trail = c.trail;
    this.eventBridge = c.eventBridge;
    this.alerts = c.alerts;
    this.clock = c.clock;
    this.accountId = c.accountId;
    this.sendTest = c.sendTest;
    this.controlPolicies = Objects.requireNonNull(controlPolicies, "controlPolicies");
    this.resourceManager = resourceManager;
    this.state = state;
  }

  /** A copy that reads the guard's memory: whether the shared store answers, and the last delivery. */
  public DoctorContext withState(GuardState value) {
    return new DoctorContext(this, controlPolicies, resourceManager, Objects.requireNonNull(value, "state"));
  }

  public Optional<GuardState> state() {
    return Optional.ofNullable(state);
  }

  /** A copy whose checks also read through Resource Management (scoped attachments, service-linked roles). */
  public DoctorContext withResourceManager(ResourceManagerPort value) {
    return new DoctorContext(this, controlPolicies, Objects.requireNonNull(value, "resourceManager"), state);
  }

  /** Resource Management, when the doctor was given it. */
  public Optional<ResourceManagerPort> resourceManager() {
    return Optional.ofNullable(resourceManager);
  }

  /** A copy that reads the Resource Directory control policies applying to an account with this. */
  public DoctorContext withControlPolicies(Function<String, List<AttachedControlPolicy>> reader) {
    return new DoctorContext(this, reader);
  }

  /** The control policies applying to an account (Resource Directory; management account only). */
  public Function<String, List<AttachedControlPolicy>> controlPolicies() {
    return controlPolicies;
  }


  public GuardConfig config() {
    return config;
  }

  public RamPort ram() {
    return ram;
  }

  public TrailPort trail() {
    return trail;
  }

  public EventBridgePort eventBridge() {
    return eventBridge;
  }

  public Alerts alerts() {
    return alerts;
  }

  public Clock clock() {
    return clock;
  }

  public String accountId() {
    return accountId;
  }

  public boolean sendTest() {
    return sendTest;
  }
}
