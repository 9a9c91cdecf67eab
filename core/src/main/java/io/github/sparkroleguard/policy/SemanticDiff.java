package io.github.sparkroleguard.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an edit means: permissions lost (jobs may break), permissions gained (a hole), principals
 * added or removed (who may assume the role), or nothing (reordering, reformatting, redundant
 * entries). Each (action, resource) pair that appears together in a statement of either document
 * is evaluated under both; a wildcard in a pattern is probed with a token no real name has, so
 * {@code oss:*} stands for "some oss action" and is covered by {@code *} but not by {@code oss:Get*}.
 * Pure.
 */
public final class SemanticDiff {
  /** The meaning of an edit. */
  public enum Kind {
    COSMETIC,
    BREAKING,
    WIDENING,
    BREAKING_AND_WIDENING;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final String WILD = "\u2217any";
  /** Lines kept per kind of change; the rest are counted, by service. */
  static final int KEPT = 40;
  /** A line longer than this (a very long resource) is cut. */
  static final int LINE_CHARS = 300;
  /** Most lines {@link #lines()} returns before one "and N more" line. */
  public static final int MAX_LINES = 40;

  private final Changes lost;
  private final Changes gained;
  private final Changes conditional;
  private final List<String> principalsAdded;
  private final List<String> principalsRemoved;
  private final boolean compared;

  private SemanticDiff(Changes lost, Changes gained, Changes conditional, List<String> principalsAdded,
      List<String> principalsRemoved, boolean compared) {
    this.lost = lost;
    this.gained = gained;
    this.conditional = conditional;
    this.principalsAdded = List.copyOf(principalsAdded);
    this.principalsRemoved = List.copyOf(principalsRemoved);
    this.compared = compared;
  }

  /**
   * The meaning of an edit. Work and memory stay bounded whatever the documents' shape: the
   * pairs are decided through {@link PairMatrix}, and only the first {@value #KEPT} lines of each
   * kind are kept, the rest counted per service.
   */
  public static SemanticDiff between(String pinnedDocument, String liveDocument) {
    Policy pinned = Policy.parse(pinnedDocument);
    Policy live = Policy.parse(liveDocument);
    Changes lost = new Changes();
    Changes gained = new Changes();
    Changes conditional = new Changes();
    PairMatrix matrix = PairMatrix.of(pinned, live);
    if (matrix != null) {
      matrix.forEachChange((action, description, before, after) -> {
        if (before == Decision.CONDITIONAL || after == Decision.CONDITIONAL) {
          conditional.add(action, description + ": " + word(before) + " -> " + word(after));
        } else if (before == Decision.ALLOW) {
          lost.add(action, description);
        } else if (after == Decision.ALLOW) {
          gained.add(action, description);
        }
      });
    }
    Set<String> before = principals(pinned);
    Set<String> after = principals(live);
    List<String> added = new ArrayList<>(after);
    added.removeAll(before);
    List<String> removed = new ArrayList<>(before);
    removed.removeAll(after);
    return new SemanticDiff(lost, gained, conditional, added, removed, matrix != null);
  }

  public Kind kind() {
    if (!compared) {
      return Kind.BREAKING_AND_WIDENING; // too large to compare: assume the worst, never "cosmetic"
    }
    boolean breaking = lost.count > 0 || !principalsRemoved.isEmpty();
    boolean widening = gained.count > 0 || !principalsAdded.isEmpty() || conditional.count > 0;
    if (breaking && widening) {
      return Kind.BREAKING_AND_WIDENING;
    }
    return breaking ? Kind.BREAKING : widening ? Kind.WIDENING : Kind.COSMETIC;
  }

  /** The first {@value #KEPT} (action, resource) pairs the live document no longer allows. */
  public List<String> lost() {
    return List.copyOf(lost.kept);
  }

  /** The first {@value #KEPT} pairs the live document newly allows. */
  public List<String> gained() {
    return List.copyOf(gained.kept);
  }

  public List<String> principalsAdded() {
    return principalsAdded;
  }

  public List<String> principalsRemoved() {
    return principalsRemoved;
  }

  /** The first {@value #KEPT} pairs whose outcome now depends, or no longer depends, on a Condition. */
  public List<String> conditional() {
    return List.copyOf(conditional.kept);
  }

  /**
   * The change in plain words, one line each ("lost oss:PutObject on ...", "may now be assumed
   * by ..."), at most {@value #MAX_LINES}, then one line counting the rest by service.
   */
  public List<String> lines() {
    List<String> all = new ArrayList<>();
    if (!compared) {
      all.add("the documents hold too many (action, resource) pairs to compare one by one");
    }
    principalsAdded.forEach(p -> all.add("may now be assumed by " + p));
    principalsRemoved.forEach(p -> all.add("may no longer be assumed by " + p));
    lost.kept.forEach(l -> all.add("lost " + l));
    gained.kept.forEach(g -> all.add("gained " + g));
    conditional.kept.forEach(c -> all.add("conditional " + c));
    int total = principalsAdded.size() + principalsRemoved.size() + lost.count + gained.count + conditional.count
        + (compared ? 0 : 1);
    if (total <= MAX_LINES) {
      return all;
    }
    List<String> out = new ArrayList<>(all.subList(0, MAX_LINES));
    int more = total - MAX_LINES;
    StringBuilder b = new StringBuilder("... and ").append(more).append(" more:");
    String sep = " ";
    for (Changes c : List.of(lost, gained, conditional)) {
      if (c.count > 0) {
        b.append(sep).append(c.count).append(' ').append(c == lost ? "lost" : c == gained ? "gained" : "conditional")
            .append(" in all (").append(c.byService()).append(')');
        sep = "; ";
      }
    }
    out.add(b.toString());
    return out;
  }

  /** One kind of change: the first lines, the total, and the total per service. */
  private static final class Changes {
    private static final int SERVICES_NAMED = 8;
    final List<String> kept = new ArrayList<>();
    final Map<String, Integer> services = new TreeMap<>();
    int count;

    void add(String action, String line) {
      count++;
      if (kept.size() < KEPT) {
        kept.add(line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS) + "...");
      }
      int colon = action.indexOf(':');
      String service = colon > 0 ? action.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : action;
      if (services.size() < 256 || services.containsKey(service)) {
        services.merge(service, 1, Integer::sum);
      }
    }

    String byService() {
      StringBuilder b = new StringBuilder();
      services.entrySet().stream()
          .sorted((x, y) -> y.getValue() - x.getValue())
          .limit(SERVICES_NAMED)
          .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
      if (services.size() > SERVICES_NAMED) {
        b.append(", ").append(services.size() - SERVICES_NAMED).append(" more services");
      }
      return b.toString();
    }
  }

  /** Who may assume the role: "Service spark.emr-serverless.aliyuncs.com", "RAM acs:ram::1:root". */
  private static Set<String> principals(Policy p) {
    Set<String> out = new LinkedHashSet<>();
    for (Statement s : p.statements()) {
      if (s.effect() != Statement.Effect.ALLOW || s.principals.isEmpty()
          || !s.coversAction("sts:AssumeRole")) {
        continue;
      }
      s.principals.forEach((type, values) -> values.forEach(v -> out.add(type + " " + v
          + (s.conditional() ? " (if " + s.condition + ")" : ""))));
    }
    return out;
  }

  private static String word(Decision d) {
    return d.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
