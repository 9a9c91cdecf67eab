package io.github.sparkroleguard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerShapesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GetRole|true|{\"RequestId\":\"1\",\"Role\":{\"RoleName\":\"r\"}}|",
      "ListPoliciesForRole|true|{\"Policies\":{\"Policy\":[]},\"RequestId\":\"1\"}|",
      "LookupEvents|true|{\"Events\":[],\"RequestId\":\"1\"}|",
      "CreateRole|true|{\"RequestId\":\"1\"}|",
      "GetRole|false|{\"Code\":\"EntityNotExist.Role\",\"Message\":\"x\"}|",
      "GetRole|true|<html><body>502</body></html>|not a complete JSON object",
      "GetRole|true|{\"RequestId\":\"1\",\"Role\":{\"RoleName\":|not a complete JSON object",
      "GetRole|true|{\"a\":|not a complete JSON object",
      "GetRole|true|[1,2]|not a JSON object",
      "GetRole|true|{\"RequestId\":\"1\"} {}|not one complete JSON object",
      "GetRole|true|{\"RequestId\":\"1\"}|no Role",
      "ListPoliciesForRole|true|{\"RequestId\":\"1\",\"Policies\":\"not-an-object\"}|Policies is not an object",
      "LookupEvents|true|{\"RequestId\":\"1\",\"Events\":\"x\",\"NextToken\":12345}|Events is not an array",
      "GetRole|false|<html>gateway</html>|not a complete JSON object"})
  void problem_eachShape_isFoundOrNot(String action, boolean success, String body, String expected) {
    String problem = AnswerShapes.problem(action, success, body.getBytes(StandardCharsets.UTF_8));
    if (expected == null) {
      assertNull(problem);
    } else {
      assertEquals(expected, problem);
    }
  }
}
