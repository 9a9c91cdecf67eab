package io.github.sparkroleguard.rm;

import java.util.Objects;

/**
 * A RAM role as Resource Management's GetRole reports it: the fields RAM's own GetRole lacks
 * (IsServiceLinkedRole, LatestDeletionTask, RolePrincipalName) [doc: the resourcemanager
 * 2020-03-31 GetRole response, as the public SDKs generated from it spell it].
 */
public final class RmRole {
  private final String roleName;
  private final String roleId;
  private final String principalName;
  private final boolean serviceLinked;
  private final String latestDeletionTaskId;

  public RmRole(String roleName, String roleId, String principalName, boolean serviceLinked, String latestDeletionTaskId) {
    this.roleName = Objects.requireNonNull(roleName, "roleName");
    this.roleId = roleId == null ? "" : roleId;
    this.principalName = principalName == null ? "" : principalName;
    this.serviceLinked = serviceLinked;
    this.latestDeletionTaskId = latestDeletionTaskId == null ? "" : latestDeletionTaskId;
  }

  public String roleName() {
    return roleName;
  }

  public String roleId() {
    return roleId;
  }

  /** RolePrincipalName, e.g. {@code MyRole@role.123456.onaliyunservice.com}; empty if not reported. */
  public String principalName() {
    return principalName;
  }

  public boolean serviceLinked() {
    return serviceLinked;
  }

  /** LatestDeletionTask.DeletionTaskId; empty when the role was never submitted for deletion. */
  public String latestDeletionTaskId() {
    return latestDeletionTaskId;
  }
}
