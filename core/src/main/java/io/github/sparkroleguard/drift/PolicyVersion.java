package io.github.sparkroleguard.drift;

import java.util.Objects;

/** One version of a custom policy. */
public final class PolicyVersion {
  private final String versionId;
  private final String document;
  private final boolean isDefault;

  public PolicyVersion(String versionId, String document, boolean isDefault) {
    this.versionId = Objects.requireNonNull(versionId, "versionId");
    this.document = Objects.requireNonNull(document, "document");
    this.isDefault = isDefault;
  }

  public String versionId() {
    return versionId;
  }

  public String document() {
    return document;
  }

  public boolean isDefault() {
    return isDefault;
  }
}
