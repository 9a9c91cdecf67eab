package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compact before/after difference of two documents for people: each statement expanded to
 * lines of "Effect action on resource" (plus principals and conditions), then the lines only
 * one side has. Textual, not wildcard-aware: {@code oss:*} and {@code oss:PutObject} are different
 * lines here (the policy evaluator decides what is actually granted).
 */
public final class PolicyDiff {
  private final List<String> added;
  private final List<String> removed;

  private PolicyDiff(List<String> added, List<String> removed) {
    this.added = List.copyOf(added);
    this.removed = List.copyOf(removed);
  }

  /** Lines the live document has and the pinned one lacks. */
  public List<String> added() {
    return added;
  }

  /** Lines the pinned document has and the live one lacks. */
  public List<String> removed() {
    return removed;
  }

  /** The difference; a document that does not parse is shown as one line saying so. */
  public static PolicyDiff between(String pinned, String live) {
    Set<String> before = lines(pinned);
    Set<String> after = lines(live);
    List<String> added = new ArrayList<>(after);
    added.removeAll(before);
    List<String> removed = new ArrayList<>(before);
    removed.removeAll(after);
    return new PolicyDiff(added, removed);
  }

  static Set<String> lines(String document) {
    Set<String> out = new TreeSet<>();
    if (document == null) {
      return out;
    }
    JsonNode doc;
    try {
      doc = PolicyDocuments.canonicalTree(PolicyDocuments.parse(document));
    } catch (PolicyFormatException e) {
      out.add("(unreadable document: " + e.getMessage() + ")");
      return out;
    }
    for (JsonNode s : doc.path("Statement")) {
      String effect = s.path("Effect").asText("?");
      String suffix = suffix(s);
      List<String> actions = values(s, "Action", "NotAction");
      List<String> resources = values(s, "Resource", "NotResource");
      for (String a : actions) {
        if (resources.isEmpty()) {
          out.add(effect + " " + a + suffix);
        }
        for (String r : resources) {
          out.add(effect + " " + a + " on " + r + suffix);
        }
      }
    }
    return out;
  }

  private static List<String> values(JsonNode s, String key, String notKey) {
    List<String> out = new ArrayList<>();
    s.path(key).forEach(v -> out.add(v.asText()));
    s.path(notKey).forEach(v -> out.add("NOT " + v.asText()));
    return out;
  }

  private static String suffix(JsonNode s) {
    StringBuilder b = new StringBuilder();
    if (s.has("Principal")) {
      s.get("Principal").fields().forEachRemaining(p -> p.getValue().forEach(v ->
          b.append(b.length() == 0 ? " for " : ", ").append(p.getKey()).append(' ').append(v.asText())));
    }
    if (s.has("Condition")) {
      b.append(" if ").append(Json.write(s.get("Condition")));
    }
    return b.toString();
  }
}
