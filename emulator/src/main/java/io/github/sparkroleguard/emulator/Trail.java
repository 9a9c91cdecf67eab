package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ActionTrail for the emulated account: every RAM write it receives becomes an event record in
 * the documented shape, served back by LookupEvents (newest first, one lookup attribute,
 * or two in a documented pair, MaxResults up to 50, NextToken paging, optionally visible only after a delay as in the cloud).
 */
public final class Trail {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SYSTEM_PARAMS = Set.of("Action", "Version", "Format", "RegionId", "AccessKeyId",
      "SecurityToken", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature");

  /**
   * The pairs of lookup keys ActionTrail answers together [doc: "How do I configure the
   * LookupAttribute parameter", Limits]; the emulator refuses any other pair.
   */
  private static final Set<String> PAIRS = Set.of("ServiceName+EventName", "ServiceName+User", "ServiceName+PrincipalId",
      "ServiceName+RoleName", "ServiceName+ResourceName", "ServiceName+EventRW", "ServiceName+SensitiveAction",
      "ServiceName+EventType", "ResourceName+ResourceType", "ResourceName+EventName", "ResourceName+User",
      "ResourceName+RoleName", "EventType+EventName");

  private final Clock clock;
  private final List<ObjectNode> events = new ArrayList<>();
  private volatile Duration delay = Duration.ZERO;
  private long sequence;

  Trail(Clock clock) {
    this.clock = clock;
  }

  /** Events become queryable this long after they happen (about 10 minutes in the cloud). */
  public void delay(Duration value) {
    this.delay = value;
  }

  /** A copy of every recorded event, oldest first. */
  public synchronized List<ObjectNode> events() {
    List<ObjectNode> out = new ArrayList<>();
    events.forEach(e -> out.add(e.deepCopy()));
    return out;
  }

  synchronized ObjectNode record(String action, Map<String, String> params, Caller caller, String accountId,
      String requestId, String errorCode, String userAgent) {
    return record(action, params, caller, accountId, requestId, errorCode, userAgent, "");
  }

  /** @param roleId for an assumed role, its role's id (ActionTrail's principalId is {@code <roleId>:<session>}) */
  synchronized ObjectNode record(String action, Map<String, String> params, Caller caller, String accountId,
      String requestId, String errorCode, String userAgent, String roleId) {
    ObjectNode e = JSON.createObjectNode();
    e.put("eventId", String.format("EMU-%08d", ++sequence));
    e.put("eventVersion", "1");
    e.put("eventName", action);
    boolean rm = ResourceManagerActions.VERSION.equals(params.get("Version"));
    // Resource Management's spelling is [inferred] from its product code and endpoint (PLATFORM.md section 2).
    e.put("eventSource", rm ? "resourcemanager.aliyuncs.com" : "ram.aliyuncs.com");
    e.put("eventType", "ApiCall");
    e.put("eventCategory", "Management");
    e.put("eventRW", "Write");
    e.put("eventTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    e.put("serviceName", rm ? "ResourceManager" : "Ram");
    e.put("apiVersion", rm ? ResourceManagerActions.VERSION : CloudEmulator.RAM_VERSION);
    e.put("requestId", requestId);
    e.put("acsRegion", "cn-hangzhou");
    e.put("sourceIpAddress", "127.0.0.1");
    e.put("userAgent", userAgent);
    e.put("errorCode", errorCode);
    e.put("errorMessage", "");
    e.put("recipientAccountId", accountId);
    ObjectNode rp = e.putObject("requestParameters");
    params.forEach((k, v) -> {
      if (!SYSTEM_PARAMS.contains(k)) {
        rp.put(k, v);
      }
    });
    ObjectNode id = e.putObject("userIdentity");
    id.put("type", caller.identityType()).put("accountId", accountId).put("userName", caller.userName())
        .put("principalId", caller.identityType().equals("assumed-role")
            ? (roleId.isEmpty() ? "30000" : roleId) + ":" + session(caller.userName()) : "20000")
        .put("accessKeyId", caller.accessKeyId());
    events.add(e);
    return e;
  }

  private static String session(String userName) {
    int colon = userName.indexOf(':');
    return colon < 0 ? userName : userName.substring(colon + 1);
  }

  /** Adds a record made elsewhere (the demo replays sample events as if they had happened). */
  public synchronized void add(ObjectNode record) {
    events.add(record.deepCopy());
  }

  synchronized ObjectNode lookupEvents(Map<String, String> p) {
    Instant now = clock.instant();
    Instant end = p.containsKey("EndTime") ? Instant.parse(p.get("EndTime")) : now;
    Instant start = p.containsKey("StartTime") ? Instant.parse(p.get("StartTime")) : end.minus(Duration.ofDays(7));
    int max = p.containsKey("MaxResults") ? Integer.parseInt(p.get("MaxResults")) : 20;
    if (max < 1 || max > 50) {
      throw EmulatorException.invalid("InvalidParameter.MaxResults", "MaxResults must be 1-50.");
    }
    int offset = p.getOrDefault("NextToken", "").isEmpty() ? 0 : Integer.parseInt(p.get("NextToken"));
    String key = p.getOrDefault("LookupAttribute.1.Key", "");
    String value = p.getOrDefault("LookupAttribute.1.Value", "");
    String key2 = p.getOrDefault("LookupAttribute.2.Key", "");
    String value2 = p.getOrDefault("LookupAttribute.2.Value", "");
    if (!key2.isEmpty() && !PAIRS.contains(key + "+" + key2) && !PAIRS.contains(key2 + "+" + key)) {
      throw EmulatorException.invalid("InvalidParameter.LookupAttribute", "Unsupported lookup key pair " + key + ", " + key2 + ".");
    }
    List<ObjectNode> matching = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      ObjectNode e = events.get(i);
      Instant t = Instant.parse(e.get("eventTime").asText());
      if (t.isBefore(start) || t.isAfter(end) || t.plus(delay).isAfter(now) || !matches(e, key, value)
          || !matches(e, key2, value2)) {
        continue;
      }
      matching.add(e);
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("Events");
    int stop = Math.min(matching.size(), offset + max);
    for (int i = offset; i < stop; i++) {
      list.add(matching.get(i).deepCopy());
    }
    out.put("NextToken", stop < matching.size() ? Integer.toString(stop) : "");
    out.put("StartTime", start.toString());
    out.put("EndTime", end.toString());
    return out;
  }

  private static boolean matches(ObjectNode e, String key, String value) {
    switch (key) {
      case "":
        return true;
      case "EventName":
        return e.get("eventName").asText().equals(value);
      case "ServiceName":
        return e.get("serviceName").asText().equals(value);
      case "EventRW":
        return e.get("eventRW").asText().equalsIgnoreCase(value);
      case "EventId":
        return e.get("eventId").asText().equals(value);
      case "User":
        return e.get("userIdentity").get("userName").asText().equals(value);
      case "EventAccessKeyId":
        return e.get("userIdentity").get("accessKeyId").asText().equals(value);
      case "ResourceName": {
        // Exact and case-sensitive, as ActionTrail matches [doc: issue 12 point 8]: a record keeps
        // the spelling its caller used. For Resource Management, the role part of PrincipalName
        // counts as the resource name [inferred].
        ObjectNode rp = (ObjectNode) e.get("requestParameters");
        String principal = rp.path("PrincipalName").asText();
        int at = principal.indexOf("@role.");
        return value.equals(rp.path("RoleName").asText()) || value.equals(rp.path("PolicyName").asText())
            || (at > 0 && value.equals(principal.substring(0, at)));
      }
      default:
        throw EmulatorException.invalid("InvalidParameter.LookupAttribute", "Unsupported lookup key " + key + ".");
    }
  }
}
