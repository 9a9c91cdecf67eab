package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.testing.TestJson;
import io.github.sparkroleguard.testing.WorstCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The semantic and textual diffs stay bounded for the worst legal document, and the fast pair
 * decisions stay exactly those of the evaluator (checked against a pair-by-pair reference).
 */
class SemanticDiffBoundsTest {
  @Test
  void between_worstCaseDocument_linesCappedAndCountedByService() {
    SemanticDiff d = SemanticDiff.between(SemanticDiffTest.CUSTOM, WorstCase.document(0));
    assertEquals(SemanticDiff.Kind.BREAKING_AND_WIDENING, d.kind());
    List<String> lines = d.lines();
    assertEquals(SemanticDiff.MAX_LINES + 1, lines.size());
    String last = lines.get(lines.size() - 1);
    int pairs = WorstCase.pairs(WorstCase.document(0));
    assertTrue(last.contains("; " + pairs + " gained in all (") && last.contains("oss " + pairs / 6), last);
    assertTrue(last.startsWith("... and "), last);
    assertTrue(d.gained().size() <= SemanticDiff.KEPT);
  }

  @Test
  void between_twoWorstCaseDocuments_oneOfThemPinned_isCappedToo() {
    SemanticDiff d = SemanticDiff.between(WorstCase.document(1), WorstCase.document(2));
    assertEquals(SemanticDiff.Kind.BREAKING_AND_WIDENING, d.kind());
    assertEquals(SemanticDiff.MAX_LINES + 1, d.lines().size());
    assertEquals(SemanticDiff.Kind.COSMETIC, SemanticDiff.between(WorstCase.document(1), WorstCase.document(1)).kind());
  }

  @Test
  void policyDiff_worstCaseDocument_comparesWholeStatementsAndKeepsFewLines() {
    PolicyDiff d = PolicyDiff.between(SemanticDiffTest.CUSTOM, WorstCase.document(0));
    assertEquals(1, d.addedCount());
    int resources = WorstCase.pairs(WorstCase.document(0)) / 300;
    assertTrue(d.added().get(0).matches("Allow 300 actions \\(dlf:\\w+, dlf:\\w+, dlf:\\w+, \\.\\.\\.\\) on " + resources
        + " resources \\(acs:oss:\\*:\\*:b0, .*"), d.added().get(0));
    assertTrue(d.removed().size() <= PolicyDiff.KEPT);
  }

  @Test
  void policyDiff_smallDocuments_stillComparesLineByLine() {
    PolicyDiff d = PolicyDiff.between(SemanticDiffTest.CUSTOM, SemanticDiffTest.CUSTOM.replace("\"oss:PutObject\",", ""));
    assertEquals(List.of(), d.added());
    assertEquals(List.of("Allow oss:PutObject on acs:oss:*:*:serverless-spark-test-resources",
        "Allow oss:PutObject on acs:oss:*:*:serverless-spark-test-resources/*"), d.removed());
  }

  /** Property: the same lines, in the same order, as evaluating every pair with {@link Evaluator}. */
  @Test
  void between_randomDocuments_matchesThePairByPairEvaluator() throws Exception {
    String[] actions = {"oss:GetObject", "oss:PutObject", "oss:*", "dlf:Get*", "dlf:GetTable", "kms:Decrypt", "*", "oss:Get?bject", "OSS:getobject"};
    String[] resources = {"*", "acs:oss:*:*:b/*", "acs:oss:*:*:b", "acs:oss:*:*:c/*", "acs:oss:*:*:b/logs/*", "acs:oss:*:*:b?"};
    Random random = new Random(11);
    for (int i = 0; i < 1500; i++) {
      String a = randomDoc(random, actions, resources);
      String b = random.nextInt(3) == 0 ? a : randomDoc(random, actions, resources);
      SemanticDiff fast = SemanticDiff.between(a, b);
      List<String> reference = reference(a, b);
      List<String> expected = reference.size() <= SemanticDiff.MAX_LINES ? reference : reference.subList(0, SemanticDiff.MAX_LINES);
      assertEquals(expected, fast.lines().subList(0, Math.min(fast.lines().size(), SemanticDiff.MAX_LINES)), a + "\n" + b);
      assertEquals(reference.isEmpty(), fast.kind() == SemanticDiff.Kind.COSMETIC, a + "\n" + b);
    }
  }

  static String randomDoc(Random random, String[] actions, String[] resources) {
    ObjectNode d = TestJson.MAPPER.createObjectNode().put("Version", "1");
    ArrayNode list = d.putArray("Statement");
    for (int s = 0; s <= random.nextInt(4); s++) {
      ObjectNode st = list.addObject().put("Effect", random.nextInt(4) == 0 ? "Deny" : "Allow");
      ArrayNode a = st.putArray(random.nextInt(6) == 0 ? "NotAction" : "Action");
      for (int k = 0; k <= random.nextInt(3); k++) {
        a.add(actions[random.nextInt(actions.length)]);
      }
      ArrayNode r = st.putArray(random.nextInt(6) == 0 ? "NotResource" : "Resource");
      for (int k = 0; k <= random.nextInt(2); k++) {
        r.add(resources[random.nextInt(resources.length)]);
      }
      if (random.nextInt(5) == 0) {
        st.putObject("Condition").putObject("IpAddress").putArray("acs:SourceIp").add("10.0.0.0/8");
      }
    }
    return d.toString();
  }

  /** The algorithm before the matrix: every pair evaluated against every statement. */
  static List<String> reference(String pinnedDocument, String liveDocument) {
    Policy pinned = Policy.parse(pinnedDocument);
    Policy live = Policy.parse(liveDocument);
    Map<String, String> pairs = new LinkedHashMap<>();
    for (Policy p : List.of(pinned, live)) {
      for (Statement s : p.statements()) {
        if (s.notAction) {
          pairs.put(PairMatrix.probe("*") + "\n" + PairMatrix.probe(s.resources.isEmpty() ? "" : s.resources.get(0)),
              "actions other than " + s.actions + (s.resources.isEmpty() ? "" : " on " + String.join(", ", s.resources)));
        }
        for (String a : s.notAction ? List.<String>of() : s.actions) {
          for (String r : s.resources.isEmpty() ? List.of("") : s.notResource ? List.of("*") : s.resources) {
            pairs.putIfAbsent(PairMatrix.probe(a) + "\n" + PairMatrix.probe(r), a + (r.isEmpty() ? "" : " on " + r));
          }
        }
      }
    }
    List<String> lost = new ArrayList<>();
    List<String> gained = new ArrayList<>();
    List<String> conditional = new ArrayList<>();
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      String[] ar = pair.getKey().split("\n", -1);
      Decision before = Evaluator.decide(pinned, ar[0], ar[1]);
      Decision after = Evaluator.decide(live, ar[0], ar[1]);
      if (before == after) {
        continue;
      }
      if (before == Decision.CONDITIONAL || after == Decision.CONDITIONAL) {
        conditional.add("conditional " + pair.getValue() + ": " + word(before) + " -> " + word(after));
      } else if (before == Decision.ALLOW) {
        lost.add("lost " + pair.getValue());
      } else if (after == Decision.ALLOW) {
        gained.add("gained " + pair.getValue());
      }
    }
    List<String> out = new ArrayList<>(lost);
    out.addAll(gained);
    out.addAll(conditional);
    return out;
  }

  private static String word(Decision d) {
    return d.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
