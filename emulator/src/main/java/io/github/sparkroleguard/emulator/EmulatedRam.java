package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.sparkroleguard.emulator.AccountState.Attachment;
import io.github.sparkroleguard.emulator.AccountState.Policy;
import io.github.sparkroleguard.emulator.AccountState.Role;
import io.github.sparkroleguard.emulator.AccountState.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RAM's role and policy semantics, in memory: the documented limits and error codes
 * (PLATFORM.md section 4). Every method is one RAM API; the HTTP layer maps parameters to it.
 */
public final class EmulatedRam {
  static final int MAX_VERSIONS = 5;
  static final int MAX_DOCUMENT_BYTES = 6144;
  static final String ROTATE = "DeleteOldestNonDefaultVersionWhenLimitExceeded";
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9\\-]{1,128}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Clock clock;
  private AccountState state;

  public EmulatedRam(AccountState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  public static AccountState load(Path file) throws IOException {
    return load(Files.readAllBytes(file));
  }

  /** A state saved by {@link #save}, already read. */
  public static AccountState load(byte[] json) throws IOException {
    return JSON.readValue(json, AccountState.class);
  }

  public synchronized void save(Path file) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(state));
  }

  /** A deep copy of the whole state, for assertions. */
  public synchronized AccountState snapshot() {
    try {
      return JSON.readValue(JSON.writeValueAsBytes(state), AccountState.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public synchronized void replace(AccountState value) {
    this.state = value;
  }

  public synchronized String accountId() {
    return state.accountId;
  }

  // ---- roles ----

  /** Whether a role of this name exists (names are case-insensitive). */
  public synchronized boolean hasRole(String name) {
    return state.roles.stream().anyMatch(r -> r.roleName.equalsIgnoreCase(name));
  }

  public synchronized Role getRole(String name) {
    return findRole(name).orElseThrow(() -> EmulatorException.notFound("EntityNotExist.Role", "The role does not exist: " + name + "."));
  }

  public synchronized Role createRole(String name, String trust, String description, Long maxSession) {
    requireName(name, ROLE_NAME, "RoleName");
    requireDocument(trust, "AssumeRolePolicyDocument");
    if (findRole(name).isPresent()) {
      throw EmulatorException.conflict("EntityAlreadyExists.Role", "The role already exists: " + name + ".");
    }
    long session = maxSession == null ? 3600 : maxSession;
    if (session < 3600 || session > 43200) {
      throw EmulatorException.invalid("InvalidParameter.MaxSessionDuration", "MaxSessionDuration must be 3600-43200.");
    }
    Role r = new Role();
    r.roleName = name;
    r.roleId = Long.toString(300000000000000000L + nextSequence());
    r.assumeRolePolicyDocument = trust;
    r.description = description == null ? "" : description;
    r.maxSessionDuration = session;
    r.createDate = now();
    r.updateDate = r.createDate;
    state.roles.add(r);
    return r;
  }

  public synchronized Role updateRole(String name, String newTrust, String newDescription, Long newMaxSession) {
    Role r = getRole(name);
    if (newTrust != null) {
      requireDocument(newTrust, "NewAssumeRolePolicyDocument");
      r.assumeRolePolicyDocument = newTrust;
    }
    if (newDescription != null) {
      r.description = newDescription;
    }
    if (newMaxSession != null) {
      r.maxSessionDuration = newMaxSession;
    }
    r.updateDate = now();
    return r;
  }

  public synchronized void deleteRole(String name) {
    Role r = getRole(name);
    if (state.attachments.stream().anyMatch(a -> a.roleName.equalsIgnoreCase(name))) {
      throw EmulatorException.conflict("DeleteConflict.Role.Policy", "The role still has policies attached: " + name + ".");
    }
    state.roles.remove(r);
  }

  public synchronized List<Attachment> listPoliciesForRole(String roleName) {
    getRole(roleName);
    return state.attachments.stream().filter(a -> a.roleName.equalsIgnoreCase(roleName) && a.accountWide())
        .collect(Collectors.toList());
  }

  public synchronized void attachPolicyToRole(String type, String policyName, String roleName) {
    Role r = getRole(roleName);
    Policy p = getPolicy(type, policyName);
    if (attachment(p, r.roleName).isPresent()) {
      throw EmulatorException.conflict("EntityAlreadyExists.Role.Policy", "The policy is already attached to the role.");
    }
    Attachment a = new Attachment();
    a.roleName = r.roleName;
    a.policyName = p.policyName;
    a.policyType = p.policyType;
    a.attachDate = now();
    state.attachments.add(a);
  }

  public synchronized void detachPolicyFromRole(String type, String policyName, String roleName) {
    Role r = getRole(roleName);
    Policy p = getPolicy(type, policyName);
    Attachment a = attachment(p, r.roleName).orElseThrow(() ->
        EmulatorException.notFound("EntityNotExist.Role.Policy", "The policy is not attached to the role."));
    state.attachments.remove(a);
  }

  // ---- policies ----

  public synchronized Policy getPolicy(String type, String name) {
    String t = policyType(type);
    return state.policies.stream()
        .filter(p -> p.policyType.equals(t) && p.policyName.equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> EmulatorException.notFound("EntityNotExist.Policy", "The policy does not exist: " + name + "."));
  }

  /** Adds a system policy (Alibaba Cloud's own; only the emulator's seed data does this). */
  public synchronized Policy addSystemPolicy(String name, String document, String description) {
    Policy p = newPolicy(name, "System", document, description);
    state.policies.add(p);
    return p;
  }

  public synchronized Policy createPolicy(String name, String document, String description) {
    requireName(name, POLICY_NAME, "PolicyName");
    requireDocument(document, "PolicyDocument");
    if (state.policies.stream().anyMatch(p -> p.policyType.equals("Custom") && p.policyName.equalsIgnoreCase(name))) {
      throw EmulatorException.conflict("EntityAlreadyExists.Policy", "The policy already exists: " + name + ".");
    }
    Policy p = newPolicy(name, "Custom", document, description);
    state.policies.add(p);
    return p;
  }

  public synchronized void deletePolicy(String name, boolean cascading) {
    Policy p = getPolicy("Custom", name);
    boolean attached = state.attachments.stream().anyMatch(a -> matches(a, p));
    if (attached && !cascading) {
      throw EmulatorException.conflict("DeleteConflict.Policy.Role", "The policy is attached to roles.");
    }
    if (p.versions.size() > 1 && !cascading) {
      throw EmulatorException.conflict("DeleteConflict.Policy.Version", "The policy has non-default versions.");
    }
    state.attachments.removeIf(a -> matches(a, p));
    state.policies.remove(p);
  }

  public synchronized Version createPolicyVersion(String name, String document, boolean setAsDefault, String rotate) {
    Policy p = getPolicy("Custom", name);
    requireDocument(document, "PolicyDocument");
    if (p.versions.size() >= MAX_VERSIONS) {
      if (!ROTATE.equals(rotate)) {
        throw EmulatorException.conflict("LimitExceeded.Policy.Version", "The policy already has " + MAX_VERSIONS + " versions.");
      }
      Version oldest = p.versions.stream().filter(v -> !v.versionId.equals(p.defaultVersion))
          .min(Comparator.comparingInt(v -> Integer.parseInt(v.versionId.substring(1)))).orElseThrow();
      p.versions.remove(oldest);
    }
    Version v = newVersion(p, document);
    if (setAsDefault) {
      p.defaultVersion = v.versionId;
    }
    p.updateDate = now();
    return v;
  }

  public synchronized Version getPolicyVersion(String type, String name, String versionId) {
    Policy p = getPolicy(type, name);
    return p.versions.stream().filter(v -> v.versionId.equals(versionId)).findFirst()
        .orElseThrow(() -> EmulatorException.notFound("EntityNotExist.Policy.Version", "The policy version does not exist: " + versionId + "."));
  }

  public synchronized void setDefaultPolicyVersion(String name, String versionId) {
    Policy p = getPolicy("Custom", name);
    getPolicyVersion("Custom", name, versionId);
    p.defaultVersion = versionId;
    p.updateDate = now();
  }

  public synchronized void deletePolicyVersion(String name, String versionId) {
    Policy p = getPolicy("Custom", name);
    Version v = getPolicyVersion("Custom", name, versionId);
    if (versionId.equals(p.defaultVersion)) {
      throw EmulatorException.conflict("DeleteConflict.Policy.Version.Default", "The default version cannot be deleted.");
    }
    p.versions.remove(v);
  }

  /** The document of a policy's default version. */
  public synchronized String defaultDocument(Policy p) {
    return p.versions.stream().filter(v -> v.versionId.equals(p.defaultVersion)).findFirst().orElseThrow().policyDocument;
  }

  public synchronized int attachmentCount(Policy p) {
    return (int) state.attachments.stream().filter(a -> matches(a, p)).count();
  }

  // ---- helpers ----

  private Policy newPolicy(String name, String type, String document, String description) {
    Policy p = new Policy();
    p.policyName = name;
    p.policyType = type;
    p.description = description == null ? "" : description;
    p.createDate = now();
    p.updateDate = p.createDate;
    p.defaultVersion = newVersion(p, document).versionId;
    return p;
  }

  private Version newVersion(Policy p, String document) {
    Version v = new Version();
    v.versionId = "v" + (++p.lastVersion);
    v.policyDocument = document;
    v.createDate = now();
    p.versions.add(v);
    return v;
  }

  private Optional<Role> findRole(String name) {
    settleDeletions();
    return state.roles.stream().filter(r -> r.roleName.equalsIgnoreCase(name)).findFirst();
  }

  private Optional<Attachment> attachment(Policy p, String roleName) {
    return scopedAttachment(p, roleName, null);
  }

  /** The attachment of a policy to a role in one scope (null or empty: account-wide). */
  Optional<Attachment> scopedAttachment(Policy p, String roleName, String resourceGroupId) {
    boolean accountWide = resourceGroupId == null || resourceGroupId.isEmpty();
    return state.attachments.stream()
        .filter(a -> a.roleName.equalsIgnoreCase(roleName) && matches(a, p))
        .filter(a -> accountWide ? a.accountWide() : resourceGroupId.equals(a.resourceGroupId))
        .findFirst();
  }

  /** The raw state, for Resource Management's view of the same account (callers hold this object's lock). */
  AccountState state() {
    return state;
  }

  Clock clock() {
    return clock;
  }

  private static boolean matches(Attachment a, Policy p) {
    return a.policyType.equals(p.policyType) && a.policyName.equalsIgnoreCase(p.policyName);
  }

  static String policyType(String type) {
    if ("System".equalsIgnoreCase(type)) {
      return "System";
    }
    if ("Custom".equalsIgnoreCase(type)) {
      return "Custom";
    }
    throw EmulatorException.invalid("InvalidParameter.PolicyType", "PolicyType must be System or Custom.");
  }

  private static void requireName(String value, Pattern pattern, String param) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw EmulatorException.invalid("InvalidParameter." + param + ".InvalidChars", "The parameter " + param + " is invalid.");
    }
  }

  private static void requireDocument(String document, String param) {
    if (document == null || document.isBlank()) {
      throw EmulatorException.invalid("MissingParameter", "The parameter " + param + " is required.");
    }
    if (document.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
      throw EmulatorException.invalid("LimitExceeded.Policy.Document", "The policy document exceeds " + MAX_DOCUMENT_BYTES + " bytes.");
    }
    try {
      if (!JSON.readTree(document).has("Statement")) {
        throw EmulatorException.invalid("MalformedPolicyDocument", "The policy document has no Statement.");
      }
    } catch (IOException e) {
      throw EmulatorException.invalid("MalformedPolicyDocument", "The policy document is not valid JSON.");
    }
  }

  /**
   * Ends the service-linked role deletions whose time has come: the role and its attachments go,
   * the task says SUCCEEDED. Asynchronous as in the cloud, driven by the emulator's clock.
   */
  void settleDeletions() {
    java.time.Instant now = clock.instant();
    for (AccountState.DeletionTask t : state.deletionTasks) {
      if ("IN_PROGRESS".equals(t.status) && !java.time.Instant.parse(t.endsAt).isAfter(now)) {
        t.status = "SUCCEEDED";
        state.roles.removeIf(r -> r.roleName.equalsIgnoreCase(t.roleName));
        state.attachments.removeIf(a -> a.roleName.equalsIgnoreCase(t.roleName));
      }
    }
  }

  long nextSequence() {
    return ++state.sequence;
  }

  String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
