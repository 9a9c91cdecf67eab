package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.config.Workspace;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.Coverage;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.policy.SparkNeeds;
import io.github.sparkroleguard.ram.RamPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what the coverage check needs (the live system policy, the documents of every policy
 * attached to a custom role) and reports, in words and JSON, what the role lacks.
 */
final class CoverageCheck {
  private final RamPort ram;

  CoverageCheck(RamPort ram) {
    this.ram = ram;
  }

  /** Custom execution roles only: the default role carries the system policy itself. */
  static boolean applies(RoleBaseline b) {
    return b.policies().stream().noneMatch(p -> p.name().equalsIgnoreCase(Defaults.DEFAULT_ROLE_POLICY));
  }

  /** Uses the documents the inspection already read; reads only the other attached policies. */
  ObjectNode check(RoleBaseline baseline, RoleState live) {
    List<String> documents = new ArrayList<>();
    for (AttachedPolicy p : live.attached()) {
      java.util.Optional<PolicyState> known = p.type() == PolicyType.CUSTOM ? live.customPolicy(p.name()) : java.util.Optional.empty();
      if (known.isPresent() && known.get().exists()) {
        documents.add(known.get().defaultDocument());
      } else {
        ram.getDefaultPolicyVersion(p.type(), p.name()).map(PolicyVersion::document).ifPresent(documents::add);
      }
    }
    String system = ram.getDefaultPolicyVersion(PolicyType.SYSTEM, Defaults.DEFAULT_ROLE_POLICY)
        .map(PolicyVersion::document).orElse(null);
    ObjectNode out = Json.object();
    Coverage c;
    try {
      Workspace w = baseline.workspace();
      c = Coverage.of(system, documents,
          w == null ? List.of() : SparkNeeds.of(w.bucket(), w.prefix(), w.dlf(), w.maxCompute(), w.kms()));
    } catch (PolicyFormatException e) {
      out.put("complete", false).put("error", "a policy of the role cannot be read: " + e.getMessage());
      return out;
    }
    out.put("complete", c.complete());
    out.put("systemPolicy", system == null ? "unreadable" : Defaults.DEFAULT_ROLE_POLICY + " (live)");
    ArrayNode lacking = out.putArray("lackingSystemPolicyActions");
    c.lackingSystemActions().forEach(lacking::add);
    ArrayNode needs = out.putArray("workspaceNeeds");
    c.needs().forEach(n -> needs.addObject().put("need", n.what).put("action", n.action).put("resource", n.resource)
        .put("decision", n.decision.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** The shortfall in words, for a low-severity alert; empty when the role covers everything. */
  static List<String> lines(ObjectNode coverage) {
    List<String> out = new ArrayList<>();
    if (coverage.has("error")) {
      out.add("coverage unknown: " + coverage.get("error").asText());
    }
    coverage.path("workspaceNeeds").forEach(n -> {
      if (!"allow".equals(n.path("decision").asText())) {
        out.add("cannot " + n.path("need").asText() + " (" + n.path("action").asText() + " on "
            + n.path("resource").asText() + ": " + n.path("decision").asText().replace('_', ' ') + ")");
      }
    });
    List<String> lacking = new ArrayList<>();
    coverage.path("lackingSystemPolicyActions").forEach(a -> lacking.add(a.asText()));
    if (!lacking.isEmpty()) {
      out.add("lacks " + lacking.size() + " action(s) of the current " + Defaults.DEFAULT_ROLE_POLICY + ": "
          + String.join(", ", lacking.subList(0, Math.min(10, lacking.size()))) + (lacking.size() > 10 ? ", ..." : ""));
    }
    return out;
  }
}
