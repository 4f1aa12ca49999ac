import { describe, expect, it } from "vitest";
import { dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { capacityTokensPerMonth, requiredTokensPerMonth, sizeReplicas } from "./sizing.js";

const base = {
  inputTokensPerMonth: dec(0),
  outputTokensPerMonth: dec(0),
  peakToAverage: dec(1),
  tokensPerSecond: dec(1000),
  counts: "output" as const,
  maxUtilization: dec("0.9"),
};

describe("capacity", () => {
  it("is tokensPerSecond × 3600 × 730 × maxUtilization", () => {
    // 1000 × 3600 × 730 = 2,628,000,000; × 0.9 = 2,365,200,000
    expect(capacityTokensPerMonth(dec(1000), dec("0.9")).toString()).toBe("2365200000");
  });

  it("counts output tokens or input + output", () => {
    const w = { inputTokensPerMonth: dec(300), outputTokensPerMonth: dec(100) };
    expect(requiredTokensPerMonth(w, "output").toString()).toBe("100");
    expect(requiredTokensPerMonth(w, "total").toString()).toBe("400");
  });
});

describe("replica rounding", () => {
  it("exactly at capacity → 1 replica; one token over → 2", () => {
    const at = sizeReplicas({ ...base, outputTokensPerMonth: dec(2365200000) });
    expect(at.replicas).toBe(1);
    expect(at.utilization.toString()).toBe("0.9");
    const over = sizeReplicas({ ...base, outputTokensPerMonth: dec(2365200001) });
    expect(over.replicas).toBe(2);
  });

  it("applies the peak-to-average factor to the replica count, not to the utilisation", () => {
    const s = sizeReplicas({ ...base, outputTokensPerMonth: dec(2000000000), peakToAverage: dec(2) });
    // 2e9 × 2 / 2.3652e9 = 1.69 → 2 replicas; average utilisation 2e9 / (2 × 2.628e9) = 0.38051…
    expect(s.replicas).toBe(2);
    expect(s.utilization.toDecimalPlaces(5).toString()).toBe("0.38052");
  });

  it("keeps at least one replica for an empty workload", () => {
    const s = sizeReplicas(base);
    expect(s.replicas).toBe(1);
    expect(s.utilization.toString()).toBe("0");
  });

  it("sizes on total tokens when the throughput counts total", () => {
    const s = sizeReplicas({
      ...base,
      counts: "total",
      inputTokensPerMonth: dec(2000000000),
      outputTokensPerMonth: dec(500000000),
    });
    expect(s.requiredTokensPerMonth.toString()).toBe("2500000000");
    expect(s.replicas).toBe(2);
  });

  it("refuses zero throughput rather than dividing by zero", () => {
    expect(() => sizeReplicas({ ...base, tokensPerSecond: dec(0) })).toThrow(DomainError);
    try {
      sizeReplicas({ ...base, tokensPerSecond: dec(0) });
    } catch (e) {
      expect((e as DomainError).pointer).toBe("/throughput/tokensPerSecond");
    }
    expect(() => sizeReplicas({ ...base, maxUtilization: dec(0) })).toThrow(DomainError);
  });
});
