package io.github.sparkroleguard.rm;

import io.github.sparkroleguard.config.PolicyType;
import java.util.List;
import java.util.Optional;

/**
 * The Resource Management (API {@code resourcemanager} 2020-03-31) calls the guard makes, and no
 * others. Resource Management acts on the very RAM roles the guard protects: it reports whether a
 * role is service-linked and in deletion (RAM's GetRole in the V1 jar cannot), lists grants at
 * resource-group scope that RAM's ListPoliciesForRole may not show, and is the only way to
 * re-create a service-linked role (PLATFORM.md sections 1 and 2). Reads return empty for "does not
 * exist"; every other failure is a {@link io.github.sparkroleguard.transport.CloudCallException}.
 */
public interface ResourceManagerPort {
  /**
   * The RAM actions these calls are authorised as [doc: Resource Management's authorization table
   * lists its role and policy operations as ram:* actions, e.g. ram:ListPolicyAttachments on
   * acs:ram:*:ACCOUNT:*, ram:DetachPolicy on the policy and the role]. GetRole authorises as
   * ram:GetRole, already granted on the protected roles.
   */
  List<String> PERMISSIONS = List.of("ram:ListPolicyAttachments", "ram:DetachPolicy", "ram:CreateServiceLinkedRole",
      "ram:GetServiceLinkedRoleDeletionStatus");

  /** Resource Management's PrincipalType for a RAM role [doc]. */
  String SERVICE_ROLE = "ServiceRole";

  /** The role as Resource Management's GetRole reports it, or empty when it does not exist. */
  Optional<RmRole> getRole(String roleName);

  /**
   * Every policy attachment of one role, in every scope (no ResourceGroupId filter: the whole
   * account [doc]), all pages.
   *
   * @param principalName the role's PrincipalName, {@code <Role>@role.<alias or id>.onaliyunservice.com}
   */
  List<PolicyAttachment> listPolicyAttachments(String principalName);

  /** Detaches a policy from a role in one scope (a resource group id, or the account id). */
  void detachPolicy(PolicyType type, String policyName, String principalName, String resourceGroupId);

  /** Asks the service to create its service-linked role (the service owns its trust and policy). */
  void createServiceLinkedRole(String serviceName);

  /** The state of an asynchronous service-linked role deletion. */
  DeletionStatus getServiceLinkedRoleDeletionStatus(String deletionTaskId);

  /** GetServiceLinkedRoleDeletionStatus's Status values [doc]; UNKNOWN for anything else. */
  enum DeletionStatus {
    SUCCEEDED,
    IN_PROGRESS,
    FAILED,
    NOT_STARTED,
    INTERNAL_ERROR,
    UNKNOWN;

    /** Parses the wire value; an unknown value is UNKNOWN, never an exception. */
    public static DeletionStatus parse(String value) {
      if (value == null) {
        return UNKNOWN;
      }
      for (DeletionStatus s : values()) {
        if (s.name().equalsIgnoreCase(value.trim())) {
          return s;
        }
      }
      return UNKNOWN;
    }

    /** Whether the deletion may still remove the role. */
    public boolean pending() {
      return this == IN_PROGRESS || this == NOT_STARTED;
    }
  }
}
