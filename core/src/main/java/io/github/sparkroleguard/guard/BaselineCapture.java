package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a role as it is now and writes it out as a configuration snippet to pin, with its trust
 * and custom policy documents as files, so an existing custom role is protected in one step.
 */
final class BaselineCapture {

  private final RamPort ram;
  private final io.github.sparkroleguard.rm.ResourceManagerPort rm;

  BaselineCapture(RamPort ram) {
    this(ram, null);
  }

  /** @param rm Resource Management, to capture grants in resource groups with their scope; null: RAM only */
  BaselineCapture(RamPort ram, io.github.sparkroleguard.rm.ResourceManagerPort rm) {
    this.ram = ram;
    this.rm = rm;
  }

  /** {snippet, documents: {path: text}}; a missing role is a CloudCallException EntityNotExist.Role. */
  ObjectNode capture(String roleName) {
    Optional<String> trust = ram.getRoleTrustPolicy(roleName);
    if (trust.isEmpty()) {
      throw new CloudCallException("EntityNotExist.Role", "role " + roleName + " does not exist: nothing to capture", false);
    }
    ObjectNode out = Json.object();
    ObjectNode documents = out.putObject("documents");
    String trustFile = "policies/" + roleName + "-trust.json";
    documents.put(trustFile, pretty(trust.get()));
    StringBuilder yaml = new StringBuilder();
    yaml.append("  - name: ").append(roleName).append('\n')
        .append("    mode: alert\n")
        .append("    trustPolicyFile: ").append(trustFile).append('\n')
        .append("    policies:\n");
    for (AttachedPolicy p : ram.listPoliciesForRole(roleName)) {
      if (p.type() == PolicyType.CUSTOM) {
        String file = "policies/" + p.name() + ".json";
        PolicyVersion v = ram.getDefaultPolicyVersion(PolicyType.CUSTOM, p.name())
            .orElseThrow(() -> new CloudCallException("EntityNotExist.Policy", "policy " + p.name() + " vanished while reading", true));
        documents.put(file, pretty(v.document()));
        yaml.append("      - { name: ").append(p.name()).append(", type: Custom, documentFile: ").append(file).append(" }\n");
      } else {
        yaml.append("      - { name: ").append(p.name()).append(", type: System }\n");
      }
    }
    groupGrants(roleName, yaml, out);
    out.put("snippet", "roles:\n" + yaml);
    return out;
  }

  /** Grants in resource groups, pinned with their scope; a refused listing is said, not fatal. */
  private void groupGrants(String roleName, StringBuilder yaml, ObjectNode out) {
    if (rm == null) {
      return;
    }
    try {
      String principal = rm.getRole(roleName).map(io.github.sparkroleguard.rm.RmRole::principalName).orElse("");
      if (principal.isEmpty()) {
        out.put("note", "Resource Management gave no PrincipalName: grants in resource groups were not captured");
        return;
      }
      for (io.github.sparkroleguard.rm.PolicyAttachment a : rm.listPolicyAttachments(principal)) {
        if (!ResourceManagerReads.accountWide(a.resourceGroupId(), "")) {
          yaml.append("      - { name: ").append(a.policyName()).append(", type: ").append(a.policyType().wireName())
              .append(", resourceGroupId: ").append(a.resourceGroupId()).append(" }\n");
        }
      }
    } catch (CloudCallException e) {
      if (!ResourceManagerReads.refused(e)) {
        throw e;
      }
      out.put("note", e.code() + ": grants in resource groups were not captured (Resource Management refused)");
    }
  }

  private static String pretty(String json) {
    try {
      return Json.pretty(Json.parse(json)) + "\n";
    } catch (IOException e) {
      return json;
    }
  }
}
