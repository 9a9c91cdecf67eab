package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.json.Json;

/**
 * The central (receiving) account's ROS template of a guard of many accounts: the custom bus the
 * members route their RAM events to, the roles their EventBridge assumes to put them there, and
 * the rule that invokes the central function. Deploy once, in the central function's region.
 *
 * <p>EventBridge documents cross-account routing this way round: the RECEIVING account owns the
 * role, trusts the sending account's EventBridge ({@code <sender>@eventbridge.aliyuncs.com}) and
 * attaches {@code AliyunEventBridgePutEventsPolicy} ({@link EventBridgeFacts}). There is ONE role
 * PER MEMBER ({@link #routingRoleName}), trusting that member's EventBridge only: a member can
 * put events only as itself, removing a member is deleting its role, and no trust policy grows
 * with the fleet (RAM bounds a trust policy's size). The roles are made for the accounts the
 * configuration lists; a discovered member needs its role too (regenerate with it listed;
 * {@code doctor} in the central account names any protected account without one).
 *
 * <p>The receiving rule matches only the listed senders' {@code aliyunoriginalaccountid}, as
 * EventBridge advises for a bus that receives from several accounts (with discovery the set is
 * open, so the guard's own account check is the filter). Its FC target is FC 3.0's: the function
 * ARN has no service, and the documented parameters are set (Qualifier, InvocationType,
 * DataFormat, Body); failed pushes are retried and kept in the function's failure queue.
 */
public final class CentralTemplate {
  /** The central custom bus. */
  static final String BUS = "spark-role-guard";
  static final String ROUTING_ROLE_PREFIX = "spark-role-guard-route-";

  private CentralTemplate() {}

  /** The receiving role for one member (an account id, or a ROS expression such as ${ALIYUN::AccountId}). */
  public static String routingRoleName(String memberAccountId) {
    return ROUTING_ROLE_PREFIX + memberAccountId;
  }

  public static ObjectNode generate(GuardConfig config) {
    ObjectNode t = Json.object().put("ROSTemplateFormatVersion", "2015-09-01")
        .put("Description", "spark-role-guard central account: the custom bus members route their RAM events to, the role "
            + "each member's EventBridge assumes to put them there, and the rule that invokes the central function. Deploy "
            + "once, in the central function's region.");
    ObjectNode p = t.putObject("Parameters");
    p.putObject("EventBusName").put("Type", "String").put("Default", BUS).put("Description", "member-rule.json's CentralEventBusName");
    p.putObject("FunctionName").put("Type", "String").put("Default", "spark-role-guard-central")
        .put("Description", "The central function (deploy/many-accounts/s.yaml)");
    p.putObject("FunctionRegion").put("Type", "String").put("Default", config.region())
        .put("Description", "The region the central function runs in");
    p.putObject("FailureQueueName").put("Type", "String").put("Default", "spark-role-guard-failures")
        .put("Description", "The MNS queue (s.yaml's failureQueue) that keeps events the rule fails to deliver");
    ObjectNode r = t.putObject("Resources");
    r.putObject("CentralBus").put("Type", "ALIYUN::EventBridge::EventBus").putObject("Properties")
        .put("Description", "RAM ActionTrail events routed from the member accounts").putObject("EventBusName").put("Ref", "EventBusName");
    int i = 0;
    for (MemberAccount a : config.accounts().listed()) {
      routingRole(r.putObject("RoutingRole" + (++i)), a);
    }
    invokeRule(r.putObject("InvokeGuard"), config);
    return t;
  }

  private static void routingRole(ObjectNode res, MemberAccount member) {
    ObjectNode props = res.put("Type", "ALIYUN::RAM::Role").putObject("Properties");
    props.put("RoleName", routingRoleName(member.id()))
        .put("Description", "Lets the EventBridge of member " + member.id() + " put RAM events on the spark-role-guard bus");
    ObjectNode st = props.putObject("AssumeRolePolicyDocument").put("Version", "1").putArray("Statement").addObject()
        .put("Effect", "Allow").put("Action", "sts:AssumeRole");
    st.putObject("Principal").putArray("Service").add(EventBridgeFacts.senderPrincipal(member.id()));
    props.putObject("PolicyAttachments").putArray("System").add(EventBridgeFacts.PUT_EVENTS_POLICY);
  }

  private static void invokeRule(ObjectNode res, GuardConfig config) {
    res.put("Type", "ALIYUN::EventBridge::Rule").put("DependsOn", "CentralBus");
    ObjectNode props = res.putObject("Properties");
    props.putObject("EventBusName").put("Ref", "EventBusName");
    props.put("RuleName", "invoke-spark-role-guard").put("Status", "ENABLE")
        .put("Description", "Every routed RAM event from a protected member invokes the central guard");
    ObjectNode pattern = props.putObject("FilterPattern");
    ArrayNode types = pattern.putArray("type");
    for (String type : MemberTemplate.RAM_EVENT_TYPES) {
      types.add(type);
    }
    if (!config.accounts().discover()) {
      ArrayNode senders = pattern.putArray("aliyunoriginalaccountid");
      config.accounts().listed().forEach(a -> senders.add(a.id()));
    }
    ObjectNode target = props.putArray("Targets").addObject().put("Id", "central-guard").put("Type", EventBridgeFacts.FC_TARGET_TYPE)
        .put("PushRetryStrategy", EventBridgeFacts.RETRY_EXPONENTIAL);
    target.putObject("Endpoint").put("Fn::Sub", "acs:fc:${FunctionRegion}:${ALIYUN::AccountId}:functions/${FunctionName}");
    target.putObject("DeadLetterQueue").putObject("Arn")
        .put("Fn::Sub", "acs:mns:${FunctionRegion}:${ALIYUN::AccountId}:/queues/${FailureQueueName}");
    ArrayNode params = target.putArray("ParamList");
    MemberTemplate.constant(params, EventBridgeFacts.FC_FUNCTION_NAME, Json.object().put("Ref", "FunctionName"));
    MemberTemplate.constant(params, EventBridgeFacts.FC_QUALIFIER, TextNode.valueOf(EventBridgeFacts.FC_QUALIFIER_LATEST));
    MemberTemplate.constant(params, EventBridgeFacts.FC_INVOCATION_TYPE, TextNode.valueOf(EventBridgeFacts.FC_ASYNC));
    MemberTemplate.constant(params, EventBridgeFacts.FC_DATA_FORMAT, TextNode.valueOf(EventBridgeFacts.FC_DATA_OBJECT));
    params.addObject().put("ResourceKey", "Body").put("Form", "ORIGINAL");
  }
}
