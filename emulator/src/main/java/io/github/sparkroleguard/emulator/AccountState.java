package io.github.sparkroleguard.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The emulated account's RAM data, as saved to and loaded from a JSON state file. Plain public
 * fields: this is a file format, read and written by Jackson.
 */
public final class AccountState {
  public String accountId = "1234567890123456";
  public List<Role> roles = new ArrayList<>();
  public List<Policy> policies = new ArrayList<>();
  public List<Attachment> attachments = new ArrayList<>();
  /** Service-linked role deletions submitted through Resource Management, oldest first. */
  public List<DeletionTask> deletionTasks = new ArrayList<>();
  public long sequence = 1000;

  /** A RAM role. */
  public static final class Role {
    public String roleName;
    public String roleId;
    public String description = "";
    public String assumeRolePolicyDocument;
    public long maxSessionDuration = 3600;
    public String createDate;
    public String updateDate;
    /** Set for a service-linked role: the service that owns it (e.g. spark.emr-serverless.aliyuncs.com). */
    public String serviceName;
    /** The id of the role's latest deletion task, if it was ever submitted for deletion. */
    public String latestDeletionTaskId;
  }

  /** A service-linked role deletion: asynchronous, it ends (removing the role) at {@code endsAt}. */
  public static final class DeletionTask {
    public String deletionTaskId;
    public String roleName;
    public String status;
    public String createDate;
    public String endsAt;
  }

  /** A RAM policy with its versions (system policies have one, and cannot be written). */
  public static final class Policy {
    public String policyName;
    public String policyType;
    public String description = "";
    public String defaultVersion;
    public int lastVersion;
    public String createDate;
    public String updateDate;
    public List<Version> versions = new ArrayList<>();
  }

  /** One policy version. */
  public static final class Version {
    public String versionId;
    public String policyDocument;
    public String createDate;
  }

  /** A policy attached to a role. */
  public static final class Attachment {
    public String roleName;
    public String policyType;
    public String policyName;
    public String attachDate;
    /**
     * Empty or null: account-wide, as RAM attaches (RAM's ListPoliciesForRole shows it). A
     * resource group id: attached through Resource Management in that group only, which RAM's
     * own listing does not show (PLATFORM.md section 2 [inferred]).
     */
    public String resourceGroupId;

    /** Whether this is an account-wide attachment. */
    public boolean accountWide() {
      return resourceGroupId == null || resourceGroupId.isEmpty();
    }
  }
}
