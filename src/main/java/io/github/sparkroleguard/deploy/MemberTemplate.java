package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.json.Json;

/**
 * The member-side ROS template (JSON) for a central guard: deploy it to every member (a ROS
 * stack group over a Resource Directory folder does exactly that), in each region whose RAM
 * events must reach the guard (cn-hangzhou and ap-southeast-1, PLATFORM.md section 3). It creates
 * <ul>
 *   <li>the member role the guard assumes: trusted by the guard's function role only, with an
 *       ExternalId, and granted what {@link FunctionRolePolicy} derives from the configuration
 *       (least privilege, the same policy a single-account guard's role gets);</li>
 *   <li>the rule on the member's default bus that routes RAM's ActionTrail events to the central
 *       custom bus (a target of type {@code acs.eventbridge} in another account), and the role the
 *       member's EventBridge assumes to put them there.</li>
 * </ul>
 * Property names follow ROS's resource reference (ALIYUN::RAM::Role, ALIYUN::EventBridge::Rule);
 * the cross-account target's parameter keys are [inferred] from EventBridge's routing guide:
 * {@code doctor} and the README's check after deploying confirm them.
 */
public final class MemberTemplate {
  /** RAM's event types on EventBridge (PLATFORM.md section 3). */
  static final String[] RAM_EVENT_TYPES = {"ram:ActionTrail:ApiCall", "ram:ActionTrail:ConsoleOperation",
      "ram:ActionTrail:AliyunServiceEvent"};
  /** The service principal of EventBridge, which assumes the routing role [inferred]. */
  static final String EVENTBRIDGE_PRINCIPAL = "eventbridge.aliyuncs.com";
  /** The member role's policies: this name, then -2, -3, ... (the control policy protects them). */
  public static final String POLICY_NAME = "spark-role-guard-member";

  private MemberTemplate() {}

  public static ObjectNode generate(GuardConfig config) {
    ObjectNode t = Json.object().put("ROSTemplateFormatVersion", "2015-09-01")
        .put("Description", "spark-role-guard member account: the role the central guard assumes, and RAM events "
            + "routed to the central bus. Deploy in cn-hangzhou and ap-southeast-1.");
    ObjectNode p = t.putObject("Parameters");
    param(p, "CentralAccountId", "The account the central guard runs in", null).put("AllowedPattern", "[0-9]{5,32}");
    param(p, "GuardRoleName", "The central guard's function role", config.selfRoleName());
    param(p, "MemberRoleName", "The role the guard assumes here (fleet.memberRole)", config.accounts().memberRole());
    param(p, "ExternalId", "The ExternalId the guard presents (fleet.externalId)", null).put("NoEcho", true)
        .put("MinLength", 8);
    param(p, "CentralEventBusName", "The custom bus in the central account", "spark-role-guard");
    param(p, "CentralRegion", "The region of the central bus", config.region());
    ObjectNode r = t.putObject("Resources");
    memberRole(r.putObject("MemberRole"), config);
    routingRole(r.putObject("EventRoutingRole"));
    rule(r.putObject("RamEventsToCentral"));
    ObjectNode out = t.putObject("Outputs");
    out.putObject("MemberRoleArn").putObject("Value").putArray("Fn::GetAtt").add("MemberRole").add("Arn");
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
    java.util.List<ObjectNode> docs = FunctionRolePolicy.generateAll(config.asMemberRole());
    for (int i = 0; i < docs.size(); i++) {
      policies.addObject().put("PolicyName", i == 0 ? POLICY_NAME : POLICY_NAME + "-" + (i + 1))
          .set("PolicyDocument", docs.get(i));
    }
  }

  private static void routingRole(ObjectNode res) {
    ObjectNode props = res.put("Type", "ALIYUN::RAM::Role").putObject("Properties");
    props.put("RoleName", "spark-role-guard-event-routing");
    props.put("Description", "Lets this account's EventBridge put RAM events on the central guard's bus");
    ObjectNode st = props.putObject("AssumeRolePolicyDocument").put("Version", "1").putArray("Statement").addObject()
        .put("Effect", "Allow").put("Action", "sts:AssumeRole");
    st.putObject("Principal").putArray("Service").add(EVENTBRIDGE_PRINCIPAL);
    ObjectNode put = props.putArray("Policies").addObject().put("PolicyName", "spark-role-guard-event-routing")
        .putObject("PolicyDocument").put("Version", "1").putArray("Statement").addObject()
        .put("Effect", "Allow").put("Action", "eventbridge:PutEvents");
    put.putObject("Resource").put("Fn::Sub", "acs:eventbridge:${CentralRegion}:${CentralAccountId}:eventbus/${CentralEventBusName}");
  }

  private static void rule(ObjectNode res) {
    ObjectNode props = res.put("Type", "ALIYUN::EventBridge::Rule").putObject("Properties");
    res.putArray("DependsOn").add("EventRoutingRole");
    props.put("EventBusName", "default").put("RuleName", "spark-role-guard-to-central").put("Status", "ENABLE")
        .put("Description", "RAM's ActionTrail events, routed to the central spark-role-guard");
    ArrayNode types = props.putObject("FilterPattern").putArray("type");
    for (String type : RAM_EVENT_TYPES) {
      types.add(type);
    }
    ObjectNode target = props.putArray("Targets").addObject().put("Id", "central-guard-bus").put("Type", "acs.eventbridge")
        .put("PushRetryStrategy", "EXPONENTIAL_DECAY_RETRY");
    target.putObject("Endpoint").put("Fn::Sub", "acs:eventbridge:${CentralRegion}:${CentralAccountId}:eventbus/${CentralEventBusName}");
    ArrayNode params = target.putArray("ParamList");
    constant(params, "RegionId", Json.object().put("Ref", "CentralRegion"));
    constant(params, "AccountType", TextNode.valueOf("AnotherAccount"));
    constant(params, "AccountId", Json.object().put("Ref", "CentralAccountId"));
    constant(params, "EventBusName", Json.object().put("Ref", "CentralEventBusName"));
    constant(params, "RoleName", TextNode.valueOf("spark-role-guard-event-routing"));
    params.addObject().put("ResourceKey", "Body").put("Form", "ORIGINAL");
  }

  private static void constant(ArrayNode params, String key, com.fasterxml.jackson.databind.JsonNode value) {
    params.addObject().put("ResourceKey", key).put("Form", "CONSTANT").set("Value", value);
  }
}
