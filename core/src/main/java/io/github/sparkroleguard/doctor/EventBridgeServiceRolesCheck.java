package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.List;
import java.util.Optional;

/**
 * EventBridge's service-linked roles in this account (issue 21): the ActionTrail-source role,
 * which RAM's events on the default bus need (the public Resource Directory sample creates it in
 * each member before adding the rule), fails when missing: doctor runs in a single-account
 * guard's account and in each member, and both route RAM events from their default bus. The role
 * EventBridge invokes Function Compute with is needed only where a rule invokes the function (a
 * single-account guard; a central account, where doctor does not run), so its absence is a
 * warning: in a member it is expected. A role of either name whose trust is not EventBridge's
 * service fails; not being allowed to read is a warning. Names and services: {@link EventBridgeFacts}.
 */
final class EventBridgeServiceRolesCheck implements DoctorCheck {
  static final String NAME = "eventbridge-service-roles";

  private final RamPort ram;

  EventBridgeServiceRolesCheck(RamPort ram) {
    this.ram = ram;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    return List.of(
        role(EventBridgeFacts.ACTIONTRAIL_SOURCE_ROLE, EventBridgeFacts.ACTIONTRAIL_SOURCE_SERVICE, true,
            "RAM's ActionTrail events may not reach this account's default-bus rules"),
        role(EventBridgeFacts.SEND_TO_FC_ROLE, EventBridgeFacts.SEND_TO_FC_SERVICE, false,
            "EventBridge cannot invoke a function in this account (expected in a member of a central guard; "
                + "needed by a single-account guard and in the central account)"));
  }

  private Finding role(String name, String service, boolean required, String consequence) {
    String create = "create it: Resource Management CreateServiceLinkedRole with ServiceName " + service
        + " (aliyun resourcemanager CreateServiceLinkedRole --ServiceName " + service + ")";
    Optional<String> trust;
    try {
      trust = ram.getRoleTrustPolicy(name);
    } catch (CloudCallException e) {
      if (Failures.denied(e)) {
        return Finding.warn(NAME, name, "not permitted to read it (" + e.code() + "), so it is unverified",
            "grant ram:GetRole on " + name + " to the role doctor runs as, or look for it in the RAM console");
      }
      return Finding.fail(NAME, name, Failures.describe("GetRole", e), Failures.fix(e, "ram:GetRole on " + name));
    }
    if (trust.isEmpty()) {
      String detail = "EventBridge's service-linked role does not exist: " + consequence;
      return required ? Finding.fail(NAME, name, detail, create) : Finding.warn(NAME, name, detail, create);
    }
    if (!trust.get().contains(service)) {
      return Finding.fail(NAME, name, "a role of that name exists but its trust does not name " + service,
          "delete that role, then " + create);
    }
    return Finding.pass(NAME, name, "exists, trusting " + service);
  }
}
