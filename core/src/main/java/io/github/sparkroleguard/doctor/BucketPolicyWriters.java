package io.github.sparkroleguard.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who an OSS bucket policy lets write an object: each Allow statement is evaluated, without its
 * Principal, with the project's evaluator for the write actions on that object's ARN; the
 * statement's principals are then writers ({@code *}: anyone). Deny statements are not weighed
 * against them (their conditions usually except the guard, which cannot be evaluated here), so this
 * says who is let in, not who gets through. The policy comes from the bucket: untrusted, bounded.
 * Pure: no I/O.
 */
final class BucketPolicyWriters {
  /** Statements read at most (a bucket policy is at most 16 KB [doc: OSS error 0030-00000001]). */
  static final int MAX_STATEMENTS = 200;
  /** Principals named at most; the rest are counted. */
  static final int MAX_NAMED = 10;

  /** Anyone may write without a condition. */
  boolean anyone;
  /** Anyone may write under a condition the evaluator does not decide. */
  boolean anyoneIf;
  /** Named principals that may write (with or without a condition). */
  final Set<String> named = new LinkedHashSet<>();
  int namedOmitted;
  /** Allow statements that could not be read, by number: they may let anyone in. */
  final List<String> unreadable = new ArrayList<>();

  private BucketPolicyWriters() {}

  /**
   * @param json the bucket policy's text
   * @param objectArn the object to write, {@code acs:oss:*:<account id>:<bucket>/<key>}
   * @param actions the write actions
   */
  static BucketPolicyWriters of(String json, String objectArn, List<String> actions) {
    BucketPolicyWriters w = new BucketPolicyWriters();
    JsonNode doc;
    try {
      doc = Json.parse(json);
    } catch (java.io.IOException e) {
      w.unreadable.add("the policy is not JSON");
      return w;
    }
    JsonNode statements = doc.path("Statement");
    if (!statements.isArray()) {
      w.unreadable.add("the policy has no Statement list");
      return w;
    }
    for (int i = 0; i < Math.min(statements.size(), MAX_STATEMENTS); i++) {
      JsonNode s = statements.get(i);
      if (!"Allow".equals(s.path("Effect").asText())) {
        continue;
      }
      Decision d;
      try {
        ObjectNode alone = s.deepCopy();
        alone.remove("Principal");
        alone.remove("Sid"); // a label, no meaning for who may write
        ObjectNode one = Json.object().put("Version", "1");
        one.putArray("Statement").add(alone);
        Policy p = Policy.parse(Json.write(one));
        d = Decision.DENY;
        for (String action : actions) {
          Decision a = Evaluator.decide(p, action, objectArn);
          if (a == Decision.ALLOW || (a == Decision.CONDITIONAL && d != Decision.ALLOW)) {
            d = a;
          }
        }
      } catch (RuntimeException e) { // PolicyFormatException, or anything else the bucket's text provokes
        w.unreadable.add("Statement[" + i + "]");
        continue;
      }
      if (d != Decision.ALLOW && d != Decision.CONDITIONAL) {
        continue;
      }
      for (String principal : principals(s.path("Principal"))) {
        if (principal.equals("*")) {
          w.anyone |= d == Decision.ALLOW;
          w.anyoneIf |= d == Decision.CONDITIONAL;
        } else if (w.named.size() < MAX_NAMED) {
          w.named.add(shown(principal) + (d == Decision.CONDITIONAL ? " (under a condition)" : ""));
        } else {
          w.namedOmitted++;
        }
      }
    }
    if (statements.size() > MAX_STATEMENTS) {
      w.unreadable.add("the " + (statements.size() - MAX_STATEMENTS) + " statements past the first " + MAX_STATEMENTS);
    }
    return w;
  }

  private static List<String> principals(JsonNode p) {
    List<String> out = new ArrayList<>();
    if (p.isTextual()) {
      out.add(p.asText());
    } else if (p.isArray()) {
      p.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  /** A principal as written in the bucket's policy: on one line, at most 120 characters. */
  private static String shown(String s) {
    String flat = s.replaceAll("\\p{Cntrl}", " ");
    return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
  }
}
