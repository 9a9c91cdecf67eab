package io.github.sparkroleguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compact before/after difference of two documents for people: each statement expanded to
 * lines of "Effect action on resource" (plus principals and conditions), then the lines only
 * one side has. Textual, not wildcard-aware: {@code oss:*} and {@code oss:PutObject} are different
 * lines here (the policy evaluator decides what is actually granted). Bounded: when the
 * expansion would pass {@value #MAX_EXPANDED} lines (a legal 6 KB document can expand to a
 * hundred thousand), whole statements are compared instead, each shown as one summary line; at
 * most {@value #KEPT} lines of each side are kept, the rest counted.
 */
public final class PolicyDiff {
  /** Most expanded lines (both documents) before the diff compares whole statements. */
  static final int MAX_EXPANDED = 2_000;
  /** Lines kept per side. */
  static final int KEPT = 40;
  private static final int LINE_CHARS = 300;

  private final List<String> added;
  private final List<String> removed;
  private final int addedCount;
  private final int removedCount;

  private PolicyDiff(List<String> added, int addedCount, List<String> removed, int removedCount) {
    this.added = List.copyOf(added);
    this.removed = List.copyOf(removed);
    this.addedCount = addedCount;
    this.removedCount = removedCount;
  }

  /** The first {@value #KEPT} lines the live document has and the pinned one lacks. */
  public List<String> added() {
    return added;
  }

  /** The first {@value #KEPT} lines the pinned document has and the live one lacks. */
  public List<String> removed() {
    return removed;
  }

  /** How many lines the live document has and the pinned one lacks, kept or not. */
  public int addedCount() {
    return addedCount;
  }

  public int removedCount() {
    return removedCount;
  }

  /** The difference; a document that does not parse is shown as one line saying so. */
  public static PolicyDiff between(String pinned, String live) {
    JsonNode before = tree(pinned);
    JsonNode after = tree(live);
    boolean whole = expandedSize(before) + expandedSize(after) > MAX_EXPANDED;
    Set<String> b = whole ? statements(before) : lines(before);
    Set<String> a = whole ? statements(after) : lines(after);
    List<String> addedAll = new ArrayList<>(a);
    addedAll.removeAll(b);
    List<String> removedAll = new ArrayList<>(b);
    removedAll.removeAll(a);
    return new PolicyDiff(first(addedAll), addedAll.size(), first(removedAll), removedAll.size());
  }

  /** The first {@value #KEPT} lines, each cut at {@value #LINE_CHARS} characters. */
  private static List<String> first(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines.subList(0, Math.min(KEPT, lines.size()))) {
      out.add(l.length() <= LINE_CHARS ? l : l.substring(0, LINE_CHARS) + "...");
    }
    return out;
  }

  private static JsonNode tree(String document) {
    if (document == null) {
      return null;
    }
    try {
      return PolicyDocuments.canonicalTree(PolicyDocuments.parse(document));
    } catch (PolicyFormatException e) {
      return Json.object().put("unreadable", e.getMessage());
    }
  }

  private static long expandedSize(JsonNode doc) {
    long n = 0;
    if (doc != null) {
      for (JsonNode s : doc.path("Statement")) {
        long actions = s.path("Action").size() + s.path("NotAction").size();
        long resources = s.path("Resource").size() + s.path("NotResource").size();
        n += actions * Math.max(1, resources);
      }
    }
    return n;
  }

  private static Set<String> lines(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    if (doc == null) {
      return out;
    }
    if (doc.has("unreadable")) {
      out.add("(unreadable document: " + doc.get("unreadable").asText() + ")");
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

  /** One line per statement: "Allow 300 actions (a:b, a:c, ...) on 200 resources (...)". */
  private static Set<String> statements(JsonNode doc) {
    Set<String> out = new LinkedHashSet<>();
    if (doc == null) {
      return out;
    }
    if (doc.has("unreadable")) {
      out.add("(unreadable document: " + doc.get("unreadable").asText() + ")");
      return out;
    }
    for (JsonNode s : doc.path("Statement")) {
      List<String> resources = values(s, "Resource", "NotResource");
      out.add(s.path("Effect").asText("?") + " " + listed(values(s, "Action", "NotAction"), "action")
          + (resources.isEmpty() ? "" : " on " + listed(resources, "resource")) + suffix(s));
    }
    return out;
  }

  private static String listed(List<String> values, String noun) {
    if (values.size() == 1) {
      return values.get(0);
    }
    String shown = String.join(", ", values.subList(0, Math.min(3, values.size())));
    return values.size() + " " + noun + "s (" + shown + (values.size() > 3 ? ", ..." : "") + ")";
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
    if (s.has("Condition") && !Statement.noCondition("Condition", s.get("Condition"))) {
      b.append(" if ").append(Json.write(s.get("Condition")));
    }
    return b.toString();
  }
}
