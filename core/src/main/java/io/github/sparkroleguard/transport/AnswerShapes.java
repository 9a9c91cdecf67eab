package io.github.sparkroleguard.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/**
 * What a successful answer to each read the guard makes must hold at its top level: the member
 * and its JSON type, from the response examples of the RAM 2015-05-01 and ActionTrail 2020-07-06
 * API references (PLATFORM.md sections 3 and 4). The V1 SDK reads a missing or mistyped member as
 * an empty list (ListPoliciesForRole would say "nothing attached"), so the shape is checked on the
 * raw body first. One place to change if an answer turns out to differ; that LookupEvents sends
 * an empty {@code Events} array rather than none when nothing matches is [inferred].
 */
final class AnswerShapes {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Map<String, Shape> SHAPES = Map.of(
      "GetRole", new Shape("Role", JsonToken.START_OBJECT),
      "ListPoliciesForRole", new Shape("Policies", JsonToken.START_OBJECT),
      "GetPolicy", new Shape("Policy", JsonToken.START_OBJECT),
      "ListPolicyVersions", new Shape("PolicyVersions", JsonToken.START_OBJECT),
      "GetPolicyVersion", new Shape("PolicyVersion", JsonToken.START_OBJECT),
      "LookupEvents", new Shape("Events", JsonToken.START_ARRAY));

  private static final class Shape {
    final String member;
    final JsonToken start;

    Shape(String member, JsonToken start) {
      this.member = member;
      this.start = start;
    }

    String type() {
      return start == JsonToken.START_OBJECT ? "an object" : "an array";
    }
  }

  private AnswerShapes() {}

  /**
   * Null when the body is one complete JSON object and, for a successful answer to a read listed
   * above, has its member with the right type; else what is wrong, in words.
   */
  static String problem(String action, boolean success, byte[] body) {
    Shape shape = success && action != null ? SHAPES.get(action) : null;
    boolean found = false;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object";
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.getCurrentName();
        JsonToken value = p.nextToken();
        if (shape != null && name.equals(shape.member)) {
          if (value != shape.start) {
            return shape.member + " is not " + shape.type();
          }
          found = true;
        }
        p.skipChildren();
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return "not one complete JSON object";
      }
    } catch (IOException e) {
      return "not a complete JSON object";
    }
    return shape != null && !found ? "no " + shape.member : null;
  }
}
