package io.github.sparkroleguard.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole, validated configuration of one guard deployment. Immutable; built by {@link ConfigLoader}. */
public final class GuardConfig {
  private final boolean dryRun;
  private final int maxWritesPerInvocation;
  private final Endpoint ramEndpoint;
  private final String region;
  private final Endpoint actionTrailEndpoint;
  private final Endpoint resourceManagerEndpoint;
  private final String selfRoleName;
  private final List<RoleBaseline> roles;
  private final List<ChannelConfig> alerts;
  private final int attributionHours;
  private final int retryBudgetSeconds;
  private final int realertMinutes;
  private final Hardening hardening;
  private final Prevention prevention;
  private final int ramConcurrency;
  private final int ramQps;
  private final EventBridgeConfig eventBridge;
  private final StateSettings state;
  private final Accounts accounts;
  private final FanOutSettings fanOut;
  private final String accountName;
  private final boolean member;

  private GuardConfig(Builder b) {
    this.dryRun = b.dryRun;
    this.maxWritesPerInvocation = b.maxWritesPerInvocation;
    this.ramEndpoint = Objects.requireNonNull(b.ramEndpoint, "ramEndpoint");
    this.region = Objects.requireNonNull(b.region, "region");
    this.actionTrailEndpoint = Objects.requireNonNull(b.actionTrailEndpoint, "actionTrailEndpoint");
    this.resourceManagerEndpoint = Objects.requireNonNull(b.resourceManagerEndpoint, "resourceManagerEndpoint");
    this.selfRoleName = Objects.requireNonNull(b.selfRoleName, "selfRoleName");
    this.roles = List.copyOf(b.roles);
    this.alerts = List.copyOf(b.alerts);
    this.attributionHours = b.attributionHours;
    this.retryBudgetSeconds = b.retryBudgetSeconds;
    this.realertMinutes = b.realertMinutes;
    this.hardening = Objects.requireNonNull(b.hardening, "hardening");
    this.prevention = Objects.requireNonNull(b.prevention, "prevention");
    this.ramConcurrency = b.ramConcurrency;
    this.ramQps = b.ramQps;
    this.eventBridge = Objects.requireNonNull(b.eventBridge, "eventBridge");
    this.state = Objects.requireNonNull(b.state, "state");
    this.accounts = Objects.requireNonNull(b.accounts, "accounts");
    this.fanOut = Objects.requireNonNull(b.fanOut, "fanOut");
    this.accountName = b.accountName;
    this.member = b.member;
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * True in a member account's view of a central configuration ({@link #forMember},
   * {@link #asMemberRole}): the guard acts there as the member role, which needs what the guard
   * does in that account and nothing of the central function's own (its failure queue, its state
   * store), which the central function's role holds.
   */
  public boolean isMember() {
    return member;
  }

  /** True: never write to RAM, only report the writes a restore would make. */
  public boolean dryRun() {
    return dryRun;
  }

  /** The most RAM writes one invocation may make; a plan beyond it stops and alerts. */
  public int maxWritesPerInvocation() {
    return maxWritesPerInvocation;
  }

  public Endpoint ramEndpoint() {
    return ramEndpoint;
  }

  public String region() {
    return region;
  }

  public Endpoint actionTrailEndpoint() {
    return actionTrailEndpoint;
  }

  /**
   * Resource Management (2020-03-31): service-linked roles, resource-group grants. Global
   * endpoint {@code resourcemanager.aliyuncs.com} by default (PLATFORM.md section 2).
   */
  public Endpoint resourceManagerEndpoint() {
    return resourceManagerEndpoint;
  }

  /** The guard's own RAM role: events it made are not acted on (loop guard). */
  public String selfRoleName() {
    return selfRoleName;
  }

  /** Protected roles; always includes the default execution role. */
  public List<RoleBaseline> roles() {
    return roles;
  }

  public List<ChannelConfig> alerts() {
    return alerts;
  }

  /** How far back ActionTrail is searched for who caused drift a timer scan finds; 0: never. */
  public int attributionHours() {
    return attributionHours;
  }

  /** How long transient RAM/ActionTrail failures are retried in one invocation (keep below FC's timeout). */
  public int retryBudgetSeconds() {
    return retryBudgetSeconds;
  }

  /**
   * A drift that persists unrepaired (alert mode, dry run) is alerted again by timer scans at
   * most once per this many minutes, per instance; 0: at every scan. Events always alert.
   */
  public int realertMinutes() {
    return realertMinutes;
  }

  /** Flapping limits, settle delay and approved actors. */
  public Hardening hardening() {
    return hardening;
  }

  /** Who may write the guard's own role and policies under the control policy. */
  public Prevention prevention() {
    return prevention;
  }

  /** How many RAM calls (and roles of a scan) run at once. */
  public int ramConcurrency() {
    return ramConcurrency;
  }

  /** RAM calls per second at most, per instance (RAM's API quota is per account [inferred default]). */
  /** The EventBridge rules {@code doctor} checks: regions, target function, endpoints. */
  public EventBridgeConfig eventBridge() {
    return eventBridge;
  }

  public int ramQps() {
    return ramQps;
  }

  /** Where the guard's memory lives (per instance unless an OSS store is configured). */
  public StateSettings state() {
    return state;
  }

  /** The member accounts a central guard protects; {@link Accounts#NONE}: this account only. */
  public Accounts accounts() {
    return accounts;
  }

  /** How a central guard's timer fans a large fleet out into asynchronous shard invocations. */
  public FanOutSettings fanOut() {
    return fanOut;
  }

  /**
   * The configuration one member account is guarded with: its roles, every other setting shared,
   * and no accounts of its own.
   */
  public GuardConfig forMember(MemberAccount account) {
    Builder b = toBuilder();
    b.roles = account.roles();
    b.accounts = Accounts.NONE;
    b.accountName = account.name();
    b.state = state.forAccount(account.id());
    b.selfRoleName = account.roleName(); // in a member, the guard acts as the member role
    b.member = true;
    return b.build();
  }

  /**
   * What a member account of this central configuration sees of the guard: the top-level roles,
   * and the member role as the guard's own (for the member template and the control policy).
   */
  public GuardConfig asMemberRole() {
    Builder b = toBuilder();
    b.accounts = Accounts.NONE;
    b.selfRoleName = accounts.memberRole();
    b.member = true;
    return b.build();
  }

  /** The name of the member account this configuration guards (see {@link #forMember}); empty otherwise. */
  public String accountName() {
    return accountName;
  }

  /** The protected role with this name; RAM role names are case-insensitive. */
  public Optional<RoleBaseline> role(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return roles.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }

  /** A copy with another dry-run setting (the CLI's --dry-run). */
  public GuardConfig withDryRun(boolean value) {
    Builder b = toBuilder();
    b.dryRun = value;
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.dryRun = dryRun;
    b.maxWritesPerInvocation = maxWritesPerInvocation;
    b.ramEndpoint = ramEndpoint;
    b.region = region;
    b.actionTrailEndpoint = actionTrailEndpoint;
    b.resourceManagerEndpoint = resourceManagerEndpoint;
    b.selfRoleName = selfRoleName;
    b.roles = roles;
    b.alerts = alerts;
    b.attributionHours = attributionHours;
    b.retryBudgetSeconds = retryBudgetSeconds;
    b.realertMinutes = realertMinutes;
    b.hardening = hardening;
    b.prevention = prevention;
    b.ramConcurrency = ramConcurrency;
    b.ramQps = ramQps;
    b.eventBridge = eventBridge;
    b.state = state;
    b.accounts = accounts;
    b.fanOut = fanOut;
    b.accountName = accountName;
    b.member = member;
    return b;
  }

  /** Filled in by {@link ConfigLoader}, which has validated every value. */
  static final class Builder {
    boolean dryRun;
    int maxWritesPerInvocation = Defaults.DEFAULT_MAX_WRITES;
    Endpoint ramEndpoint;
    String region;
    Endpoint actionTrailEndpoint;
    Endpoint resourceManagerEndpoint = Endpoint.parse(Defaults.RESOURCE_MANAGER_ENDPOINT, "resourcemanager.endpoint");
    String selfRoleName = Defaults.DEFAULT_SELF_ROLE;
    List<RoleBaseline> roles = List.of();
    List<ChannelConfig> alerts = List.of();
    int attributionHours = Defaults.ATTRIBUTION_HOURS;
    int retryBudgetSeconds = Defaults.RETRY_BUDGET_SECONDS;
    int realertMinutes = Defaults.REALERT_MINUTES;
    Hardening hardening = Hardening.DEFAULTS;
    Prevention prevention = Prevention.NONE;
    int ramConcurrency = Defaults.RAM_CONCURRENCY;
    EventBridgeConfig eventBridge = EventBridgeConfig.defaults(k -> null);
    int ramQps = Defaults.RAM_QPS;
    StateSettings state = StateSettings.MEMORY;
    Accounts accounts = Accounts.NONE;
    FanOutSettings fanOut = FanOutSettings.DEFAULTS;
    String accountName = "";
    boolean member;

    GuardConfig build() {
      return new GuardConfig(this);
    }
  }
}
