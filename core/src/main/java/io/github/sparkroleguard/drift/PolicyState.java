package io.github.sparkroleguard.drift;

import java.util.List;
import java.util.Objects;

/**
 * Live state of one pinned custom policy. {@code versions} is filled only when the default
 * document differs from the baseline, because only then does a restore need it.
 */
public final class PolicyState {
  private final String name;
  private final boolean exists;
  private final String defaultVersion;
  private final String defaultDocument;
  private final List<PolicyVersion> versions;

  private PolicyState(String name, boolean exists, String defaultVersion, String defaultDocument,
      List<PolicyVersion> versions) {
    this.name = Objects.requireNonNull(name, "name");
    this.exists = exists;
    this.defaultVersion = defaultVersion;
    this.defaultDocument = defaultDocument;
    this.versions = List.copyOf(versions);
  }

  public static PolicyState missing(String name) {
    return new PolicyState(name, false, null, null, List.of());
  }

  public static PolicyState present(String name, String defaultVersion, String defaultDocument,
      List<PolicyVersion> versions) {
    return new PolicyState(name, true, Objects.requireNonNull(defaultVersion, "defaultVersion"),
        Objects.requireNonNull(defaultDocument, "defaultDocument"), versions);
  }

  public String name() {
    return name;
  }

  public boolean exists() {
    return exists;
  }

  public String defaultVersion() {
    return defaultVersion;
  }

  public String defaultDocument() {
    return defaultDocument;
  }

  public List<PolicyVersion> versions() {
    return versions;
  }
}
