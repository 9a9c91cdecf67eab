package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import io.github.sparkroleguard.ram.RamException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EventBridge's service-linked roles in this account (issue 21): the ActionTrail-source role,
 * which RAM's events on the default bus need (the public Resource Directory sample creates it in
 * each member before adding the rule), where RAM events start (a single-account guard, a member);
 * and the role EventBridge invokes Function Compute with, where a rule invokes the function (a
 * single-account guard, the central account). A role of that name whose trust is not EventBridge's
 * service fails; not being allowed to read is a warning. Names and services: {@link EventBridgeFacts}.
 */
final class EventBridgeServiceRolesCheck implements DoctorCheck {
  static final String NAME = "eventbridge-service-roles";

  private final GuardConfig config;
  private final RamPort ram;

  EventBridgeServiceRolesCheck(GuardConfig config, RamPort ram) {
    this.config = config;
    this.ram = ram;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    boolean central = config.accounts().enabled() && config.accountName().isEmpty();
    boolean member = !config.accountName().isEmpty();
    List<Finding> out = new ArrayList<>();
    if (!central) {
      out.add(role(EventBridgeFacts.ACTIONTRAIL_SOURCE_ROLE, EventBridgeFacts.ACTIONTRAIL_SOURCE_SERVICE,
          "RAM's ActionTrail events may not reach this account's default-bus rules"));
    }
    if (!member) {
      out.add(role(EventBridgeFacts.SEND_TO_FC_ROLE, EventBridgeFacts.SEND_TO_FC_SERVICE,
          "EventBridge may not be able to invoke the function"));
    }
    return out;
  }

  private Finding role(String name, String service, String consequence) {
    String create = "create it: Resource Management CreateServiceLinkedRole with ServiceName " + service
        + " (aliyun resourcemanager CreateServiceLinkedRole --ServiceName " + service + ")";
    Optional<String> trust;
    try {
      trust = ram.getRoleTrustPolicy(name);
    } catch (RamException e) {
      if (Failures.denied(e)) {
        return Finding.warn(NAME, name, "not permitted to read it (" + e.code() + "), so it is unverified",
            "grant ram:GetRole on " + name + " to the role doctor runs as, or look for it in the RAM console");
      }
      return Finding.fail(NAME, name, Failures.describe("GetRole", e), Failures.fix(e, "ram:GetRole on " + name));
    }
    if (trust.isEmpty()) {
      return Finding.fail(NAME, name, "EventBridge's service-linked role does not exist: " + consequence, create);
    }
    if (!trust.get().contains(service)) {
      return Finding.fail(NAME, name, "a role of that name exists but its trust does not name " + service,
          "delete that role, then " + create);
    }
    return Finding.pass(NAME, name, "exists, trusting " + service);
  }
}
