package io.github.sparkroleguard.restore;

import io.github.sparkroleguard.config.PolicyType;
import java.util.Objects;
import java.util.Set;

/**
 * One RAM write of a restore plan. Each step declares the RAM action (permission) it needs, the
 * phase it runs in ({@link Phase}), and what it needs and provides ({@link #needs()},
 * {@link #provides()}), so one refused write stops only the steps that depend on it.
 */
public final class WriteStep {
  /** The RAM (and Resource Management) writes the guard can make; nothing else is ever written. */
  public enum Action {
    CREATE_POLICY("CreatePolicy", Phase.CREATE_POLICIES),
    CREATE_POLICY_VERSION("CreatePolicyVersion", Phase.NARROW_DOCUMENTS),
    SET_DEFAULT_POLICY_VERSION("SetDefaultPolicyVersion", Phase.NARROW_DOCUMENTS),
    CREATE_ROLE("CreateRole", Phase.CREATE_ROLE),
    UPDATE_ROLE("UpdateRole", Phase.NARROW_TRUST),
    ATTACH_POLICY_TO_ROLE("AttachPolicyToRole", Phase.ATTACH),
    DETACH_POLICY_FROM_ROLE("DetachPolicyFromRole", Phase.NARROW_ATTACHMENTS),
    /**
     * Resource Management DetachPolicy of a grant in a resource group; authorised as
     * {@code ram:DetachPolicy} (Resource Management's authorization table, see
     * {@link io.github.sparkroleguard.rm.ResourceManagerPort#PERMISSIONS}).
     */
    DETACH_POLICY_IN_GROUP("DetachPolicy", Phase.NARROW_ATTACHMENTS, "ram:DetachPolicy"),
    /**
     * Resource Management CreateServiceLinkedRole; authorised as {@code ram:CreateServiceLinkedRole}
     * (the product's full-access policy grants exactly that, with {@code ram:ServiceName}) [doc].
     */
    CREATE_SERVICE_LINKED_ROLE("CreateServiceLinkedRole", Phase.CREATE_ROLE, "ram:CreateServiceLinkedRole");

    private final String apiName;
    private final Phase phase;
    private final String permission;

    Action(String apiName, Phase phase) {
      this(apiName, phase, "ram:" + apiName);
    }

    Action(String apiName, Phase phase, String permission) {
      this.apiName = apiName;
      this.phase = phase;
      this.permission = permission;
    }

    /** When in a plan this write runs. */
    public Phase phase() {
      return phase;
    }

    /** The RAM API name, e.g. CreateRole. */
    public String apiName() {
      return apiName;
    }

    /** The permission the guard's role needs for it, e.g. ram:CreateRole. */
    public String permission() {
      return permission;
    }
  }

  private final Action action;
  private final String roleName;
  private final PolicyType policyType;
  private final String policyName;
  private final String document;
  private final String versionId;
  private final String resourceGroupId;
  private final String principalName;

  private WriteStep(Action action, String roleName, PolicyType policyType, String policyName,
      String document, String versionId) {
    this(action, roleName, policyType, policyName, document, versionId, "", "");
  }

  private WriteStep(Action action, String roleName, PolicyType policyType, String policyName,
      String document, String versionId, String resourceGroupId, String principalName) {
    this.resourceGroupId = resourceGroupId;
    this.principalName = principalName;
    this.action = Objects.requireNonNull(action, "action");
    this.roleName = Objects.requireNonNull(roleName, "roleName");
    this.policyType = policyType;
    this.policyName = policyName;
    this.document = document;
    this.versionId = versionId;
  }

  static WriteStep createPolicy(String role, String policy, String document) {
    return new WriteStep(Action.CREATE_POLICY, role, PolicyType.CUSTOM, policy, document, null);
  }

  static WriteStep createPolicyVersion(String role, String policy, String document) {
    return new WriteStep(Action.CREATE_POLICY_VERSION, role, PolicyType.CUSTOM, policy, document, null);
  }

  static WriteStep setDefaultVersion(String role, String policy, String versionId) {
    return new WriteStep(Action.SET_DEFAULT_POLICY_VERSION, role, PolicyType.CUSTOM, policy, null, versionId);
  }

  static WriteStep createRole(String role, String trust) {
    return new WriteStep(Action.CREATE_ROLE, role, null, null, trust, null);
  }

  static WriteStep updateRole(String role, String trust) {
    return new WriteStep(Action.UPDATE_ROLE, role, null, null, trust, null);
  }

  static WriteStep attach(String role, PolicyType type, String policy) {
    return new WriteStep(Action.ATTACH_POLICY_TO_ROLE, role, type, policy, null, null);
  }

  static WriteStep detach(String role, PolicyType type, String policy) {
    return new WriteStep(Action.DETACH_POLICY_FROM_ROLE, role, type, policy, null, null);
  }

  /** Resource Management DetachPolicy in the same resource group it was attached in. */
  static WriteStep detachInGroup(String role, PolicyType type, String policy, String resourceGroupId, String principalName) {
    return new WriteStep(Action.DETACH_POLICY_IN_GROUP, role, type, policy, null, null, resourceGroupId, principalName);
  }

  /** The role's PrincipalName, for a Resource Management write; empty otherwise. */
  public String principalName() {
    return principalName;
  }

  /** CreateServiceLinkedRole for the service that owns the role (the "document" is the service name). */
  static WriteStep createServiceLinkedRole(String role, String serviceName) {
    return new WriteStep(Action.CREATE_SERVICE_LINKED_ROLE, role, null, null, serviceName, null);
  }

  /** The resource group of a scoped detach; empty otherwise. */
  public String resourceGroupId() {
    return resourceGroupId;
  }

  public Action action() {
    return action;
  }

  /** The protected role this step serves. */
  public String roleName() {
    return roleName;
  }

  public PolicyType policyType() {
    return policyType;
  }

  public String policyName() {
    return policyName;
  }

  /** The document written (the pinned one), for steps that write a document. */
  public String document() {
    return document;
  }

  public String versionId() {
    return versionId;
  }

  /**
   * What must hold before this step can do its job, as keys that other steps {@link #provides()}
   * ({@code role:NAME}, {@code policy:TYPE:NAME}). A step runs unless a step of the same plan
   * that provides one of these failed or did not run. An attach needs the role and the policy as
   * pinned (attaching a policy whose widened document could not be put back would grant more than
   * the baseline).
   */
  public Set<String> needs() {
    switch (action) {
      case ATTACH_POLICY_TO_ROLE:
        return Set.of(roleKey(roleName), policyKey(policyType, policyName));
      case DETACH_POLICY_FROM_ROLE:
      case DETACH_POLICY_IN_GROUP:
      case UPDATE_ROLE:
        return Set.of(roleKey(roleName));
      default:
        return Set.of();
    }
  }

  /** What this step makes true, in the keys of {@link #needs()}. */
  public Set<String> provides() {
    switch (action) {
      case CREATE_ROLE:
      case CREATE_SERVICE_LINKED_ROLE:
        return Set.of(roleKey(roleName));
      case CREATE_POLICY:
      case CREATE_POLICY_VERSION:
      case SET_DEFAULT_POLICY_VERSION:
        return Set.of(policyKey(policyType, policyName));
      default:
        return Set.of();
    }
  }

  static String roleKey(String role) {
    return "role:" + role;
  }

  static String policyKey(PolicyType type, String policy) {
    return "policy:" + type.wireName() + ":" + policy;
  }

  /** The step in plain words, e.g. "AttachPolicyToRole System AliyunX to RoleY". */
  public String describe() {
    switch (action) {
      case CREATE_POLICY:
        return "CreatePolicy " + policyName + " with the pinned document";
      case CREATE_POLICY_VERSION:
        return "CreatePolicyVersion " + policyName + " with the pinned document, set as default";
      case SET_DEFAULT_POLICY_VERSION:
        return "SetDefaultPolicyVersion " + policyName + " to " + versionId + " (holds the pinned document)";
      case CREATE_ROLE:
        return "CreateRole " + roleName + " with the pinned trust policy";
      case UPDATE_ROLE:
        return "UpdateRole " + roleName + " back to the pinned trust policy";
      case ATTACH_POLICY_TO_ROLE:
        return "AttachPolicyToRole " + policyType.wireName() + " " + policyName + " to " + roleName;
      case DETACH_POLICY_FROM_ROLE:
        return "DetachPolicyFromRole " + policyType.wireName() + " " + policyName + " from " + roleName;
      case DETACH_POLICY_IN_GROUP:
        return "DetachPolicy (Resource Management) " + policyType.wireName() + " " + policyName + " from " + roleName
            + " in resource group " + resourceGroupId;
      case CREATE_SERVICE_LINKED_ROLE:
        return "CreateServiceLinkedRole (Resource Management) ServiceName " + document + " to re-create " + roleName;
      default:
        throw new IllegalStateException(action.name());
    }
  }
}
