package io.github.sparkroleguard.emulator;

import static io.github.sparkroleguard.emulator.RamActions.optLong;
import static io.github.sparkroleguard.emulator.RamActions.required;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.AccountState.Attachment;
import io.github.sparkroleguard.emulator.AccountState.DeletionTask;
import io.github.sparkroleguard.emulator.AccountState.Policy;
import io.github.sparkroleguard.emulator.AccountState.Role;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps Resource Management (2020-03-31) parameters to the emulated account and answers in the
 * documented shapes: {@code Role} with IsServiceLinkedRole, RolePrincipalName and
 * LatestDeletionTask; {@code PolicyAttachments.PolicyAttachment[]} with TotalCount, PageNumber,
 * PageSize; {@code DeletionTaskId}; {@code Status}.
 */
final class ResourceManagerActions {
  static final String VERSION = "2020-03-31";
  /** Resource Management actions that change something; each is recorded in ActionTrail. */
  static final Set<String> WRITES = Set.of("CreateRole", "UpdateRole", "DeleteRole", "AttachPolicy", "DetachPolicy",
      "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion",
      "CreateServiceLinkedRole", "DeleteServiceLinkedRole");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResourceManagerActions() {}

  static ObjectNode run(EmulatedRam ram, EmulatedResourceManager rm, String action, Map<String, String> p) {
    ObjectNode out = JSON.createObjectNode();
    switch (action) {
      case "GetRole": {
        synchronized (ram) {
          role(out.putObject("Role"), ram, rm, ram.getRole(required(p, "RoleName")));
        }
        return out;
      }
      case "CreateRole":
        synchronized (ram) {
          role(out.putObject("Role"), ram, rm, ram.createRole(required(p, "RoleName"), required(p, "AssumeRolePolicyDocument"),
              p.get("Description"), optLong(p, "MaxSessionDuration")));
        }
        return out;
      case "UpdateRole":
        synchronized (ram) {
          role(out.putObject("Role"), ram, rm, ram.updateRole(required(p, "RoleName"), p.get("NewAssumeRolePolicyDocument"),
              p.get("NewDescription"), optLong(p, "NewMaxSessionDuration")));
        }
        return out;
      case "DeleteRole":
        ram.deleteRole(required(p, "RoleName"));
        return out;
      case "AttachPolicy":
        rm.attachPolicy(required(p, "PolicyType"), required(p, "PolicyName"), required(p, "PrincipalType"),
            required(p, "PrincipalName"), required(p, "ResourceGroupId"));
        return out;
      case "DetachPolicy":
        rm.detachPolicy(required(p, "PolicyType"), required(p, "PolicyName"), required(p, "PrincipalType"),
            required(p, "PrincipalName"), required(p, "ResourceGroupId"));
        return out;
      case "ListPolicyAttachments":
        return attachments(ram, rm, p, out);
      case "CreatePolicy":
        ram.createPolicy(required(p, "PolicyName"), required(p, "PolicyDocument"), p.get("Description"));
        return out;
      case "CreatePolicyVersion":
        ram.createPolicyVersion(required(p, "PolicyName"), required(p, "PolicyDocument"),
            "true".equalsIgnoreCase(p.get("SetAsDefault")), p.get("RotateStrategy"));
        return out;
      case "SetDefaultPolicyVersion":
        ram.setDefaultPolicyVersion(required(p, "PolicyName"), required(p, "VersionId"));
        return out;
      case "DeletePolicy":
        ram.deletePolicy(required(p, "PolicyName"), false);
        return out;
      case "DeletePolicyVersion":
        ram.deletePolicyVersion(required(p, "PolicyName"), required(p, "VersionId"));
        return out;
      case "CreateServiceLinkedRole":
        synchronized (ram) {
          role(out.putObject("Role"), ram, rm, rm.createServiceLinkedRole(required(p, "ServiceName")));
        }
        return out;
      case "DeleteServiceLinkedRole":
        out.put("DeletionTaskId", rm.deleteServiceLinkedRole(required(p, "RoleName")));
        return out;
      case "GetServiceLinkedRoleDeletionStatus": {
        DeletionTask t = rm.deletionStatus(required(p, "DeletionTaskId"));
        out.put("Status", t.status);
        return out;
      }
      default:
        throw EmulatorException.notFound("InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }
  }

  private static ObjectNode attachments(EmulatedRam ram, EmulatedResourceManager rm, Map<String, String> p, ObjectNode out) {
    int page = (int) (long) optLongOr(p, "PageNumber", 1);
    int size = (int) (long) optLongOr(p, "PageSize", 10);
    if (page < 1 || size < 1 || size > 100) {
      throw EmulatorException.invalid("InvalidParameter.PageSize", "PageNumber must be at least 1 and PageSize 1-100.");
    }
    String scope = p.getOrDefault("ResourceGroupId", "");
    synchronized (ram) {
      List<Attachment> all = rm.attachments(required(p, "PrincipalType"), required(p, "PrincipalName"));
      all.removeIf(a -> !scope.isEmpty() && !scope.equals(a.accountWide() ? ram.accountId() : a.resourceGroupId));
      all.removeIf(a -> p.containsKey("PolicyType") && !a.policyType.equalsIgnoreCase(p.get("PolicyType")));
      all.removeIf(a -> p.containsKey("PolicyName") && !a.policyName.equalsIgnoreCase(p.get("PolicyName")));
      ArrayNode list = out.putObject("PolicyAttachments").putArray("PolicyAttachment");
      int from = Math.min(all.size(), (page - 1) * size);
      for (Attachment a : all.subList(from, Math.min(all.size(), from + size))) {
        Role r = ram.getRole(a.roleName);
        Policy policy = ram.getPolicy(a.policyType, a.policyName);
        list.addObject().put("PolicyName", a.policyName).put("PolicyType", a.policyType)
            .put("PrincipalName", rm.principalName(r)).put("PrincipalType", "ServiceRole")
            .put("ResourceGroupId", a.accountWide() ? ram.accountId() : a.resourceGroupId)
            .put("AttachDate", a.attachDate).put("Description", policy.description);
      }
      out.put("TotalCount", all.size()).put("PageNumber", page).put("PageSize", size);
    }
    return out;
  }

  private static void role(ObjectNode n, EmulatedRam ram, EmulatedResourceManager rm, Role r) {
    n.put("RoleId", r.roleId).put("RoleName", r.roleName)
        .put("Arn", "acs:ram::" + ram.accountId() + ":role/" + r.roleName.toLowerCase(Locale.ROOT))
        .put("Description", r.description).put("AssumeRolePolicyDocument", r.assumeRolePolicyDocument)
        .put("MaxSessionDuration", r.maxSessionDuration).put("CreateDate", r.createDate).put("UpdateDate", r.updateDate)
        .put("RolePrincipalName", rm.principalName(r))
        .put("IsServiceLinkedRole", r.serviceName != null && !r.serviceName.isEmpty());
    rm.latestDeletion(r).ifPresent(t -> n.putObject("LatestDeletionTask")
        .put("DeletionTaskId", t.deletionTaskId).put("CreateDate", t.createDate));
  }

  private static long optLongOr(Map<String, String> p, String key, long fallback) {
    Long v = optLong(p, key);
    return v == null ? fallback : v;
  }
}
