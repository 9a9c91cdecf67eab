package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.AccountState.Attachment;
import io.github.sparkroleguard.emulator.AccountState.Policy;
import io.github.sparkroleguard.emulator.AccountState.Role;
import io.github.sparkroleguard.emulator.AccountState.Version;
import java.util.Map;

/** Maps RAM API parameters to {@link EmulatedRam} and its results to RAM's documented JSON shapes. */
final class RamActions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RamActions() {}

  static ObjectNode run(EmulatedRam ram, String action, Map<String, String> p) {
    ObjectNode out = JSON.createObjectNode();
    switch (action) {
      case "GetRole":
        role(out.putObject("Role"), ram.getRole(required(p, "RoleName")), ram.accountId());
        return out;
      case "CreateRole":
        role(out.putObject("Role"), ram.createRole(required(p, "RoleName"), required(p, "AssumeRolePolicyDocument"),
            p.get("Description"), optLong(p, "MaxSessionDuration")), ram.accountId());
        return out;
      case "UpdateRole":
        role(out.putObject("Role"), ram.updateRole(required(p, "RoleName"), p.get("NewAssumeRolePolicyDocument"),
            p.get("NewDescription"), optLong(p, "NewMaxSessionDuration")), ram.accountId());
        return out;
      case "DeleteRole":
        ram.deleteRole(required(p, "RoleName"));
        return out;
      case "ListPoliciesForRole": {
        ArrayNode list = out.putObject("Policies").putArray("Policy");
        for (Attachment a : ram.listPoliciesForRole(required(p, "RoleName"))) {
          Policy policy = ram.getPolicy(a.policyType, a.policyName);
          list.addObject().put("PolicyName", a.policyName).put("PolicyType", a.policyType)
              .put("Description", policy.description).put("DefaultVersion", policy.defaultVersion)
              .put("AttachDate", a.attachDate);
        }
        return out;
      }
      case "AttachPolicyToRole":
        ram.attachPolicyToRole(required(p, "PolicyType"), required(p, "PolicyName"), required(p, "RoleName"));
        return out;
      case "DetachPolicyFromRole":
        ram.detachPolicyFromRole(required(p, "PolicyType"), required(p, "PolicyName"), required(p, "RoleName"));
        return out;
      case "CreatePolicy":
        policy(out.putObject("Policy"), ram, ram.createPolicy(required(p, "PolicyName"), required(p, "PolicyDocument"),
            p.get("Description")), false);
        return out;
      case "GetPolicy": {
        Policy policy = ram.getPolicy(required(p, "PolicyType"), required(p, "PolicyName"));
        policy(out.putObject("Policy"), ram, policy, true);
        version(out.putObject("DefaultPolicyVersion"), policy,
            ram.getPolicyVersion(policy.policyType, policy.policyName, policy.defaultVersion));
        return out;
      }
      case "DeletePolicy":
        ram.deletePolicy(required(p, "PolicyName"), "true".equalsIgnoreCase(p.get("CascadingDelete")));
        return out;
      case "CreatePolicyVersion": {
        String name = required(p, "PolicyName");
        Version v = ram.createPolicyVersion(name, required(p, "PolicyDocument"),
            "true".equalsIgnoreCase(p.get("SetAsDefault")), p.get("RotateStrategy"));
        version(out.putObject("PolicyVersion"), ram.getPolicy("Custom", name), v);
        return out;
      }
      case "GetPolicyVersion": {
        Policy policy = ram.getPolicy(required(p, "PolicyType"), required(p, "PolicyName"));
        version(out.putObject("PolicyVersion"), policy,
            ram.getPolicyVersion(policy.policyType, policy.policyName, required(p, "VersionId")));
        return out;
      }
      case "ListPolicyVersions": {
        Policy policy = ram.getPolicy(required(p, "PolicyType"), required(p, "PolicyName"));
        ArrayNode list = out.putObject("PolicyVersions").putArray("PolicyVersion");
        policy.versions.forEach(v -> version(list.addObject(), policy, v));
        return out;
      }
      case "SetDefaultPolicyVersion":
        ram.setDefaultPolicyVersion(required(p, "PolicyName"), required(p, "VersionId"));
        return out;
      case "DeletePolicyVersion":
        ram.deletePolicyVersion(required(p, "PolicyName"), required(p, "VersionId"));
        return out;
      default:
        throw EmulatorException.notFound("InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }
  }

  private static void role(ObjectNode n, Role r, String accountId) {
    n.put("RoleId", r.roleId).put("RoleName", r.roleName)
        .put("Arn", "acs:ram::" + accountId + ":role/" + r.roleName.toLowerCase(java.util.Locale.ROOT))
        .put("Description", r.description).put("AssumeRolePolicyDocument", r.assumeRolePolicyDocument)
        .put("MaxSessionDuration", r.maxSessionDuration).put("CreateDate", r.createDate).put("UpdateDate", r.updateDate);
  }

  private static void policy(ObjectNode n, EmulatedRam ram, Policy p, boolean withDocument) {
    n.put("PolicyName", p.policyName).put("PolicyType", p.policyType).put("Description", p.description)
        .put("DefaultVersion", p.defaultVersion).put("CreateDate", p.createDate).put("UpdateDate", p.updateDate)
        .put("AttachmentCount", ram.attachmentCount(p));
    if (withDocument) {
      n.put("PolicyDocument", ram.defaultDocument(p));
    }
  }

  private static void version(ObjectNode n, Policy p, Version v) {
    n.put("VersionId", v.versionId).put("IsDefaultVersion", v.versionId.equals(p.defaultVersion))
        .put("PolicyDocument", v.policyDocument).put("CreateDate", v.createDate);
  }

  /** A parameter the call must carry; missing or empty is RAM's MissingParameter error. */
  static String required(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isEmpty()) {
      throw EmulatorException.invalid("MissingParameter", "The input parameter \"" + key + "\" that is mandatory for processing this request is not supplied.");
    }
    return v;
  }

  /** An optional number; present but not a number is an InvalidParameter error. */
  static Long optLong(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw EmulatorException.invalid("InvalidParameter." + key, "The parameter " + key + " must be a number.");
    }
  }
}
