package io.github.sparkroleguard.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table from an API that changes roles or policies to the request parameter that says
 * which role or policy it touches (PLATFORM.md section 2), for RAM and for Resource Management,
 * which acts on the very same roles and policies. A record is matched on service and name
 * together, never on its name alone. The EventBridge trigger's filter in s.yaml lists exactly the
 * RAM names ({@link #eventNames()}); a test holds the two together. EventBridge documents no
 * {@code resourcemanager:ActionTrail:*} type, so Resource Management records may only reach the
 * guard in a batch or by hand: the timer scan is their backstop.
 */
public final class ChangeEvents {
  /**
   * The services whose records the guard acts on, each with the serviceName ActionTrail's
   * LookupEvents is asked for (its {@code ServiceName} attribute): the one spelling every lookup
   * (deafness, doctor) uses [inferred: the values records carry, PLATFORM.md sections 2 and 9].
   */
  public enum Service {
    RAM("Ram"),
    RESOURCE_MANAGER("ResourceManager");

    private final String lookupName;

    Service(String lookupName) {
      this.lookupName = lookupName;
    }

    /** The ActionTrail serviceName to look this service's records up by. */
    public String lookupName() {
      return lookupName;
    }
  }

  /** What an event names: a role, a policy, a role as a principal, or a service (its linked role). */
  public enum Target {
    ROLE("RoleName"),
    POLICY("PolicyName"),
    /** Resource Management's {@code <Role>@role.<alias or id>.onaliyunservice.com}, see {@link RolePrincipal}. */
    PRINCIPAL("PrincipalName"),
    /** CreateServiceLinkedRole names the service; the role it creates is that service's linked role. */
    SERVICE("ServiceName");

    private final String parameter;

    Target(String parameter) {
      this.parameter = parameter;
    }

    /** The requestParameters key holding the name. */
    public String parameter() {
      return parameter;
    }
  }

  private static final Map<Service, Map<String, Target>> EVENTS;

  static {
    Map<String, Target> ram = new LinkedHashMap<>();
    ram.put("CreateRole", Target.ROLE);
    ram.put("DeleteRole", Target.ROLE);
    ram.put("UpdateRole", Target.ROLE);
    ram.put("AttachPolicyToRole", Target.ROLE);
    ram.put("DetachPolicyFromRole", Target.ROLE);
    ram.put("CreatePolicy", Target.POLICY);
    ram.put("DeletePolicy", Target.POLICY);
    ram.put("CreatePolicyVersion", Target.POLICY);
    ram.put("DeletePolicyVersion", Target.POLICY);
    ram.put("SetDefaultPolicyVersion", Target.POLICY);
    // Resource Management 2020-03-31 [doc: PLATFORM.md section 2]: the same roles and policies.
    Map<String, Target> rm = new LinkedHashMap<>();
    rm.put("CreateRole", Target.ROLE);
    rm.put("DeleteRole", Target.ROLE);
    rm.put("UpdateRole", Target.ROLE);
    rm.put("AttachPolicy", Target.PRINCIPAL);
    rm.put("DetachPolicy", Target.PRINCIPAL);
    rm.put("CreatePolicy", Target.POLICY);
    rm.put("DeletePolicy", Target.POLICY);
    rm.put("CreatePolicyVersion", Target.POLICY);
    rm.put("DeletePolicyVersion", Target.POLICY);
    rm.put("SetDefaultPolicyVersion", Target.POLICY);
    rm.put("CreateServiceLinkedRole", Target.SERVICE);
    rm.put("DeleteServiceLinkedRole", Target.ROLE);
    EVENTS = Map.of(Service.RAM, Collections.unmodifiableMap(ram), Service.RESOURCE_MANAGER, Collections.unmodifiableMap(rm));
  }

  /**
   * serviceName values of RAM role and policy events. Older samples say Ram; RAM user events
   * moved to Ims, so both are accepted [inferred: PLATFORM.md section 2].
   */
  static final Set<String> RAM_SERVICE_NAMES = Set.of(Service.RAM.lookupName().toLowerCase(Locale.ROOT), "ims");
  /** RAM's eventSource in its records' samples [doc]. */
  public static final String RAM_EVENT_SOURCE = "ram.aliyuncs.com";
  /** eventSource values accepted when serviceName is absent [inferred]. */
  static final Set<String> RAM_EVENT_SOURCES = Set.of(RAM_EVENT_SOURCE, "ims.aliyuncs.com", "ims-share.aliyuncs.com");
  /**
   * Resource Management's serviceName and eventSource: serviceName ResourceManager [doc]; the
   * published example record has eventSource {@code resourcemanager-share.aliyuncs.com} [doc:
   * PLATFORM.md section 9], and the endpoint's name {@code resourcemanager.aliyuncs.com} is
   * accepted too [inferred]. Keep them here, in one place.
   */
  static final Set<String> RM_SERVICE_NAMES = Set.of(Service.RESOURCE_MANAGER.lookupName().toLowerCase(Locale.ROOT));
  static final Set<String> RM_EVENT_SOURCES = Set.of("resourcemanager-share.aliyuncs.com", "resourcemanager.aliyuncs.com");
  /** The EventBridge event type of API calls [doc]: the one type a rule must match at the least. */
  public static final String API_CALL_TYPE = "ram:ActionTrail:ApiCall";
  /** EventBridge event types carrying RAM's ActionTrail records [doc], in the order templates list them. */
  public static final Set<String> EVENTBRIDGE_TYPES = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(java.util.List.of(
      API_CALL_TYPE, "ram:ActionTrail:ConsoleOperation", "ram:ActionTrail:AliyunServiceEvent")));

  private ChangeEvents() {}

  /** The target kind of a RAM event name, if the guard handles it. */
  public static Optional<Target> target(String eventName) {
    return target(Service.RAM, eventName);
  }

  /** The target kind of an event of this service, if the guard handles it. */
  public static Optional<Target> target(Service service, String eventName) {
    return Optional.ofNullable(EVENTS.get(service).get(eventName));
  }

  /** The target kind of a record: service and name together. */
  public static Optional<Target> target(TrailRecord r) {
    return service(r).flatMap(s -> target(s, r.eventName()));
  }

  /** Every handled RAM event name, in a stable order: the EventBridge filter's list. */
  public static Set<String> eventNames() {
    return EVENTS.get(Service.RAM).keySet();
  }

  /** Creations: a missing role or policy is how a product's console sets itself up, and the guard checks what is created. */
  static final Set<String> CREATIONS = Set.of("CreateRole", "CreatePolicy");

  /**
   * The protected writes, as the RAM actions they authorise as: every write of the table on an
   * existing role (its attachments included) or, with {@code policies}, on an existing policy,
   * creations left out. Resource Management's twins authorise as the RAM action of their own
   * name (RM DeleteRole as {@code ram:DeleteRole}, AttachPolicy as {@code ram:AttachPolicy},
   * DeleteServiceLinkedRole as {@code ram:DeleteServiceLinkedRole}) [doc: the authorization
   * tables of resourcemanager 2020-03-31]. The control policy denies exactly these, and its audit
   * checks exactly these: one list, so a write added to the table is guarded everywhere.
   */
  public static java.util.List<String> protectedWrites(boolean policies) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Service s : Service.values()) {
      EVENTS.get(s).forEach((name, target) -> {
        boolean policy = target == Target.POLICY;
        if (policy == policies && target != Target.SERVICE && !CREATIONS.contains(name)) {
          out.add("ram:" + name);
        }
      });
    }
    return java.util.List.copyOf(out);
  }

  /** Every handled Resource Management event name, in a stable order. */
  public static Set<String> resourceManagerEventNames() {
    return EVENTS.get(Service.RESOURCE_MANAGER).keySet();
  }

  /** Whether a record is a RAM or Resource Management record (the services acting on roles). */
  public static boolean isRam(TrailRecord r) {
    return service(r).isPresent();
  }

  /** The service a record comes from, by serviceName, else by eventSource; empty for others. */
  public static Optional<Service> service(TrailRecord r) {
    return service(r.serviceName(), r.eventSource());
  }

  static Optional<Service> service(String serviceName, String eventSource) {
    if (!serviceName.isEmpty()) {
      String s = serviceName.toLowerCase(Locale.ROOT);
      return RAM_SERVICE_NAMES.contains(s) ? Optional.of(Service.RAM)
          : RM_SERVICE_NAMES.contains(s) ? Optional.of(Service.RESOURCE_MANAGER) : Optional.empty();
    }
    String e = eventSource.toLowerCase(Locale.ROOT);
    return RAM_EVENT_SOURCES.contains(e) ? Optional.of(Service.RAM)
        : RM_EVENT_SOURCES.contains(e) ? Optional.of(Service.RESOURCE_MANAGER) : Optional.empty();
  }

  static boolean isRamService(String serviceName, String eventSource) {
    return service(serviceName, eventSource).isPresent();
  }
}
