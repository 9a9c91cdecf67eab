package io.github.sparkroleguard.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.InvisibleEscapes;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who an OSS bucket policy lets make the guard forget: each Allow statement is evaluated, without
 * its Principal, with the project's evaluator for every (action, ARN) the caller names (writes to
 * keys under the prefix, and bucket-level writes such as a lifecycle rule); the statement's
 * principals are then writers ({@code *}: anyone). The account and region parts of an
 * {@code acs:oss} resource are read as {@code *} (the bucket has one owner, which the guard need not
 * know, and bucket names are global), so a resource that names the owner matches. Deny statements
 * are not weighed against the Allows (their conditions usually except the guard, which cannot be
 * evaluated here): this says who is let in, not who gets through. A statement of a shape it does not
 * know is listed as not understood, never taken to let no one in. The policy comes from the bucket:
 * untrusted, bounded. Pure: no I/O.
 */
final class BucketPolicyWriters {
  /** Statements read at most (a bucket policy is at most 16 KB [doc: OSS error 0030-00000001]). */
  static final int MAX_STATEMENTS = 200;
  /** Principals named at most; the rest are counted. */
  static final int MAX_NAMED = 10;
  /** Longest principal shown, in code points. */
  static final int MAX_SHOWN = 120;

  /** Anyone may write without a condition. */
  boolean anyone;
  /** Anyone may write under a condition the evaluator does not decide. */
  boolean anyoneIf;
  /** Named principals that may write (with or without a condition). */
  final Set<String> named = new LinkedHashSet<>();
  int namedOmitted;
  /** Statements it could not read, by number: they may let anyone in. */
  final List<String> unreadable = new ArrayList<>();

  private BucketPolicyWriters() {}

  /**
   * @param json the bucket policy's text
   * @param writes action -> the ARNs it must not reach, e.g. {@code oss:PutObject} ->
   *     {@code acs:oss:*:*:<bucket>/<prefix>last-delivery}, ...
   */
  static BucketPolicyWriters of(String json, Map<String, List<String>> writes) {
    BucketPolicyWriters w = new BucketPolicyWriters();
    JsonNode doc;
    try {
      doc = Json.parse(json);
    } catch (java.io.IOException e) {
      w.unreadable.add("the policy is not JSON");
      return w;
    }
    JsonNode statements = doc.path("Statement");
    if (statements.isObject()) {
      statements = Json.array().add(statements);
    }
    if (!statements.isArray()) {
      w.unreadable.add("the policy has no Statement");
      return w;
    }
    for (int i = 0; i < Math.min(statements.size(), MAX_STATEMENTS); i++) {
      w.read(statements.get(i), "Statement[" + i + "]", writes);
    }
    if (statements.size() > MAX_STATEMENTS) {
      w.unreadable.add("the " + (statements.size() - MAX_STATEMENTS) + " statements past the first " + MAX_STATEMENTS);
    }
    return w;
  }

  private void read(JsonNode s, String at, Map<String, List<String>> writes) {
    String effect = s.path("Effect").asText();
    if (effect.equals("Deny")) {
      return;
    }
    List<String> principals = principals(s.path("Principal"));
    if (!effect.equals("Allow") || principals.isEmpty()) {
      unreadable.add(at);
      return;
    }
    Decision d = Decision.DENY;
    try {
      ObjectNode alone = s.deepCopy();
      alone.remove("Principal");
      alone.remove("Sid"); // a label, no meaning for who may write
      for (String field : List.of("Resource", "NotResource")) {
        if (alone.has(field)) {
          alone.set(field, anyOwner(alone.get(field)));
        }
      }
      ObjectNode one = Json.object().put("Version", "1");
      one.putArray("Statement").add(alone);
      Policy p = Policy.parse(Json.write(one));
      for (Map.Entry<String, List<String>> e : writes.entrySet()) {
        for (String arn : e.getValue()) {
          Decision a = Evaluator.decide(p, e.getKey(), arn);
          if (a == Decision.ALLOW || (a == Decision.CONDITIONAL && d != Decision.ALLOW)) {
            d = a;
          }
        }
      }
    } catch (RuntimeException e) { // PolicyFormatException, or anything else the bucket's text provokes
      unreadable.add(at);
      return;
    }
    if (d != Decision.ALLOW && d != Decision.CONDITIONAL) {
      return;
    }
    for (String principal : principals) {
      if (principal.equals("*")) {
        anyone |= d == Decision.ALLOW;
        anyoneIf |= d == Decision.CONDITIONAL;
      } else if (named.size() < MAX_NAMED) {
        named.add(shown(principal) + (d == Decision.CONDITIONAL ? " (under a condition)" : ""));
      } else {
        namedOmitted++;
      }
    }
  }

  /**
   * A list of strings or one string; an empty list is {@code *} [doc: OSS "Authorization syntax and
   * elements": "an empty list [ ] equals [\"*\"]"]; anything else (an object, other types): none,
   * so the statement is not understood.
   */
  private static List<String> principals(JsonNode p) {
    List<String> out = new ArrayList<>();
    if (p.isArray() && p.isEmpty()) {
      out.add("*");
    } else if (p.isTextual()) {
      out.add(p.asText());
    } else if (p.isArray()) {
      for (JsonNode x : p) {
        if (!x.isTextual()) {
          return List.of();
        }
        out.add(x.asText());
      }
    }
    return out;
  }

  /** {@code acs:oss:<region>:<account>:<rest>} as {@code acs:oss:*:*:<rest>}; other values as they are. */
  private static JsonNode anyOwner(JsonNode resources) {
    if (resources.isTextual()) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(anyOwner(resources.asText()));
    }
    if (!resources.isArray()) {
      return resources;
    }
    ArrayNode out = Json.array();
    resources.forEach(r -> {
      if (r.isTextual()) {
        out.add(anyOwner(r.asText()));
      } else {
        out.add(r);
      }
    });
    return out;
  }

  private static String anyOwner(String arn) {
    String[] parts = arn.split(":", 5);
    if (parts.length == 5 && parts[0].equals("acs") && parts[1].equals("oss")) {
      return "acs:oss:*:*:" + parts[4];
    }
    return arn;
  }

  /** A principal as written in the bucket's policy: one line, no invisible or control characters, bounded. */
  private static String shown(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(MAX_SHOWN)
        .forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || InvisibleEscapes.invisible(cp) ? ' ' : cp));
    return s.codePointCount(0, s.length()) > MAX_SHOWN ? out + "..." : out.toString();
  }
}
