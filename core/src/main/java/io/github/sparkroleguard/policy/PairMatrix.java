package io.github.sparkroleguard.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The (action, resource) pairs that appear together in a statement of either document, and each
 * document's decision for every pair, computed without evaluating the documents pair by pair.
 * A document just under RAM's 6,144-byte limit can hold a few hundred actions and resources in
 * one statement, so a hundred thousand pairs; evaluating each one against every statement, with a
 * string per pair, took seconds and tens of megabytes. Here each distinct action and resource is
 * matched against the statements once (a bit set of the statements that cover it), a pair's
 * decision is the intersection of two bit sets, and the pairs seen are one bit each. The
 * decisions are exactly {@link Evaluator#decide}'s (a test holds the two together). Pure.
 */
final class PairMatrix {
  /** Receives a changed pair once, in the order of first appearance (pinned document first). */
  interface PairVisitor {
    void visit(String action, String description, Decision before, Decision after);
  }

  /** Most pair slots (distinct actions x distinct resources); two legal documents need at most about 6 M. */
  static final long MAX_SLOTS = 1L << 25;

  private final List<Policy> policies;
  private final Map<String, Integer> actions = new LinkedHashMap<>();
  private final Map<String, Integer> resources = new LinkedHashMap<>();
  private final Map<Long, String> notActionDescriptions = new LinkedHashMap<>();

  private PairMatrix(List<Policy> policies) {
    this.policies = policies;
  }

  /** The matrix of both documents, or null when even the matrix would pass {@link #MAX_SLOTS}. */
  static PairMatrix of(Policy pinned, Policy live) {
    PairMatrix m = new PairMatrix(List.of(pinned, live));
    for (Policy p : m.policies) {
      for (Statement s : p.statements()) {
        if (s.notAction) {
          long key = m.slot(m.index(m.actions, probe("*")), m.index(m.resources, probe(first(s.resources))));
          m.notActionDescriptions.put(key, "actions other than " + s.actions + on(s.resources));
        }
        for (String a : s.notAction ? List.<String>of() : s.actions) {
          m.index(m.actions, probe(a));
        }
        for (String r : resourcesOf(s)) {
          m.index(m.resources, probe(r));
        }
      }
    }
    return (long) m.actions.size() * m.resources.size() > MAX_SLOTS ? null : m;
  }

  /** Visits every pair whose decision differs between the documents, once, in order of first appearance. */
  void forEachChange(PairVisitor visitor) {
    Table before = new Table(policies.get(0));
    Table after = new Table(policies.get(1));
    BitSet seen = new BitSet();
    int width = resources.size();
    for (Policy p : policies) {
      for (Statement s : p.statements()) {
        if (s.notAction) {
          visitOnce(seen, actions.get(probe("*")), resources.get(probe(first(s.resources))), width, "*", null,
              before, after, visitor);
        }
        for (String a : s.notAction ? List.<String>of() : s.actions) {
          int ai = actions.get(probe(a));
          for (String r : resourcesOf(s)) {
            visitOnce(seen, ai, resources.get(probe(r)), width, a, r, before, after, visitor);
          }
        }
      }
    }
  }

  private void visitOnce(BitSet seen, int ai, int ri, int width, String action, String resource,
      Table before, Table after, PairVisitor visitor) {
    int slot = (int) ((long) ai * width + ri);
    if (seen.get(slot)) {
      return;
    }
    seen.set(slot);
    Decision b = before.decide(ai, ri);
    Decision a = after.decide(ai, ri);
    if (b == a) {
      return;
    }
    String d = notActionDescriptions.get(slot(ai, ri));
    if (d == null) {
      d = action + (resource.isEmpty() ? "" : " on " + resource);
    }
    visitor.visit(action, d, b, a);
  }

  private long slot(int ai, int ri) {
    return ((long) ai << 32) | ri;
  }

  private int index(Map<String, Integer> map, String key) {
    return map.computeIfAbsent(key, k -> map.size());
  }

  /** One document's statements that cover each action and each resource, as bit sets. */
  private final class Table {
    private final long[][] byAction;
    private final long[][] byResource;
    private final long[] allow;
    private final long[] allowIf;
    private final long[] deny;
    private final long[] denyIf;

    Table(Policy policy) {
      List<Statement> statements = policy.statements();
      int words = (statements.size() + 63) / 64;
      allow = new long[words];
      allowIf = new long[words];
      deny = new long[words];
      denyIf = new long[words];
      for (int i = 0; i < statements.size(); i++) {
        Statement s = statements.get(i);
        long[] into = s.effect() == Statement.Effect.DENY ? (s.conditional() ? denyIf : deny)
            : (s.conditional() ? allowIf : allow);
        into[i >> 6] |= 1L << (i & 63);
      }
      byAction = new long[actions.size()][];
      List<String> actionNames = new ArrayList<>(actions.keySet());
      for (int ai = 0; ai < actionNames.size(); ai++) {
        byAction[ai] = cover(statements, words, actionNames.get(ai), true);
      }
      byResource = new long[resources.size()][];
      List<String> resourceNames = new ArrayList<>(resources.keySet());
      for (int ri = 0; ri < resourceNames.size(); ri++) {
        byResource[ri] = cover(statements, words, resourceNames.get(ri), false);
      }
    }

    private long[] cover(List<Statement> statements, int words, String probe, boolean action) {
      long[] bits = new long[words];
      String lower = action ? probe.toLowerCase(java.util.Locale.ROOT) : probe;
      for (int i = 0; i < statements.size(); i++) {
        Statement s = statements.get(i);
        if (action ? s.coversLowerAction(lower) : s.coversResource(probe)) {
          bits[i >> 6] |= 1L << (i & 63);
        }
      }
      return bits;
    }

    /** {@link Evaluator#decide}'s answer for the pair, from the two bit sets. */
    Decision decide(int ai, int ri) {
      long[] x = byAction[ai];
      long[] y = byResource[ri];
      boolean allowed = false;
      boolean conditionalAllow = false;
      boolean conditionalDeny = false;
      for (int w = 0; w < x.length; w++) {
        long m = x[w] & y[w];
        if ((m & deny[w]) != 0) {
          return Decision.DENY;
        }
        allowed |= (m & allow[w]) != 0;
        conditionalAllow |= (m & allowIf[w]) != 0;
        conditionalDeny |= (m & denyIf[w]) != 0;
      }
      if (allowed) {
        return conditionalDeny ? Decision.CONDITIONAL : Decision.ALLOW;
      }
      return conditionalAllow ? Decision.CONDITIONAL : Decision.IMPLICIT_DENY;
    }
  }

  private static List<String> resourcesOf(Statement s) {
    return s.resources.isEmpty() ? List.of("") : s.notResource ? List.of("*") : s.resources;
  }

  static String probe(String pattern) {
    return pattern.replace("*", SemanticDiff.WILD).replace("?", "Q");
  }

  private static String first(List<String> resources) {
    return resources.isEmpty() ? "" : resources.get(0);
  }

  private static String on(List<String> resources) {
    return resources.isEmpty() ? "" : " on " + String.join(", ", resources);
  }
}
