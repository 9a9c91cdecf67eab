package io.github.sparkroleguard.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a custom execution role still covers what Spark needs: the actions granted by the
 * current system policy AliyunEMRSparkJobRunDefaultRolePolicy that it lacks (on any resource; a
 * custom role narrows resources by design), and each need of a declared workspace, decided by
 * the evaluator. Pure.
 */
public final class Coverage {
  /** One thing a workspace needs the role to allow: an action on a resource, said in words. */
  public static final class Wanted {
    public final String what;
    public final String action;
    public final String resource;

    public Wanted(String what, String action, String resource) {
      this.what = what;
      this.action = action;
      this.resource = resource;
    }
  }

  /** One declared need and its decision. */
  public static final class Need {
    public final String what;
    public final String action;
    public final String resource;
    public final Decision decision;

    Need(Wanted wanted, Decision decision) {
      this.what = wanted.what;
      this.action = wanted.action;
      this.resource = wanted.resource;
      this.decision = decision;
    }
  }

  private final List<String> lackingSystemActions;
  private final List<Need> needs;

  private Coverage(List<String> lackingSystemActions, List<Need> needs) {
    this.lackingSystemActions = List.copyOf(lackingSystemActions);
    this.needs = List.copyOf(needs);
  }

  /** Actions the system policy allows that the role allows on no resource at all. */
  public List<String> lackingSystemActions() {
    return lackingSystemActions;
  }

  public List<Need> needs() {
    return needs;
  }

  /** True when every declared need is allowed and nothing of the system policy is lacking. */
  public boolean complete() {
    return lackingSystemActions.isEmpty() && needs.stream().allMatch(n -> n.decision == Decision.ALLOW);
  }

  /**
   * @param systemPolicy the live system policy's document, or null if it could not be read
   * @param roleDocuments the documents of every policy attached to the role
   * @param wanted what the role's workspace needs (see {@link SparkNeeds}); empty when none is declared
   */
  public static Coverage of(String systemPolicy, List<String> roleDocuments, List<Wanted> wanted) {
    List<Policy> role = new ArrayList<>();
    Set<String> resources = new LinkedHashSet<>();
    resources.add("*");
    for (String d : roleDocuments) {
      Policy p = Policy.parse(d);
      role.add(p);
      p.statements().forEach(s -> s.resources.forEach(r -> resources.add(r.replace("*", "\u2217any"))));
    }
    List<String> lacking = new ArrayList<>();
    if (systemPolicy != null) {
      Set<String> granted = new LinkedHashSet<>();
      for (Statement s : Policy.parse(systemPolicy).statements()) {
        if (s.effect() == Statement.Effect.ALLOW && !s.notAction) {
          granted.addAll(s.actions);
        }
      }
      for (String action : granted) {
        String probe = action.replace("*", "\u2217any");
        boolean covered = resources.stream().anyMatch(r -> Evaluator.decide(role, probe, r) == Decision.ALLOW);
        if (!covered) {
          lacking.add(action);
        }
      }
    }
    List<Need> needs = new ArrayList<>();
    for (Wanted w : wanted) {
      needs.add(new Need(w, Evaluator.decide(role, w.action, w.resource)));
    }
    return new Coverage(lacking, needs);
  }
}
