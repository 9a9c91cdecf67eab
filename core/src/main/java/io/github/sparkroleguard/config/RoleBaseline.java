package io.github.sparkroleguard.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The expected state of one protected role: what it trusts and which policies it carries. */
public final class RoleBaseline {
  private final String name;
  private final Mode mode;
  private final String trustPolicy;
  private final String description;
  private final int maxSessionDuration;
  private final List<PolicyRef> policies;
  private final boolean detachUnexpected;
  private final Workspace workspace;
  private final String serviceLinkedService;

  private RoleBaseline(Builder b) {
    this.workspace = b.workspace;
    this.serviceLinkedService = b.serviceLinkedService;
    this.name = Objects.requireNonNull(b.name, "name");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.trustPolicy = Objects.requireNonNull(b.trustPolicy, "trustPolicy");
    this.description = b.description == null ? "" : b.description;
    this.maxSessionDuration = b.maxSessionDuration;
    this.policies = List.copyOf(b.policies);
    this.detachUnexpected = b.detachUnexpected;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public Mode mode() {
    return mode;
  }

  /** The pinned trust (AssumeRole) policy document. */
  public String trustPolicy() {
    return trustPolicy;
  }

  public String description() {
    return description;
  }

  public int maxSessionDuration() {
    return maxSessionDuration;
  }

  public List<PolicyRef> policies() {
    return policies;
  }

  /** Whether policies attached beyond the baseline are detached on restore (else only alerted). */
  public boolean detachUnexpected() {
    return detachUnexpected;
  }

  /** What the workspace using this role needs, if declared (for the coverage check); null otherwise. */
  public Workspace workspace() {
    return workspace;
  }

  /**
   * For a service-linked role, the service that owns it (its trust and policy are the service's:
   * the guard only checks that it exists, is service-linked and is not being deleted, and restores
   * it with CreateServiceLinkedRole); null for an ordinary role.
   */
  public String serviceLinkedService() {
    return serviceLinkedService;
  }

  public boolean serviceLinked() {
    return serviceLinkedService != null;
  }

  /** The pinned custom policy with this name, if any (RAM policy names are case-insensitive). */
  public Optional<PolicyRef> customPolicy(String policyName) {
    return policies.stream()
        .filter(p -> p.pinsDocument() && p.name().equalsIgnoreCase(policyName))
        .findFirst();
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.mode = mode;
    b.trustPolicy = trustPolicy;
    b.description = description;
    b.maxSessionDuration = maxSessionDuration;
    b.policies = policies;
    b.detachUnexpected = detachUnexpected;
    b.workspace = workspace;
    b.serviceLinkedService = serviceLinkedService;
    return b;
  }

  /** Builder; defaults: alert mode, the EMR Serverless Spark trust policy, 3600 s sessions. */
  public static final class Builder {
    private final String name;
    private Mode mode = Mode.ALERT;
    private String trustPolicy = Defaults.SPARK_TRUST_POLICY;
    private String description;
    private int maxSessionDuration = Defaults.MAX_SESSION_DURATION;
    private List<PolicyRef> policies = List.of();
    private boolean detachUnexpected;
    private Workspace workspace;
    private String serviceLinkedService;

    private Builder(String name) {
      this.name = name;
    }

    public Builder mode(Mode value) {
      this.mode = value;
      return this;
    }

    public Builder trustPolicy(String value) {
      this.trustPolicy = value;
      return this;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder maxSessionDuration(int value) {
      this.maxSessionDuration = value;
      return this;
    }

    public Builder policies(List<PolicyRef> value) {
      this.policies = value;
      return this;
    }

    public Builder detachUnexpected(boolean value) {
      this.detachUnexpected = value;
      return this;
    }

    public Builder workspace(Workspace value) {
      this.workspace = value;
      return this;
    }

    /** Makes this the service-linked role of a service (no trust or policies of its own to pin). */
    public Builder serviceLinked(String service) {
      this.serviceLinkedService = service;
      this.policies = List.of();
      return this;
    }

    public RoleBaseline build() {
      return new RoleBaseline(this);
    }
  }
}
