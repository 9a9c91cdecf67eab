package io.github.sparkroleguard.drift;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A live snapshot of a protected role, read fresh from RAM for each decision. */
public final class RoleState {
  private final String roleName;
  private final boolean exists;
  private final String trustPolicy;
  private final List<AttachedPolicy> attached;
  private final Map<String, PolicyState> customPolicies;
  private final List<AttachedPolicy> scoped;
  private final String scopedReadError;
  private final boolean serviceLinked;
  private final String deletionTaskId;
  private final String principalName;

  private RoleState(String roleName, boolean exists, String trustPolicy, List<AttachedPolicy> attached,
      List<PolicyState> customPolicies) {
    this(roleName, exists, trustPolicy, attached, customPolicies, List.of(), "", false, "", "");
  }

  private RoleState(String roleName, boolean exists, String trustPolicy, List<AttachedPolicy> attached,
      List<PolicyState> customPolicies, List<AttachedPolicy> scoped, String scopedReadError, boolean serviceLinked,
      String deletionTaskId, String principalName) {
    this.principalName = principalName;
    this.scoped = List.copyOf(scoped);
    this.scopedReadError = scopedReadError;
    this.serviceLinked = serviceLinked;
    this.deletionTaskId = deletionTaskId;
    this.roleName = Objects.requireNonNull(roleName, "roleName");
    this.exists = exists;
    this.trustPolicy = trustPolicy;
    this.attached = List.copyOf(attached);
    Map<String, PolicyState> byName = new TreeMap<>();
    customPolicies.forEach(p -> byName.put(p.name().toLowerCase(Locale.ROOT), p));
    this.customPolicies = Map.copyOf(byName);
  }

  /** The role does not exist; the pinned custom policies may or may not. */
  public static RoleState missing(String roleName, List<PolicyState> customPolicies) {
    return new RoleState(roleName, false, null, List.of(), customPolicies);
  }

  public static RoleState present(String roleName, String trustPolicy, List<AttachedPolicy> attached,
      List<PolicyState> customPolicies) {
    return new RoleState(roleName, true, Objects.requireNonNull(trustPolicy, "trustPolicy"), attached,
        customPolicies);
  }

  /** A service-linked role as Resource Management reports it: present, service-linked or not, in deletion or not. */
  public static RoleState serviceLinked(String roleName, boolean serviceLinked, String pendingDeletionTaskId) {
    return new RoleState(roleName, true, "", List.of(), List.of(), List.of(), "", serviceLinked,
        pendingDeletionTaskId == null ? "" : pendingDeletionTaskId, "");
  }

  /**
   * This state with what Resource Management's ListPolicyAttachments adds: grants in resource
   * groups (RAM's list does not show them) and account-wide ones RAM's list missed (merged into
   * {@link #attached()}); or why they could not be read.
   */
  public RoleState withResourceManager(String principal, List<AttachedPolicy> accountWide, List<AttachedPolicy> inGroups,
      String readError) {
    List<AttachedPolicy> merged = new java.util.ArrayList<>(attached);
    accountWide.stream().filter(a -> merged.stream().noneMatch(m -> m.key().equals(a.key()))).forEach(merged::add);
    return new RoleState(roleName, exists, trustPolicy, merged, List.copyOf(customPolicies.values()), inGroups,
        readError == null ? "" : readError, serviceLinked, deletionTaskId, principal == null ? "" : principal);
  }

  /** The same state with some attachments known to grant everything. */
  public RoleState markAllowsEverything(java.util.Set<String> keys) {
    java.util.function.UnaryOperator<AttachedPolicy> mark = a -> keys.contains(a.key()) ? a.withAllowsEverything(true) : a;
    return new RoleState(roleName, exists, trustPolicy, attached.stream().map(mark).collect(java.util.stream.Collectors.toList()),
        List.copyOf(customPolicies.values()), scoped.stream().map(mark).collect(java.util.stream.Collectors.toList()),
        scopedReadError, serviceLinked, deletionTaskId, principalName);
  }

  /** The role's PrincipalName for Resource Management; empty when it was not read. */
  public String principalName() {
    return principalName;
  }

  /** Grants in resource groups (read through Resource Management). */
  public List<AttachedPolicy> scoped() {
    return scoped;
  }

  /** Why resource-group grants could not be read (e.g. NoPermission); empty when they were. */
  public String scopedReadError() {
    return scopedReadError;
  }

  /** For a service-linked role baseline: whether Resource Management reports the role as service-linked. */
  public boolean isServiceLinked() {
    return serviceLinked;
  }

  /** A deletion task still running on the role; empty when none. */
  public String deletionTaskId() {
    return deletionTaskId;
  }

  public String roleName() {
    return roleName;
  }

  public boolean exists() {
    return exists;
  }

  /** The live AssumeRolePolicyDocument; null when the role is missing. */
  public String trustPolicy() {
    return trustPolicy;
  }

  public List<AttachedPolicy> attached() {
    return attached;
  }

  /** The live state of a pinned custom policy, if it was read. */
  public Optional<PolicyState> customPolicy(String name) {
    return Optional.ofNullable(customPolicies.get(name.toLowerCase(Locale.ROOT)));
  }
}
