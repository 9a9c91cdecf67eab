package io.github.sparkroleguard.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.state.OssClient;
import io.github.sparkroleguard.state.Seal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last discovery in the shared state's bucket ({@code <prefix>fleet-discovery}): one object,
 * rewritten after each discovery. Read back as untrusted input: bounded in size and count, every
 * id checked, every name bounded like any text from outside, a time in the future refused.
 */
public final class StoredDiscovery implements DiscoveryMemory {
  /** As many accounts as a listing may hold (ResourceDirectoryMembers' page bound). */
  static final int MAX_ACCOUNTS = ResourceDirectoryMembers.MAX_PAGES * ResourceDirectoryMembers.PAGE_SIZE;
  static final int MAX_BYTES = MAX_ACCOUNTS * 200;
  static final Duration SKEW = Duration.ofMinutes(5);

  private final OssClient oss;
  private final String key;
  private final Clock clock;
  private final Consumer<String> onFailure;
  private final Seal seal;

  /**
   * @param seal authenticates the object like every other the guard stores: one it did not write is ignored
   * @param onFailure told why a save failed (the decision log)
   */
  public StoredDiscovery(OssClient oss, String prefix, Seal seal, Clock clock, Consumer<String> onFailure) {
    this.seal = seal;
    this.oss = oss;
    this.key = prefix + "fleet-discovery"; // beside the fleet state's own keys (<prefix>fleet/), never among them
    this.clock = clock;
    this.onFailure = onFailure;
  }

  @Override
  public void save(Map<String, String> found, Instant at) {
    ObjectNode n = Json.object().put("at", at.toEpochMilli());
    ArrayNode list = n.putArray("accounts");
    found.forEach((id, name) -> list.addObject().put("id", id).put("name", name));
    try {
      oss.put(key, seal.seal(key, Json.write(n)), false);
    } catch (RuntimeException e) {
      onFailure.accept("the discovery could not be kept in the store: " + e.getMessage());
    }
  }

  @Override
  public Optional<Map<String, String>> load() {
    Optional<String> body = oss.get(key);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    if (body.get().length() > MAX_BYTES) {
      throw new IllegalStateException(key + " is larger than " + MAX_BYTES + " bytes");
    }
    String text = seal.open(key, body.get()).orElseThrow(
        () -> new IllegalStateException(key + " was not written by the guard (no valid MAC under state.secret)"));
    JsonNode n;
    try {
      n = Json.parse(text);
    } catch (IOException e) {
      throw new IllegalStateException(key + " is not JSON");
    }
    if (n == null || !n.path("at").isIntegralNumber() || !n.path("accounts").isArray()) {
      throw new IllegalStateException(key + " is not a discovery (at, accounts)");
    }
    if (Instant.ofEpochMilli(n.path("at").asLong()).isAfter(clock.instant().plus(SKEW))) {
      throw new IllegalStateException(key + " says it was written in the future");
    }
    if (n.path("accounts").size() > MAX_ACCOUNTS) {
      throw new IllegalStateException(key + " lists more than " + MAX_ACCOUNTS + " accounts");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode a : n.path("accounts")) {
      String id = a.path("id").asText("");
      if (!a.path("id").isTextual() || !ResourceDirectoryMembers.ACCOUNT_ID.matcher(id).matches()
          || !a.path("name").isTextual()) {
        throw new IllegalStateException(key + " holds an entry that is not an account (id, name)");
      }
      out.put(id, Classifier.bounded(a.path("name").asText(), ResourceDirectoryMembers.MAX_NAME));
    }
    return Optional.of(out);
  }
}
