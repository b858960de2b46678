import { describe, expect, it } from "vitest";
import { assertNewTarget, checkNewTarget, checkTargetName } from "@/lib/targets/target-name";

describe("target names, as CreateGatewayTarget accepts them", () => {
  it.each(["RefundTarget", "orders-v2", "a", "A1-b2-", "x".repeat(100)])("accepts %s", (name) => {
    expect(checkTargetName(name)).toEqual([]);
  });

  it.each(["Refund_Target", "-orders", "a--b", "my target", "orders.v2"])("refuses %s, saying which characters are allowed", (name) => {
    const [p] = checkTargetName(name);
    expect(p).toMatchObject({ severity: "error", field: "name" });
    expect(p.message).toBe(
      `"${name}" is not a valid target name: AgentCore allows letters, digits and single hyphens, starting with a letter or digit (no underscores, spaces or dots).`,
    );
  });

  it("suggests a valid name for one with underscores", () => {
    expect(checkTargetName("Refund_Target")[0].help).toContain('try "Refund-Target"');
  });

  it("refuses names longer than 100 characters and empty names", () => {
    expect(checkTargetName("x".repeat(101))[0].message).toBe("The target name is 101 characters; AgentCore allows at most 100.");
    expect(checkTargetName("")[0].message).toBe("A target needs a name.");
  });

  it("refuses a description over 200 characters", () => {
    expect(checkNewTarget({ name: "T", description: "d".repeat(201) }, [])[0]).toMatchObject({ field: "description" });
  });
});

describe("adding a target to a gateway", () => {
  it("answers 409 target-name-taken for a name the gateway already has", () => {
    const err = (() => {
      try {
        assertNewTarget({ name: "OrdersTarget" }, ["RefundTarget", "OrdersTarget"]);
      } catch (e) {
        return e as { code: string; status: number; message: string };
      }
    })();
    expect(err).toMatchObject({ code: "target-name-taken", status: 409 });
    expect(err?.message).toBe('name: This gateway already has a target named "OrdersTarget"; target names are unique within a gateway.');
  });

  it("compares names exactly, as the service does", () => {
    expect(() => assertNewTarget({ name: "orderstarget" }, ["OrdersTarget"])).not.toThrow();
  });

  it("answers 400 target-name-invalid for a bad name and 409 target-limit-reached for a full gateway", () => {
    expect(() => assertNewTarget({ name: "bad_name" }, [])).toThrow(expect.objectContaining({ code: "target-name-invalid", status: 400 }));
    const hundred = Array.from({ length: 100 }, (_, i) => `t${i}`);
    expect(() => assertNewTarget({ name: "another" }, hundred)).toThrow(expect.objectContaining({ code: "target-limit-reached", status: 409 }));
  });
});
