package io.github.sparkroleguard.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RamRoleTest {
  @Test
  void accountId_isTheNumberInARoleArn() {
    assertEquals("1234567890123456", new RamRole("{}", "acs:ram::1234567890123456:role/aliyunemrsparkjobrundefaultrole").accountId());
  }

  @Test
  void accountId_isEmptyForAnythingNotShapedAsDocumented() {
    for (String arn : new String[] {"", "acs:ram:::role/x", "acs:ram::12ab:role/x", "acs:ecs::123:role/x",
        "acs:ram::123:user/x", "arn:ram::123:role/x", "acs:ram::123"}) {
      assertEquals("", new RamRole("{}", arn).accountId(), arn);
    }
  }
}
