package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.json.Json;
import java.util.List;
import java.util.Set;

/**
 * The member-side ROS templates (JSON) of a central guard, in two parts because RAM names are
 * global and {@code ALIYUN::RAM::Role} fails when the role exists ({@code IgnoreExisting}
 * defaults to false; PLATFORM.md section 9), while the rule must exist in both event regions:
 * <ul>
 *   <li>{@link #roles}: deployed ONCE per member (a stack group instance in one region): the
 *       member role the guard assumes, trusted by the guard's function role only, with an
 *       ExternalId, granted what {@link FunctionRolePolicy} derives from the configuration (the
 *       same least privilege a single-account guard's role gets, less the central function's
 *       own failure queue and state store: {@link io.github.sparkroleguard.config.GuardConfig#isMember});</li>
 *   <li>{@link #rule}: deployed in EACH event region (cn-hangzhou and ap-southeast-1, PLATFORM.md
 *       section 3): the rule on the member's default bus that routes RAM's ActionTrail events to
 *       the central custom bus, and the MNS queue that keeps what it fails to deliver. It names
 *       no global resource, so a second region deploys cleanly.</li>
 * </ul>
 * The role the member's EventBridge assumes to put events on the central bus belongs to the
 * RECEIVING account, as EventBridge documents cross-account routing: {@link CentralTemplate}
 * makes it there, one per member; the rule names it with {@code RAMRoleName}. Property names
 * follow ROS's resource reference; the routing facts live in {@link EventBridgeFacts}.
 */
public final class MemberTemplate {
  /** RAM's event types on EventBridge (PLATFORM.md section 3). */
  static final String[] RAM_EVENT_TYPES = ChangeEvents.EVENTBRIDGE_TYPES.toArray(new String[0]);
  /** What the per-region template may create: regional resources only, nothing named account-wide. */
  static final Set<String> REGIONAL_TYPES = Set.of("ALIYUN::EventBridge::Rule", "ALIYUN::MNS::Queue");
  /** The queue (in the member's region) that keeps the events the rule fails to deliver. */
  static final String DEAD_LETTER_QUEUE = "spark-role-guard-routing-dlq";
  /** The member role's policies: this name, then -2, -3, ... (the control policy protects them). */
  public static final String POLICY_NAME = "spark-role-guard-member";

  private MemberTemplate() {}

  /** The global part: the member role. Deploy once per member account. */
  public static ObjectNode roles(GuardConfig config) {
    ObjectNode t = Json.object().put("ROSTemplateFormatVersion", "2015-09-01")
        .put("Description", "spark-role-guard member account, global part (deploy ONCE per account, in one region): "
            + "the role the central guard assumes. The per-region rule is member-rule.json.");
    ObjectNode p = t.putObject("Parameters");
    param(p, "CentralAccountId", "The account the central guard runs in", null).put("AllowedPattern", "[0-9]{5,32}");
    param(p, "GuardRoleName", "The central guard's function role", config.selfRoleName());
    param(p, "MemberRoleName", "The role the guard assumes here (fleet.memberRole)", config.accounts().memberRole());
    param(p, "ExternalId", "The ExternalId the guard presents (fleet.externalId)", null).put("NoEcho", true)
        .put("MinLength", 8);
    memberRole(t.putObject("Resources").putObject("MemberRole"), config);
    t.putObject("Outputs").putObject("MemberRoleArn").putObject("Value").putArray("Fn::GetAtt").add("MemberRole").add("Arn");
    return t;
  }

  /** The per-region part: the routing rule and its dead-letter queue. Deploy in every event region. */
  public static ObjectNode rule(GuardConfig config) {
    ObjectNode t = Json.object().put("ROSTemplateFormatVersion", "2015-09-01")
        .put("Description", "spark-role-guard member account, per-region part (deploy in cn-hangzhou AND ap-southeast-1): "
            + "RAM events routed to the central bus, assuming the central account's routing role for this account.");
    ObjectNode p = t.putObject("Parameters");
    param(p, "CentralAccountId", "The account the central guard runs in", null).put("AllowedPattern", "[0-9]{5,32}");
    param(p, "CentralEventBusName", "The custom bus in the central account", CentralTemplate.BUS);
    param(p, "CentralRegion", "The region of the central bus", config.region());
    ObjectNode r = t.putObject("Resources");
    r.putObject("DeadLetterQueue").put("Type", "ALIYUN::MNS::Queue").putObject("Properties")
        .put("QueueName", DEAD_LETTER_QUEUE).put("MessageRetentionPeriod", 604800);
    routingRule(r.putObject("RamEventsToCentral"));
    return t;
  }

  private static ObjectNode param(ObjectNode params, String name, String description, String fallback) {
    ObjectNode n = params.putObject(name).put("Type", "String").put("Description", description);
    if (fallback != null) {
      n.put("Default", fallback);
    }
    return n;
  }

  private static void memberRole(ObjectNode res, GuardConfig config) {
    ObjectNode props = res.put("Type", "ALIYUN::RAM::Role").putObject("Properties");
    props.putObject("RoleName").put("Ref", "MemberRoleName");
    props.put("Description", "Assumed by spark-role-guard in the central account to watch and restore the Spark roles");
    ObjectNode trust = props.putObject("AssumeRolePolicyDocument").put("Version", "1");
    ObjectNode st = trust.putArray("Statement").addObject().put("Effect", "Allow").put("Action", "sts:AssumeRole");
    st.putObject("Principal").putArray("RAM").addObject().put("Fn::Sub", "acs:ram::${CentralAccountId}:role/${GuardRoleName}");
    st.putObject("Condition").putObject("StringEquals").putObject("sts:ExternalId").put("Ref", "ExternalId");
    ArrayNode policies = props.putArray("Policies");
    List<ObjectNode> docs = FunctionRolePolicy.generateAll(config.asMemberRole());
    for (int i = 0; i < docs.size(); i++) {
      policies.addObject().put("PolicyName", i == 0 ? POLICY_NAME : POLICY_NAME + "-" + (i + 1))
          .set("PolicyDocument", docs.get(i));
    }
  }

  private static void routingRule(ObjectNode res) {
    ObjectNode props = res.put("Type", "ALIYUN::EventBridge::Rule").putObject("Properties");
    res.putArray("DependsOn").add("DeadLetterQueue");
    props.put("EventBusName", EventBridgeFacts.DEFAULT_BUS).put("RuleName", "spark-role-guard-to-central").put("Status", "ENABLE")
        .put("Description", "RAM's ActionTrail events, routed to the central spark-role-guard");
    ArrayNode types = props.putObject("FilterPattern").putArray("type");
    for (String type : RAM_EVENT_TYPES) {
      types.add(type);
    }
    ObjectNode target = props.putArray("Targets").addObject().put("Id", "central-guard-bus")
        .put("Type", EventBridgeFacts.BUS_TARGET_TYPE).put("PushRetryStrategy", EventBridgeFacts.RETRY_EXPONENTIAL);
    target.putObject("Endpoint").put("Fn::Sub", "acs:eventbridge:${CentralRegion}:${CentralAccountId}:eventbus/${CentralEventBusName}");
    target.putObject("DeadLetterQueue").putObject("Arn")
        .put("Fn::Sub", "acs:mns:${ALIYUN::Region}:${ALIYUN::AccountId}:/queues/" + DEAD_LETTER_QUEUE);
    ArrayNode params = target.putArray("ParamList");
    constant(params, "RegionId", Json.object().put("Ref", "CentralRegion"));
    constant(params, "AccountType", TextNode.valueOf(EventBridgeFacts.ANOTHER_ACCOUNT));
    constant(params, "AccountId", Json.object().put("Ref", "CentralAccountId"));
    constant(params, "EventBusName", Json.object().put("Ref", "CentralEventBusName"));
    constant(params, EventBridgeFacts.ROUTING_ROLE_PARAM,
        Json.object().put("Fn::Sub", CentralTemplate.routingRoleName("${ALIYUN::AccountId}")));
    params.addObject().put("ResourceKey", "Body").put("Form", "ORIGINAL");
  }

  static void constant(ArrayNode params, String key, JsonNode value) {
    params.addObject().put("ResourceKey", key).put("Form", "CONSTANT").set("Value", value);
  }
}
