package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The string condition operators as RAM documents them: StringEquals/StringLike and their
 * negations are case-sensitive, the IgnoreCase pair is not, Like takes * and ?; values of a key
 * are ORed (a negated operator holds when none matches), keys and operators are ANDed; what the
 * evaluator cannot decide stays CONDITIONAL.
 */
class ConditionsTest {
  static Decision decide(String condition, String principal) {
    Policy p = Policy.parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":\"ram:DeleteRole\",\"Resource\":\"*\",\"Condition\":" + condition + "}]}");
    RequestContext ctx = principal.equals("-") ? RequestContext.EMPTY
        : RequestContext.of(Map.of("acs:PrincipalARN", principal, "acs:SourceIp", "10.1.2.3"));
    return Evaluator.decide(p, "ram:DeleteRole", "acs:ram::1:role/r", ctx);
  }

  @ParameterizedTest(name = "{0} for {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "{'StringEquals':{'acs:PrincipalARN':'acs:ram::1:user/bob'}}|acs:ram::1:user/bob|DENY",
      "{'StringEquals':{'acs:PrincipalARN':'acs:ram::1:user/bob'}}|acs:ram::1:user/Bob|ALLOW",
      "{'StringNotEquals':{'acs:PrincipalARN':'acs:ram::1:user/bob'}}|acs:ram::1:user/Bob|DENY",
      "{'StringNotEquals':{'acs:PrincipalARN':'acs:ram::1:user/bob'}}|acs:ram::1:user/bob|ALLOW",
      "{'StringEqualsIgnoreCase':{'acs:PrincipalARN':'acs:ram::1:user/bob'}}|acs:ram::1:user/BOB|DENY",
      "{'StringNotEqualsIgnoreCase':{'acs:PrincipalARN':'acs:ram::1:user/bob'}}|acs:ram::1:user/BOB|ALLOW",
      "{'StringLike':{'acs:PrincipalARN':'acs:ram:*:*:role/ops-*'}}|acs:ram::1:role/ops-admin|DENY",
      "{'StringLike':{'acs:PrincipalARN':'acs:ram:*:*:role/ops-*'}}|acs:ram::1:role/OPS-admin|ALLOW",
      "{'StringLike':{'acs:PrincipalARN':'acs:ram:*:*:role/ops-?'}}|acs:ram::1:role/ops-1|DENY",
      "{'StringLike':{'acs:PrincipalARN':'acs:ram:*:*:role/ops-?'}}|acs:ram::1:role/ops-12|ALLOW",
      // the shape of Alibaba's control-policy example: deny all but one role
      "{'StringNotLike':{'acs:PrincipalARN':'acs:ram:*:*:role/resourcedirectoryaccountaccessrole'}}|acs:ram::1:role/resourcedirectoryaccountaccessrole|ALLOW",
      "{'StringNotLike':{'acs:PrincipalARN':'acs:ram:*:*:role/resourcedirectoryaccountaccessrole'}}|acs:ram::1:role/ResourceDirectoryAccountAccessRole|DENY",
      "{'StringNotLike':{'acs:PrincipalARN':'acs:ram:*:*:role/resourcedirectoryaccountaccessrole'}}|acs:ram::1:user/admin|DENY",
      // several values: OR; negated: none may match (NOR)
      "{'StringNotLike':{'acs:PrincipalARN':['acs:ram:*:*:role/a','acs:ram:*:*:user/b']}}|acs:ram::1:user/b|ALLOW",
      "{'StringNotLike':{'acs:PrincipalARN':['acs:ram:*:*:role/a','acs:ram:*:*:user/b']}}|acs:ram::1:user/c|DENY",
      "{'StringLike':{'acs:PrincipalARN':['acs:ram:*:*:role/a','acs:ram:*:*:user/b']}}|acs:ram::1:role/a|DENY",
      // keys and operators: AND; a false part decides even beside an undecidable one
      "{'StringLike':{'acs:PrincipalARN':'*user/b','acs:SourceIp':'10.*'}}|acs:ram::1:user/b|DENY",
      "{'StringLike':{'acs:PrincipalARN':'*user/b'},'StringEquals':{'acs:SourceIp':'10.9.9.9'}}|acs:ram::1:user/b|ALLOW",
      "{'StringLike':{'acs:PrincipalARN':'*user/x'},'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}|acs:ram::1:user/b|ALLOW",
      // not guessed: an unknown operator, a key the request lacks, no context at all
      "{'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}|acs:ram::1:user/b|CONDITIONAL",
      "{'StringLike':{'acs:PrincipalARN':'*user/b'},'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}|acs:ram::1:user/b|CONDITIONAL",
      "{'StringEquals':{'acs:MFAPresent':'true'}}|acs:ram::1:user/b|CONDITIONAL",
      "{'StringNotLike':{'acs:PrincipalARN':'*'}}|-|CONDITIONAL",
      "{'StringEquals':{'acs:PrincipalARN':[1]}}|acs:ram::1:user/b|CONDITIONAL",
      // keys ignore case
      "{'StringEquals':{'ACS:principalarn':'acs:ram::1:user/bob'}}|acs:ram::1:user/bob|DENY",
  })
  void decide_condition_asDocumented(String condition, String principal, Decision expected) {
    assertEquals(expected, decide(condition.replace('\'', '"'), principal));
  }
}
