package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.Accounts;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.fleet.FanOutFacts;
import io.github.sparkroleguard.json.Json;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The function role's policy for a central guard of many accounts: it touches RAM and ActionTrail
 * only through the member roles it assumes, so its own role needs {@code sts:AssumeRole} on exactly
 * those roles (every member's role of that name when discovery is on), for discovery
 * {@code resourcemanager:ListAccounts}, and the function-level grants of {@link FunctionRolePolicy}
 * that are not RAM or ActionTrail (the failure destination, the state store, the doctor's reads),
 * and, when the timer may fan out, {@code fc:InvokeFunction} on its own function only.
 * What it may do inside a member is the member role's policy ({@link MemberTemplate}).
 */
public final class CentralPolicy {
  static final String ASSUME_ROLE = "sts:AssumeRole";
  static final String LIST_ACCOUNTS = "resourcemanager:ListAccounts";
  /** Discovery reads the directory's management account to leave it out. */
  static final String GET_DIRECTORY = "resourcemanager:GetResourceDirectory";

  static final String INVOKE_FUNCTION = "fc:InvokeFunction";

  private CentralPolicy() {}

  /**
   * Whether the timer may fan out (issue 25): a fleet that discovery can grow, or one listed at or
   * above the threshold. Only then does the role get {@code fc:InvokeFunction}, on its own function.
   */
  static boolean fansOut(GuardConfig config) {
    Accounts a = config.accounts();
    return a.discover() || a.listed().size() >= config.fanOut().threshold();
  }

  /**
   * The function itself, with its qualifier when shards go to one: in the configured region, any
   * account id (the configuration does not know its own; a role's grant covers its own account's
   * functions only [inferred]).
   */
  static String selfArn(GuardConfig config) {
    String arn = FanOutFacts.functionArn(config.region(), "*", config.fanOut().functionName());
    return config.fanOut().qualifier().isEmpty() ? arn : arn + "/" + config.fanOut().qualifier();
  }

  public static ObjectNode generate(GuardConfig config) {
    Accounts accounts = config.accounts();
    Set<String> roles = new LinkedHashSet<>();
    for (MemberAccount a : accounts.listed()) {
      roles.add(a.roleArn());
    }
    if (accounts.discover()) {
      roles.add("acs:ram::*:role/" + accounts.memberRole().toLowerCase(Locale.ROOT));
    }
    ObjectNode doc = Json.object().put("Version", "1");
    ArrayNode statements = doc.putArray("Statement");
    ObjectNode assume = statements.addObject().put("Effect", "Allow").put("Action", ASSUME_ROLE);
    roles.forEach(assume.withArray("Resource")::add);
    if (accounts.discover()) {
      statements.addObject().put("Effect", "Allow").put("Action", LIST_ACCOUNTS).put("Resource", "*");
      statements.addObject().put("Effect", "Allow").put("Action", GET_DIRECTORY).put("Resource", "*");
    }
    if (fansOut(config)) {
      statements.addObject().put("Effect", "Allow").put("Action", INVOKE_FUNCTION).putArray("Resource")
          .add(selfArn(config));
    }
    for (com.fasterxml.jackson.databind.JsonNode st : FunctionRolePolicy.generate(config).path("Statement")) {
      if (!touchesMemberApis(st)) {
        statements.add(st.deepCopy());
      }
    }
    return doc;
  }

  /** {@code {"policies":[{"policyName","policyDocument"}]}}, the shape {@code function-policy} prints. */
  public static ObjectNode output(GuardConfig config) {
    if (!config.accounts().enabled()) {
      return FunctionRolePolicy.output(config);
    }
    ObjectNode out = Json.object();
    out.putArray("policies").addObject().put("policyName", FunctionRolePolicy.POLICY_NAME).set("policyDocument", generate(config));
    return out;
  }

  /** RAM and ActionTrail grants: in a central guard they belong to the member roles. */
  private static boolean touchesMemberApis(com.fasterxml.jackson.databind.JsonNode statement) {
    for (String a : FunctionRolePolicy.actions(Json.object().set("Statement", Json.array().add(statement.deepCopy())))) {
      if (a.startsWith("ram:") || a.startsWith("actiontrail:") || a.startsWith("resourcemanager:")) {
        return true;
      }
    }
    return false;
  }
}
