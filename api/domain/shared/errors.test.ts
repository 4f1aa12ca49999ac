import { describe, expect, it } from "vitest";
import { DomainError, withPointerPrefix } from "./errors.js";

describe("DomainError placement", () => {
  it("withPrefix returns a new error under the prefix and leaves the original as it was", () => {
    const relative = new DomainError("no-price", "/acquisition/pricePerAccelerator", "no price");
    const placed = relative.withPrefix("/options/2/deployment");
    expect(placed).toBeInstanceOf(DomainError);
    expect(placed.pointer).toBe("/options/2/deployment/acquisition/pricePerAccelerator");
    expect(placed.kind).toBe("no-price");
    expect(placed.detail).toBe("no price");
    expect(relative.pointer).toBe("/acquisition/pricePerAccelerator");
    // "" points at the whole object: the prefix alone.
    expect(new DomainError("invalid", "", "x").withPrefix("/deployment").pointer).toBe("/deployment");
  });

  it("withPointerPrefix places domain errors and lets other errors and results through", () => {
    expect(withPointerPrefix("/deployment", () => 42)).toBe(42);
    expect(() =>
      withPointerPrefix("/deployment", () => {
        throw new DomainError("invalid", "/maxUtilization", "bad");
      }),
    ).toThrow(expect.objectContaining({ pointer: "/deployment/maxUtilization" }));
    const bug = new TypeError("a bug");
    expect(() =>
      withPointerPrefix("/deployment", () => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});
