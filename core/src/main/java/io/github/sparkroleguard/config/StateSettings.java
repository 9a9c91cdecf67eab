package io.github.sparkroleguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the guard keeps what it must remember between invocations (the {@code state:} section).
 * Without it, each FC instance remembers alone (memory); with {@code store: oss} every instance
 * shares one memory in an OSS bucket, and the timer also checks that events arrive (deafness).
 */
public final class StateSettings {
  /** Zero configuration: per-instance memory, no deafness check. */
  public static final StateSettings MEMORY = new StateSettings(false, null, "", "", "", "", 0, "", "");
  /** Shortest {@code secret} accepted (e.g. {@code openssl rand -hex 32} gives 64). */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final Pattern ALIYUN_ENDPOINT =
      Pattern.compile("(?:https?://)?oss-([a-z0-9-]+?)(?:-internal)?\\.aliyuncs\\.com/?");

  private final boolean oss;
  private final Endpoint endpoint;
  private final String region;
  private final String bucket;
  private final String prefix;
  private final String transientPrefix;
  private final int deafnessMinutes;
  private final String secret;
  private final String secretUnset;

  private StateSettings(boolean oss, Endpoint endpoint, String region, String bucket, String prefix, String transientPrefix,
      int deafnessMinutes, String secret, String secretUnset) {
    this.secret = secret;
    this.secretUnset = secretUnset;
    this.oss = oss;
    this.endpoint = endpoint;
    this.region = region;
    this.bucket = bucket;
    this.prefix = prefix;
    this.transientPrefix = transientPrefix;
    this.deafnessMinutes = deafnessMinutes;
  }

  /**
   * The same store for one member account of a central guard: its kept keys under
   * {@code <prefix><accountId>/} and its transient ones under {@code <prefix>t/<accountId>/}, so
   * accounts never share a delivery, an alert window or an approval.
   */
  public StateSettings forAccount(String accountId) {
    return oss ? new StateSettings(true, endpoint, region, bucket, prefix + accountId + "/", transientPrefix + accountId + "/",
        deafnessMinutes, secret, secretUnset) : this;
  }

  /** {@link #read(JsonNode, String, String)} as a function running in {@code region} reads it. */
  public static StateSettings read(JsonNode node, String region) {
    return read(node, region, region);
  }

  /**
   * Reads the section. {@code state.region} is the bucket's region (the V4 signature names it):
   * given, or the one an explicit {@code oss-<region>[-internal].aliyuncs.com} endpoint names, or
   * {@code ramRegion}. The endpoint is {@code state.endpoint} when given, else the one
   * {@link io.github.sparkroleguard.state.StoreFacts#endpointFor} picks for the function's region:
   * every function (guard in cn-hangzhou, guard-intl in ap-southeast-1) reaches the same bucket,
   * so they share one memory.
   *
   * @param functionRegion FC_REGION, where the function runs; null when not in FC (public endpoint)
   */
  public static StateSettings read(JsonNode node, String ramRegion, String functionRegion) {
    return read(node, ramRegion, functionRegion, new Secrets(name -> null));
  }

  /** @param secrets resolves {@code secret: ${env:NAME}} */
  static StateSettings read(JsonNode node, String ramRegion, String functionRegion, Secrets secrets) {
    if (node == null || node.isNull()) {
      return MEMORY;
    }
    if (!node.isObject()) {
      throw new ConfigException("state: must be a mapping");
    }
    YamlFields.allowKeys(node, "state.", "bucket", "deafnessMinutes", "endpoint", "prefix", "region", "secret", "store");
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
    String explicit = text(node, "endpoint", "");
    Matcher named = ALIYUN_ENDPOINT.matcher(explicit);
    String region = text(node, "region", named.matches() ? named.group(1) : ramRegion);
    if (!region.matches("[a-z]{2,4}(-[a-z0-9]+){1,3}") || region.startsWith("oss-")) {
      throw new ConfigException("state.region: must be a region id such as cn-hangzhou (the bucket's region), got '" + region + "'");
    }
    Endpoint endpoint = Endpoint.parse(explicit.isEmpty()
        ? io.github.sparkroleguard.state.StoreFacts.endpointFor(region, functionRegion) : explicit, "state.endpoint");
    int deafness = YamlFields.integer(node, "deafnessMinutes", "state.deafnessMinutes", 60, 0, 1440);
    if (deafness > 0 && deafness <= 15) {
      throw new ConfigException("state.deafnessMinutes: must exceed ActionTrail's indexing delay (15 minutes), or be 0 (off)");
    }
    JsonNode raw = node.get("secret");
    if (raw == null || raw.isNull() || !raw.isTextual()) {
      throw new ConfigException("state.secret: required with store: oss, as ${env:NAME}: the key that proves the guard wrote "
          + "what it reads back (anyone who can write the bucket could otherwise steer it); generate one with "
          + "openssl rand -hex 32");
    }
    if (!raw.asText().trim().matches("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}")) {
      throw new ConfigException("state.secret: secrets must be written as ${env:NAME}, never inline");
    }
    String secret;
    try {
      secret = secrets.secret(raw.asText(), "state.secret");
    } catch (ConfigException e) { // unset here (printing policies, a laptop): an error only where the store is used
      return new StateSettings(true, endpoint, region, bucket, prefix, prefix + "t/", deafness, "", e.getMessage());
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new ConfigException("state.secret: must be at least " + MIN_SECRET_LENGTH + " characters (openssl rand -hex 32)");
    }
    return new StateSettings(true, endpoint, region, bucket, prefix, prefix + "t/", deafness, secret, "");
  }

  private static String text(JsonNode node, String key, String dflt) {
    return YamlFields.plainText(node, key, "state." + key, dflt);
  }

  /** True: OSS; false: per-instance memory. */
  public boolean oss() {
    return oss;
  }

  /** Where the bucket is reached from this function (internal in its own region, else public). */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The bucket's region id, which the V4 signature's scope names. */
  public String region() {
    return region;
  }

  public String bucket() {
    return bucket;
  }

  /** Key prefix, empty or ending in '/'. */
  public String prefix() {
    return prefix;
  }

  /**
   * Where the transient keys go, which the lifecycle rule expires: {@code <prefix>t/}, and for a
   * member account {@code <prefix>t/<account>/} (not under {@code <prefix><account>/}), so one rule
   * on {@code <prefix>t/} covers every account.
   */
  public String transientPrefix() {
    return transientPrefix;
  }

  /**
   * The key that authenticates what the guard stores; never printed. Its variable may be unset
   * where the configuration is only read (printing policies); using the store then is an error.
   */
  public String secret() {
    if (oss && secret.isEmpty()) {
      throw new ConfigException(secretUnset + ": the shared store cannot be used without it");
    }
    return secret;
  }

  @Override
  public String toString() {
    return oss ? "StateSettings(oss://" + bucket + "/" + prefix + ")" : "StateSettings(memory)";
  }

  /** How far back the timer compares ActionTrail with delivered events; 0: off (always off without OSS). */
  public int deafnessMinutes() {
    return deafnessMinutes;
  }
}
