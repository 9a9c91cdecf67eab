package io.github.sparkroleguard.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an invocation payload into a {@link GuardRequest}. Accepts an EventBridge CloudEvent, a
 * JSON array of them, a bare ActionTrail record, an FC timer event, or a manual command; anything
 * else is a {@link BadInputException} naming what was wrong. Unknown fields are ignored. In an
 * array, a record that cannot be read is set aside as a {@link RejectedRecord} and the others are
 * handled; only an array with no readable record at all is bad input.
 */
public final class InputParser {
  /** Largest payload accepted (FC's synchronous limit is larger; no real event comes close). */
  public static final int MAX_BYTES = 6 * 1024 * 1024;
  /** Most records in one batch. */
  public static final int MAX_RECORDS = 1000;
  private static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private InputParser() {}

  public static GuardRequest parse(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new BadInputException("empty payload: expected a JSON event or command");
    }
    if (payload.length > MAX_BYTES) {
      throw new BadInputException("payload too large: " + payload.length + " bytes (limit " + MAX_BYTES + ")");
    }
    JsonNode root;
    try {
      root = Json.parse(JSON, payload);
    } catch (JsonProcessingException e) {
      throw new BadInputException("payload is not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BadInputException("payload cannot be read: " + e.getClass().getSimpleName());
    }
    if (root == null || root.isMissingNode()) {
      throw new BadInputException("empty payload: expected a JSON event or command");
    }
    return parse(root);
  }

  static GuardRequest parse(JsonNode root) {
    if (root.isArray()) {
      if (root.isEmpty()) {
        throw new BadInputException("empty event array");
      }
      if (root.size() > MAX_RECORDS) {
        throw new BadInputException("too many events: " + root.size() + " (limit " + MAX_RECORDS + ")");
      }
      List<TrailRecord> records = new ArrayList<>();
      List<RejectedRecord> rejected = new ArrayList<>();
      for (int i = 0; i < root.size(); i++) {
        JsonNode item = root.get(i);
        try {
          records.add(batchItem(item, "[" + i + "]"));
        } catch (BadInputException e) {
          rejected.add(new RejectedRecord(i, peek(item, "eventId"), peek(item, "eventName"), e.getMessage()));
        }
      }
      if (records.isEmpty()) {
        throw new BadInputException(rejected.get(0).reason()
            + (rejected.size() > 1 ? " (and " + (rejected.size() - 1) + " more records that cannot be read)" : ""));
      }
      return GuardRequest.events(records, rejected);
    }
    if (!root.isObject()) {
      throw new BadInputException("payload must be a JSON object or array, got " + kind(root));
    }
    if (ShardPayload.is(root)) {
      return ShardPayload.parse(root);
    }
    if (root.has("action")) {
      return GuardRequest.manual(command(root));
    }
    if (root.has("triggerTime") && root.has("triggerName")) {
      return GuardRequest.timer();
    }
    if (isCloudEvent(root)) {
      return GuardRequest.events(List.of(fromCloudEvent(root, "")));
    }
    if (isTrailRecord(root)) {
      return GuardRequest.events(List.of(record(root, "", "")));
    }
    throw new BadInputException("unrecognised payload: expected an EventBridge event (specversion, type, data), "
        + "an ActionTrail record (eventName), a timer event (triggerTime) or a command (action)");
  }

  private static TrailRecord batchItem(JsonNode item, String at) {
    if (!item.isObject()) {
      throw new BadInputException(at + ": expected an EventBridge event object");
    }
    if (isCloudEvent(item)) {
      return fromCloudEvent(item, at);
    }
    if (isTrailRecord(item)) {
      return record(item, at, "");
    }
    throw new BadInputException(at + ": not an EventBridge event or ActionTrail record");
  }

  /** A scalar field of a record (in its envelope's data, if any) for the skip line; empty when unreadable. */
  private static String peek(JsonNode item, String field) {
    JsonNode record = item.has("data") && item.get("data").isObject() ? item.get("data") : item;
    JsonNode v = record.get(field);
    if (v == null || !v.isValueNode() || v.isNull()) {
      return "";
    }
    String text = v.asText();
    return text.length() > 128 ? text.substring(0, 128) + "..." : text;
  }

  private static boolean isCloudEvent(JsonNode n) {
    return n.has("data") && (n.has("specversion") || n.has("type"));
  }

  private static boolean isTrailRecord(JsonNode n) {
    return n.has("eventName");
  }

  private static TrailRecord fromCloudEvent(JsonNode event, String at) {
    JsonNode data = event.get("data");
    if (!data.isObject()) {
      throw new BadInputException(at + "data: expected an ActionTrail record object, got " + kind(data));
    }
    String source = optText(event, "source", at);
    String id = optText(event, "id", at);
    String delivery = id.isEmpty() ? "" : source + "/" + id;
    TrailRecord r = record(data, at + "data.", delivery);
    String original = optText(event, "aliyunoriginalaccountid", at);
    if (!original.isEmpty() && !r.accountId().isEmpty() && !original.equals(r.accountId())) {
      throw new BadInputException(at + "aliyunoriginalaccountid: " + original
          + " differs from data.recipientAccountId " + r.accountId() + ": which account changed is unclear");
    }
    return original.isEmpty() ? r : r.toBuilder().accountId(original).build();
  }

  /** One ActionTrail record, as LookupEvents returns it (no envelope). */
  public static TrailRecord record(JsonNode r) {
    return record(r, "", "");
  }

  private static TrailRecord record(JsonNode r, String at, String delivery) {
    String eventId = optText(r, "eventId", at);
    JsonNode identity = r.get("userIdentity");
    Actor actor = Actor.unknown();
    if (identity != null && !identity.isNull()) {
      if (!identity.isObject()) {
        throw new BadInputException(at + "userIdentity: expected an object, got " + kind(identity));
      }
      String p = at + "userIdentity.";
      actor = new Actor(optText(identity, "type", p), optText(identity, "userName", p),
          optText(identity, "principalId", p), optText(identity, "accountId", p),
          optText(identity, "accessKeyId", p));
    }
    String eventName = optText(r, "eventName", at);
    if (eventName.isEmpty()) {
      throw new BadInputException(at + "eventName: required");
    }
    return TrailRecord.builder()
        .deliveryId(delivery.isEmpty() ? eventId : delivery)
        .eventId(eventId)
        .eventName(eventName)
        .eventSource(optText(r, "eventSource", at))
        .serviceName(optText(r, "serviceName", at))
        .eventRw(optText(r, "eventRW", at))
        .eventTime(optText(r, "eventTime", at))
        .errorCode(optText(r, "errorCode", at))
        .requestParameters(parameters(r.get("requestParameters"), at + "requestParameters"))
        .actor(actor)
        .sourceIp(optText(r, "sourceIpAddress", at))
        .userAgent(optText(r, "userAgent", at))
        .accountId(optText(r, "recipientAccountId", at))
        .build();
  }

  /** requestParameters: an object (values may be numbers), or that object JSON-encoded as a string. */
  private static Map<String, String> parameters(JsonNode node, String at) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      try {
        node = Json.parse(JSON, node.asText().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new BadInputException(at + ": a string that is not a JSON object");
      }
      if (node.isMissingNode()) {
        return out;
      }
    }
    if (!node.isObject()) {
      throw new BadInputException(at + ": expected an object, got " + kind(node));
    }
    node.fields().forEachRemaining(f -> {
      JsonNode v = f.getValue();
      if (v.isValueNode() && !v.isNull()) {
        out.put(f.getKey(), v.asText());
      }
    });
    return out;
  }

  private static Command command(JsonNode root) {
    String actionText = optText(root, "action", "");
    Command.Action action;
    try {
      action = Command.Action.valueOf(actionText.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("action: must be one of check, restore, scan, history, baseline, control-policy, doctor");
    }
    String role = optText(root, "roleName", "");
    if (action.needsRole() && role.isEmpty()) {
      throw new BadInputException("roleName: required for action " + action.wireName());
    }
    if (!role.isEmpty() && !role.matches("[A-Za-z0-9.\\-]{1,64}")) {
      throw new BadInputException("roleName: not a RAM role name (1-64 letters, digits, '.', '-')");
    }
    int hours = 24;
    JsonNode h = root.get("hours");
    if (h != null && !h.isNull()) {
      if (!h.canConvertToInt() || !h.isIntegralNumber() || h.asInt() < 1 || h.asInt() > 2160) {
        throw new BadInputException("hours: must be a whole number from 1 to 2160 (90 days)");
      }
      hours = h.asInt();
    }
    JsonNode sendTest = root.get("sendTest");
    if (sendTest != null && !sendTest.isNull() && !sendTest.isBoolean()) {
      throw new BadInputException("sendTest: must be true or false");
    }
    if (sendTest != null && sendTest.asBoolean() && action != Command.Action.DOCTOR) {
      throw new BadInputException("sendTest: only for action doctor");
    }
    String account = optText(root, "accountId", "");
    if (!account.isEmpty() && !account.matches("[0-9]{5,32}")) {
      throw new BadInputException("accountId: not an Alibaba Cloud account id (digits)");
    }
    return new Command(action, role, hours, sendTest != null && sendTest.asBoolean(), account);
  }

  /** A scalar field as text; absent or null is empty; an object or array is an error. */
  private static String optText(JsonNode node, String field, String at) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isValueNode()) {
      throw new BadInputException(at + field + ": expected a string, got " + kind(v));
    }
    return v.asText();
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
