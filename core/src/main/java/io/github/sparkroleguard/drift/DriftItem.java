package io.github.sparkroleguard.drift;

import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.policy.SemanticDiff;
import java.util.Objects;

/** One difference between a role's baseline and its live state. */
public final class DriftItem {
  /** The kinds of drift, each with how bad it is for the workspace's jobs. */
  public enum Kind {
    ROLE_MISSING(Severity.CRITICAL),
    TRUST_POLICY_CHANGED(Severity.CRITICAL),
    POLICY_NOT_ATTACHED(Severity.HIGH),
    UNEXPECTED_POLICY_ATTACHED(Severity.HIGH),
    POLICY_MISSING(Severity.HIGH),
    POLICY_DOCUMENT_CHANGED(Severity.HIGH),
    /** A role under the service-linked role's name that Resource Management says is not service-linked. */
    NOT_SERVICE_LINKED(Severity.CRITICAL),
    /** The service-linked role has a deletion task running: it is about to go. */
    SERVICE_LINKED_ROLE_IN_DELETION(Severity.CRITICAL);

    private final Severity severity;

    Kind(Severity severity) {
      this.severity = severity;
    }

    public Severity severity() {
      return severity;
    }
  }

  /** How urgently a person must look. */
  public enum Severity {
    LOW,
    HIGH,
    CRITICAL
  }

  private final Kind kind;
  private final String policyName;
  private final PolicyType policyType;
  private final String expected;
  private final String actual;
  /** Computed on first use: only document drift has one, and only what is reported needs it. */
  private volatile SemanticDiff meaning;
  private volatile boolean meaningKnown;
  private final String resourceGroupId;
  private final boolean grantsEverything;
  private final String deletionTaskId;

  private DriftItem(Kind kind, String policyName, PolicyType policyType, String expected, String actual) {
    this(kind, policyName, policyType, expected, actual, "", false, "");
  }

  private DriftItem(Kind kind, String policyName, PolicyType policyType, String expected, String actual,
      String resourceGroupId, boolean grantsEverything, String deletionTaskId) {
    this.resourceGroupId = resourceGroupId == null ? "" : resourceGroupId;
    this.grantsEverything = grantsEverything;
    this.deletionTaskId = deletionTaskId == null ? "" : deletionTaskId;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.policyName = policyName;
    this.policyType = policyType;
    this.expected = expected;
    this.actual = actual;
  }

  /** What a document change means; null when it cannot be told (a live document that does not parse). */
  private static SemanticDiff meaning(String expected, String actual) {
    try {
      return SemanticDiff.between(expected, actual);
    } catch (PolicyFormatException e) {
      return null;
    }
  }

  static DriftItem roleMissing() {
    return new DriftItem(Kind.ROLE_MISSING, null, null, null, null);
  }

  static DriftItem trustChanged(String expected, String actual) {
    return new DriftItem(Kind.TRUST_POLICY_CHANGED, null, null, expected, actual);
  }

  static DriftItem notAttached(PolicyType type, String name) {
    return new DriftItem(Kind.POLICY_NOT_ATTACHED, name, type, null, null);
  }

  static DriftItem unexpected(PolicyType type, String name) {
    return new DriftItem(Kind.UNEXPECTED_POLICY_ATTACHED, name, type, null, null);
  }

  /** An attachment beyond the baseline, in its scope; critical when the policy allows * on *. */
  static DriftItem unexpected(AttachedPolicy a) {
    return new DriftItem(Kind.UNEXPECTED_POLICY_ATTACHED, a.name(), a.type(), null, null, a.resourceGroupId(),
        a.allowsEverything(), "");
  }

  static DriftItem notAttachedInGroup(PolicyType type, String name, String resourceGroupId) {
    return new DriftItem(Kind.POLICY_NOT_ATTACHED, name, type, null, null, resourceGroupId, false, "");
  }

  static DriftItem notServiceLinked() {
    return new DriftItem(Kind.NOT_SERVICE_LINKED, null, null, null, null);
  }

  static DriftItem inDeletion(String deletionTaskId) {
    return new DriftItem(Kind.SERVICE_LINKED_ROLE_IN_DELETION, null, null, null, null, "", false, deletionTaskId);
  }

  /** The resource group of a scoped grant; empty for account-wide items. */
  public String resourceGroupId() {
    return resourceGroupId;
  }

  /** For an unexpected attachment: the policy allows every action on every resource. */
  public boolean grantsEverything() {
    return grantsEverything;
  }

  /** For a service-linked role in deletion: the running deletion task. */
  public String deletionTaskId() {
    return deletionTaskId;
  }

  static DriftItem policyMissing(String name) {
    return new DriftItem(Kind.POLICY_MISSING, name, PolicyType.CUSTOM, null, null);
  }

  static DriftItem documentChanged(String name, String expected, String actual) {
    return new DriftItem(Kind.POLICY_DOCUMENT_CHANGED, name, PolicyType.CUSTOM, expected, actual);
  }

  public Kind kind() {
    return kind;
  }

  /** The policy concerned; null for role-level items. */
  public String policyName() {
    return policyName;
  }

  public PolicyType policyType() {
    return policyType;
  }

  /** The pinned document, for document drift. */
  public String expected() {
    return expected;
  }

  /** The live document, for document drift. */
  public String actual() {
    return actual;
  }

  /** For document drift: what the edit means; null otherwise or when it cannot be told. */
  public SemanticDiff meaning() {
    if (!meaningKnown) {
      meaning = expected == null ? null : meaning(expected, actual);
      meaningKnown = true;
    }
    return meaning;
  }

  /** A document edit that changes nothing RAM would decide: reported, never alerted or restored. */
  public boolean cosmetic() {
    SemanticDiff m = meaning();
    return m != null && m.kind() == SemanticDiff.Kind.COSMETIC;
  }

  /** How bad it is: a cosmetic edit is low whatever its kind. */
  public Severity severity() {
    if (grantsEverything) {
      return Severity.CRITICAL;
    }
    return cosmetic() ? Severity.LOW : kind.severity();
  }

  /** The item in plain words, for people. */
  public String describe() {
    switch (kind) {
      case ROLE_MISSING:
        return "the role does not exist (deleted)";
      case TRUST_POLICY_CHANGED:
        return "the trust policy differs from the baseline" + meaningWords();
      case POLICY_NOT_ATTACHED:
        return policyType.wireName() + " policy " + policyName + " is not attached" + scopeWords();
      case UNEXPECTED_POLICY_ATTACHED:
        return policyType.wireName() + " policy " + policyName + " is attached" + scopeWords() + " but not in the baseline"
            + (grantsEverything ? " (it allows every action on every resource)" : "");
      case NOT_SERVICE_LINKED:
        return "a role holds the name but is not a service-linked role (Resource Management's GetRole)";
      case SERVICE_LINKED_ROLE_IN_DELETION:
        return "the service-linked role is being deleted (task " + deletionTaskId + ")";
      case POLICY_MISSING:
        return "Custom policy " + policyName + " does not exist (deleted)";
      case POLICY_DOCUMENT_CHANGED:
        return "Custom policy " + policyName + " has a default version that differs from the baseline" + meaningWords();
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  private String scopeWords() {
    return resourceGroupId.isEmpty() ? "" : " in resource group " + resourceGroupId;
  }

  private String meaningWords() {
    SemanticDiff meaning = meaning();
    if (meaning == null) {
      return " (the live document cannot be read as a policy)";
    }
    switch (meaning.kind()) {
      case COSMETIC:
        return " (cosmetic: it grants exactly the same)";
      case BREAKING:
        return " (breaking: permissions or principals lost)";
      case WIDENING:
        return " (widening: permissions or principals gained)";
      default:
        return " (breaking and widening)";
    }
  }

  /** Stable short code for results and logs, e.g. role_missing. */
  public String code() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
