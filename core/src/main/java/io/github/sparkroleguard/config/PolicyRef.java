package io.github.sparkroleguard.config;

import java.util.Locale;
import java.util.Objects;

/**
 * A policy a protected role must have attached. Custom policies pin their full document; system
 * policies are pinned by name only, because Alibaba Cloud updates their content.
 */
public final class PolicyRef {
  private final String name;
  private final PolicyType type;
  private final String document;
  private final String description;
  private final String resourceGroupId;

  private PolicyRef(String name, PolicyType type, String document, String description) {
    this(name, type, document, description, "");
  }

  private PolicyRef(String name, PolicyType type, String document, String description, String resourceGroupId) {
    this.resourceGroupId = resourceGroupId;
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.document = document;
    this.description = description;
    if (type == PolicyType.CUSTOM && document == null && resourceGroupId.isEmpty()) {
      throw new IllegalArgumentException("custom policy " + name + " needs a document");
    }
    if (type == PolicyType.SYSTEM && document != null) {
      throw new IllegalArgumentException("system policy " + name + " cannot pin a document");
    }
  }

  public static PolicyRef system(String name) {
    return new PolicyRef(name, PolicyType.SYSTEM, null, null);
  }

  public static PolicyRef custom(String name, String document, String description) {
    return new PolicyRef(name, PolicyType.CUSTOM, document, description);
  }

  /**
   * An attachment in one resource group (Resource Management), pinned by type, name and scope:
   * the guard alerts when it goes, and does not re-attach it.
   */
  public static PolicyRef scoped(PolicyType type, String name, String resourceGroupId) {
    return new PolicyRef(name, type, null, null, Objects.requireNonNull(resourceGroupId, "resourceGroupId"));
  }

  /** A custom policy whose document is pinned (not a scoped grant, which pins only the attachment). */
  public boolean pinsDocument() {
    return type == PolicyType.CUSTOM && document != null;
  }

  /** The resource group of a scoped grant; empty for an account-wide attachment (RAM's kind). */
  public String resourceGroupId() {
    return resourceGroupId;
  }

  public String name() {
    return name;
  }

  public PolicyType type() {
    return type;
  }

  /** The pinned document (custom policies only), as written in the configuration. */
  public String document() {
    return document;
  }

  public String description() {
    return description;
  }

  /** Key for matching attachments: RAM policy names are unique per type. */
  public String key() {
    return key(type, name, resourceGroupId);
  }

  /** The key of an attachment in a scope (empty: account-wide). */
  public static String key(PolicyType type, String name, String resourceGroupId) {
    return resourceGroupId == null || resourceGroupId.isEmpty() ? key(type, name) : key(type, name) + "@" + resourceGroupId;
  }

  public static String key(PolicyType type, String name) {
    return type.wireName() + ":" + name.toLowerCase(Locale.ROOT);
  }
}
