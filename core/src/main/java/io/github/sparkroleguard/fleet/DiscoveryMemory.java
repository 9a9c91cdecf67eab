package io.github.sparkroleguard.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where a central guard keeps its last Resource Directory discovery beyond the instance, so an
 * instance that never discovered can still protect the discovered accounts while ListAccounts
 * fails. What is read back is untrusted: it can only add accounts to those the configuration
 * lists (never remove one), and a malformed object is ignored and reported.
 */
public interface DiscoveryMemory {
  /** Kept nowhere but in the instance. */
  DiscoveryMemory NONE = new DiscoveryMemory() {
    @Override
    public void save(Map<String, String> found, Instant at) {
      // nothing beyond the instance
    }

    @Override
    public Optional<Map<String, String>> load() {
      return Optional.empty();
    }
  };

  /** Keeps the accounts just discovered; a failure is the implementation's to report, never thrown. */
  void save(Map<String, String> found, Instant at);

  /** The last discovery kept; empty when none; throws when what is kept cannot be trusted (the reason). */
  Optional<Map<String, String>> load();
}
