import { snakeCase } from "../../src/actions/agent/flowTools";

describe("Run Agent: function names of flows", () => {
  it.each([
    ["Look Up Customer", "look_up_customer"],
    ["lookUpCustomer", "look_up_customer"],
    ["  Créer un ticket (v2)! ", "creer_un_ticket_v2"],
    ["日本語", "flow"],
    ["x".repeat(80), "x".repeat(64)],
  ])("%s → %s", (flow, name) => {
    expect(snakeCase(flow)).toBe(name);
  });
});
