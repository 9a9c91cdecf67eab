package io.github.sparkroleguard.emulator;

import io.github.sparkroleguard.emulator.AccountState.Attachment;
import io.github.sparkroleguard.emulator.AccountState.DeletionTask;
import io.github.sparkroleguard.emulator.AccountState.Policy;
import io.github.sparkroleguard.emulator.AccountState.Role;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Resource Management's view of the same emulated account (PLATFORM.md section 2): policy
 * attachments in a scope (the account id, or a resource group whose grants RAM's own
 * ListPoliciesForRole does not show), roles named as principals, and service-linked roles with
 * asynchronous deletion. Shares {@link EmulatedRam}'s state and lock; written from the API
 * reference, never from the guard's code.
 */
public final class EmulatedResourceManager {
  /** Services whose service-linked role the emulator can create: role name and system policy. */
  static final Map<String, String[]> SERVICE_LINKED = Map.of(
      "spark.emr-serverless.aliyuncs.com",
      new String[] {"AliyunServiceRoleForEMRServerlessSpark", "AliyunServiceRolePolicyForEMRServerlessSpark"});
  private static final String PRINCIPAL_SUFFIX = ".onaliyunservice.com";

  private final EmulatedRam ram;
  private volatile Duration deletionTime = Duration.ofSeconds(30);

  EmulatedResourceManager(EmulatedRam ram) {
    this.ram = ram;
  }

  /** How long a service-linked role deletion takes (emulator clock); 30 s unless a test says. */
  public void deletionTime(Duration value) {
    this.deletionTime = value;
  }

  /** The role named by a ServiceRole PrincipalName; the account part must be this account's id. */
  Role principal(String principalType, String principalName) {
    if (!"ServiceRole".equals(principalType)) {
      throw EmulatorException.invalid("InvalidParameter.PrincipalType", "Only ServiceRole principals are emulated.");
    }
    String p = principalName == null ? "" : principalName;
    String expectedTail = "@role." + ram.accountId() + PRINCIPAL_SUFFIX;
    if (!p.toLowerCase(Locale.ROOT).endsWith(expectedTail)) {
      throw EmulatorException.notFound("EntityNotExist.Principal", "The principal does not exist: " + p + ".");
    }
    return ram.getRole(p.substring(0, p.length() - expectedTail.length()));
  }

  String principalName(Role r) {
    return r.roleName + "@role." + ram.accountId() + PRINCIPAL_SUFFIX;
  }

  /** Attaches in a scope: the account id means account-wide (RAM sees it), else a resource group. */
  public void attachPolicy(String type, String policyName, String principalType, String principalName, String scope) {
    synchronized (ram) {
      Role r = principal(principalType, principalName);
      Policy p = ram.getPolicy(type, policyName);
      String group = group(scope);
      if (ram.scopedAttachment(p, r.roleName, group).isPresent()) {
        throw EmulatorException.conflict("EntityAlreadyExists.Policy.Attachment", "The policy is already attached in this scope.");
      }
      Attachment a = new Attachment();
      a.roleName = r.roleName;
      a.policyName = p.policyName;
      a.policyType = p.policyType;
      a.attachDate = ram.now();
      a.resourceGroupId = group;
      ram.state().attachments.add(a);
    }
  }

  public void detachPolicy(String type, String policyName, String principalType, String principalName, String scope) {
    synchronized (ram) {
      Role r = principal(principalType, principalName);
      Policy p = ram.getPolicy(type, policyName);
      Attachment a = ram.scopedAttachment(p, r.roleName, group(scope)).orElseThrow(() ->
          EmulatorException.notFound("EntityNotExist.Policy.Attachment", "The policy is not attached in this scope."));
      ram.state().attachments.remove(a);
    }
  }

  /** Every attachment of a role in every scope (account-wide ones carry the account id). */
  public List<Attachment> attachments(String principalType, String principalName) {
    synchronized (ram) {
      Role r = principal(principalType, principalName);
      return ram.state().attachments.stream().filter(a -> a.roleName.equalsIgnoreCase(r.roleName))
          .collect(Collectors.toList());
    }
  }

  public Role createServiceLinkedRole(String serviceName) {
    synchronized (ram) {
      String[] known = SERVICE_LINKED.get(serviceName == null ? "" : serviceName);
      if (known == null) {
        throw EmulatorException.invalid("InvalidParameter.ServiceName", "The service does not support service-linked roles.");
      }
      ram.settleDeletions();
      Optional<DeletionTask> pending = ram.state().deletionTasks.stream()
          .filter(t -> t.roleName.equalsIgnoreCase(known[0]) && "IN_PROGRESS".equals(t.status)).findFirst();
      if (pending.isPresent()) {
        throw EmulatorException.conflict("DeleteConflict.ServiceLinkedRole.Deleting", "The service-linked role is being deleted.");
      }
      Role r = ram.createRole(known[0], "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":[\"" + serviceName + "\"]}}],\"Version\":\"1\"}",
          "Service-linked role of " + serviceName, 3600L);
      r.serviceName = serviceName;
      ram.attachPolicyToRole("System", known[1], r.roleName);
      return r;
    }
  }

  public String deleteServiceLinkedRole(String roleName) {
    synchronized (ram) {
      Role r = ram.getRole(roleName);
      if (r.serviceName == null || r.serviceName.isEmpty()) {
        throw EmulatorException.notFound("EntityNotExist.ServiceLinkedRole", "This role exists but is not a Service Linked Role.");
      }
      Optional<DeletionTask> pending = ram.state().deletionTasks.stream()
          .filter(t -> t.roleName.equalsIgnoreCase(r.roleName) && "IN_PROGRESS".equals(t.status)).findFirst();
      if (pending.isPresent()) {
        return pending.get().deletionTaskId;
      }
      DeletionTask t = new DeletionTask();
      t.deletionTaskId = "task/acs-service-role/" + r.serviceName + "/" + r.roleName + "/" + UUID.randomUUID();
      t.roleName = r.roleName;
      t.status = "IN_PROGRESS";
      t.createDate = ram.now();
      t.endsAt = ram.clock().instant().plus(deletionTime).toString();
      ram.state().deletionTasks.add(t);
      r.latestDeletionTaskId = t.deletionTaskId;
      return t.deletionTaskId;
    }
  }

  public DeletionTask deletionStatus(String taskId) {
    synchronized (ram) {
      ram.settleDeletions();
      return ram.state().deletionTasks.stream().filter(t -> t.deletionTaskId.equals(taskId)).findFirst()
          .orElseThrow(() -> EmulatorException.notFound("EntityNotExist.DeletionTask", "The deletion task does not exist."));
    }
  }

  /** The latest deletion task of a role, if any. */
  Optional<DeletionTask> latestDeletion(Role r) {
    return ram.state().deletionTasks.stream().filter(t -> t.deletionTaskId.equals(r.latestDeletionTaskId)).findFirst();
  }

  private String group(String scope) {
    if (scope == null || scope.isEmpty()) {
      throw EmulatorException.invalid("MissingParameter", "The input parameter \"ResourceGroupId\" that is mandatory for processing this request is not supplied.");
    }
    if (scope.equals(ram.accountId())) {
      return null;
    }
    if (!scope.startsWith("rg-")) {
      throw EmulatorException.notFound("EntityNotExists.ResourceGroup", "The resource group does not exist: " + scope + ".");
    }
    return scope;
  }
}
