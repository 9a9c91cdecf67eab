package io.github.sparkroleguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Where the guard keeps what it must remember between invocations (the {@code state:} section).
 * Without it, each FC instance remembers alone (memory); with {@code store: oss} every instance
 * shares one memory in an OSS bucket, and the timer also checks that events arrive (deafness).
 */
public final class StateSettings {
  /** Zero configuration: per-instance memory, no deafness check. */
  public static final StateSettings MEMORY = new StateSettings(false, null, "", "", 0);

  private final boolean oss;
  private final Endpoint endpoint;
  private final String bucket;
  private final String prefix;
  private final int deafnessMinutes;

  private StateSettings(boolean oss, Endpoint endpoint, String bucket, String prefix, int deafnessMinutes) {
    this.oss = oss;
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.prefix = prefix;
    this.deafnessMinutes = deafnessMinutes;
  }

  /**
   * The same store for one member account of a central guard: its keys under
   * {@code <prefix><accountId>/}, so accounts never share a delivery, an alert window or an
   * approval.
   */
  public StateSettings forAccount(String accountId) {
    return oss ? new StateSettings(true, endpoint, bucket, prefix + accountId + "/", deafnessMinutes) : this;
  }

  /**
   * Reads the section; {@code region} gives the default endpoint, OSS's internal one in that
   * region ({@code oss-<region>-internal.aliyuncs.com}, reachable from FC in the same region
   * [inferred]; {@code doctor} checks it).
   */
  public static StateSettings read(JsonNode node, String region) {
    if (node == null || node.isNull()) {
      return MEMORY;
    }
    if (!node.isObject()) {
      throw new ConfigException("state: must be a mapping");
    }
    Set<String> allowed = Set.of("store", "endpoint", "bucket", "prefix", "deafnessMinutes");
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new ConfigException("state." + k + ": unknown key (known: bucket, deafnessMinutes, endpoint, prefix, store)");
      }
    }
    String store = text(node, "store", "memory").toLowerCase(Locale.ROOT);
    if (store.equals("memory")) {
      if (node.size() > 1) {
        throw new ConfigException("state: store memory takes no other keys");
      }
      return MEMORY;
    }
    if (!store.equals("oss")) {
      throw new ConfigException("state.store: must be memory or oss");
    }
    String bucket = text(node, "bucket", "");
    if (!bucket.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
      throw new ConfigException("state.bucket: must be an OSS bucket name (3-63 lower-case letters, digits, hyphens), got '"
          + bucket + "'");
    }
    String prefix = text(node, "prefix", "spark-role-guard/");
    if (!prefix.matches("([A-Za-z0-9._-]+/)*") || prefix.length() > 200) {
      throw new ConfigException("state.prefix: must be folder names ending in '/', of letters, digits, '.', '_', '-'");
    }
    Endpoint endpoint = Endpoint.parse(text(node, "endpoint", "oss-" + region + "-internal.aliyuncs.com"), "state.endpoint");
    JsonNode d = node.get("deafnessMinutes");
    int deafness = 60;
    if (d != null && !d.isNull()) {
      if (!d.isInt() || d.asInt() < 0 || d.asInt() > 1440) {
        throw new ConfigException("state.deafnessMinutes: must be a whole number from 0 to 1440");
      }
      deafness = d.asInt();
    }
    if (deafness > 0 && deafness <= 15) {
      throw new ConfigException("state.deafnessMinutes: must exceed ActionTrail's indexing delay (15 minutes), or be 0 (off)");
    }
    return new StateSettings(true, endpoint, bucket, prefix, deafness);
  }

  private static String text(JsonNode node, String key, String dflt) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new ConfigException("state." + key + ": must be text");
    }
    return v.asText().trim();
  }

  /** True: OSS; false: per-instance memory. */
  public boolean oss() {
    return oss;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public String bucket() {
    return bucket;
  }

  /** Key prefix, empty or ending in '/'. */
  public String prefix() {
    return prefix;
  }

  /** How far back the timer compares ActionTrail with delivered events; 0: off (always off without OSS). */
  public int deafnessMinutes() {
    return deafnessMinutes;
  }
}
