package io.github.sparkroleguard.eventbridge;

import io.github.sparkroleguard.config.Endpoints;
import java.util.List;
import java.util.Locale;

/**
 * Every fact about EventBridge's API that the guard builds on, in one place so a correction is a
 * one-line change. Marked [doc] where an official page or official code states it, [inferred]
 * where nothing we could read confirms it: {@code doctor} reports a surprise as a warning.
 */
public final class EventBridgeFacts {
  /**
   * API version; RPC style (parameters as query/form, signed like RAM). [doc: API reference
   * "api-eventbridge-2020-04-01-listrules"; the official alicloud Terraform provider calls GetRule
   * and ListRules as RpcPost("eventbridge", "2020-04-01", ...)]. The older ROA form
   * ({@code POST /openapi/listRules}) is not used.
   */
  public static final String VERSION = "2020-04-01";
  /** [doc] Lists a bus's rules: EventBusName, RuleNamePrefix, Limit, NextToken. */
  public static final String LIST_RULES = "ListRules";
  /** [doc] Lists a rule's targets: EventBusName, RuleName, Limit, NextToken. */
  public static final String LIST_TARGETS = "ListTargets";
  /** [doc] RAM actions for the two reads, on {@code acs:eventbridge:REGION:ACCOUNT:eventbus/BUS/rule/*}. */
  public static final List<String> PERMISSIONS = List.of("eventbridge:ListRules", "eventbridge:ListTargets");
  /** [doc] An FC EventBridge trigger with eventSourceType Default puts its rule on this bus. */
  public static final String DEFAULT_BUS = "default";
  /** [doc: Terraform provider's rule status values ENABLE/DISABLE] A rule that delivers. */
  public static final String STATUS_ENABLED = "ENABLE";
  /** [inferred] Page size asked for; the API documents Limit without a stated maximum here. */
  public static final int PAGE_SIZE = 50;
  /** Pages read at most per bus or rule, so a huge account cannot make doctor unbounded. */
  public static final int MAX_PAGES = 20;
  /**
   * [inferred: the Terraform provider reads {@code $.Data.Rules} and the top-level NextToken;
   * newer pages show NextToken inside Data] Where rules, targets and the page token are in an
   * answer: both token places are read.
   */
  public static final String DATA = "Data";
  /** [doc: Terraform provider's target type values, e.g. acs.mns.queue] The type of an FC target. */
  public static final String FC_TARGET_TYPE = "acs.fc.function";

  // ---- Routing events from member accounts to a central account (issue 21, PLATFORM.md section 9) ----

  /**
   * [doc: EventBridge "Route events to EventBridge", cross-account routing] The RECEIVING account
   * owns the role the sender's EventBridge assumes, and attaches this system policy to it.
   */
  public static final String PUT_EVENTS_POLICY = "AliyunEventBridgePutEventsPolicy";
  /**
   * [doc: the public Resource Directory sample creates the receiving role with this trust; the
   * routing page says the trust names the sending account's EventBridge] Service principal of
   * the sending account's EventBridge, for the receiving role's trust.
   */
  public static String senderPrincipal(String senderAccountId) {
    return senderAccountId + "@eventbridge.aliyuncs.com";
  }
  /** [doc: "Event target parameters", EventBridge target] Type of a target that is another bus. */
  public static final String BUS_TARGET_TYPE = "acs.eventbridge";
  /** [doc: "Event target parameters"] The receiving role's name in an acs.eventbridge target (not RoleName). */
  public static final String ROUTING_ROLE_PARAM = "RAMRoleName";
  /** [doc: "Event target parameters"] Cross-account delivery. */
  public static final String ANOTHER_ACCOUNT = "AnotherAccount";
  /**
   * [doc: Resource Management CreateServiceLinkedRole; Terraform provider alicloud_event_bridge_service_linked_role;
   * the public Resource Directory sample creates it in each member before adding the rule] The
   * service-linked role EventBridge needs for ActionTrail (RAM) events on a default bus, and its service name.
   */
  public static final String ACTIONTRAIL_SOURCE_ROLE = "AliyunServiceRoleForEventBridgeSourceActionTrail";
  public static final String ACTIONTRAIL_SOURCE_SERVICE = "source-actiontrail.eventbridge.aliyuncs.com";
  /** [doc: EventBridge "Service-linked roles"] The role EventBridge assumes to invoke a function, and its service name. */
  public static final String SEND_TO_FC_ROLE = "AliyunServiceRoleForEventBridgeSendToFC";
  public static final String SEND_TO_FC_SERVICE = "sendevent-fc.eventbridge.aliyuncs.com";
  /**
   * [doc: "Event target parameters", Function Compute, shown in FC 2.0's form (serviceName,
   * services/SVC.QUALIFIER/functions/NAME)] The FC target's parameters. FC 3.0 has no services:
   * its ARN is {@code acs:fc:REGION:ACCOUNT:functions/NAME} [doc: Terraform provider's fcv3
   * examples] and the target drops serviceName [inferred]. Values: Qualifier LATEST, InvocationType
   * Async (Sync|Async), DataFormat Object (Object|ObjectList) [doc].
   */
  public static final String FC_FUNCTION_NAME = "functionName";
  public static final String FC_QUALIFIER = "Qualifier";
  public static final String FC_INVOCATION_TYPE = "InvocationType";
  public static final String FC_DATA_FORMAT = "DataFormat";
  public static final String FC_QUALIFIER_LATEST = "LATEST";
  public static final String FC_ASYNC = "Async";
  public static final String FC_DATA_OBJECT = "Object";
  /**
   * [doc: "Event target parameters": PushRetryStrategy BACKOFF_RETRY (3 tries) or
   * EXPONENTIAL_DECAY_RETRY (a day); DeadLetterQueue.Arn an MNS queue or RocketMQ topic] How a
   * rule keeps a failed push; the ROS property names follow ALIYUN::EventBridge::Rule [inferred].
   */
  public static final String RETRY_EXPONENTIAL = "EXPONENTIAL_DECAY_RETRY";

  private EventBridgeFacts() {}

  /** The public OpenAPI endpoint of a region: {@code eventbridge-console.REGION}, see {@link Endpoints#eventBridge}. */
  public static String endpointFor(String region) {
    return Endpoints.eventBridge(region);
  }

  /**
   * [inferred] Whether a target's endpoint names the function: FC 3.0 ARNs end in
   * {@code functions/NAME}, FC 2.0 ones in {@code services/SVC.QUALIFIER/functions/NAME}.
   */
  public static boolean targetsFunction(String type, String endpoint, String functionName) {
    String e = endpoint.toLowerCase(Locale.ROOT);
    String f = functionName.toLowerCase(Locale.ROOT);
    return type.toLowerCase(Locale.ROOT).startsWith("acs.fc")
        && (e.endsWith("functions/" + f) || e.contains("functions/" + f + "/") || e.contains("functions/" + f + "."));
  }
}
