package io.github.sparkroleguard.config;

import io.github.sparkroleguard.policy.PolicyDocuments;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Custom policy has one default version in RAM. Two roles that pin it with different
 * documents can never both be in sync: each scan would restore one role's copy over the other's
 * and report "Restored" every time. Such a configuration is refused at load, naming both places.
 */
final class PinnedDocuments {
  private PinnedDocuments() {}

  /** @param roles the roles as listed under {@code roles:}, in order (their indices are the paths) */
  static void checkConsistent(List<RoleBaseline> roles) {
    Map<String, String> firstPlace = new HashMap<>();
    Map<String, String> firstDocument = new HashMap<>();
    for (int r = 0; r < roles.size(); r++) {
      List<PolicyRef> policies = roles.get(r).policies();
      for (int p = 0; p < policies.size(); p++) {
        PolicyRef ref = policies.get(p);
        if (ref.type() != PolicyType.CUSTOM || ref.document() == null) {
          continue;
        }
        String name = ref.name().toLowerCase(Locale.ROOT);
        String at = "roles[" + r + "].policies[" + p + "]";
        String canonical = PolicyDocuments.canonical(ref.document());
        String earlier = firstDocument.putIfAbsent(name, canonical);
        if (earlier == null) {
          firstPlace.put(name, at + " (role " + roles.get(r).name() + ")");
        } else if (!earlier.equals(canonical)) {
          throw new ConfigException(at + ": Custom policy " + ref.name() + " is also pinned by " + firstPlace.get(name)
              + " with a different document; a policy has one default version, so pin the same document in both roles"
              + " or give each role its own policy");
        }
      }
    }
  }
}
