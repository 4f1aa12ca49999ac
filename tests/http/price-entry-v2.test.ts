/**
 * Price entry v2 end to end: a sheet file with every 2025–26 dimension → Postgres (the seed path) →
 * snapshot → `GET /v1/prices` → estimates → comparisons (ranked, sweep, CSV) → the SDK; the import
 * endpoint with the same dimensions, withdrawals, and bad input refused at the field with nothing written.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceSheetFile } from "../../api/catalog/schema.js";
import { priceSheets } from "../../api/db/schema.js";
import { sheetFileToInput } from "../../api/db/seed.js";
import { storePriceSheet } from "../../api/services/price-sheets.js";
import { createTcoClient, unwrap } from "../../sdk/index.js";
import { createTestApp, postJson, TEST_ADMIN_TOKEN, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const MODEL = "claude-3-5-sonnet-20241022";

/** A pricing-data file with every v2 field (figures in the style of facts-2026 §2). */
const v2File = {
  provider: "anthropic",
  effectiveFrom: "2026-10-01",
  currency: "USD",
  source: "test sheet with every v2 dimension",
  checkedOn: "2026-11-30",
  checked: false,
  prices: [
    {
      model: MODEL,
      inputPerMillion: "3",
      outputPerMillion: "15",
      cachedInputPerMillion: "0.30",
      cacheWritePerMillion: "3.75",
      cacheWrite1hPerMillion: "6",
      reasoningOutputPerMillion: null,
      requestFeePer1K: "0.5",
      toolFees: [{ tool: "web-search", pricePer1K: "10" }],
      serviceTiers: [
        { tier: "batch", multiplier: "0.5" },
        { tier: "priority", multiplier: "2" },
        { tier: "flex", inputPerMillion: "1.5", outputPerMillion: "7.5" },
      ],
      regions: [{ region: "us", multiplier: "1.1" }],
      tiers: [
        {
          aboveInputTokens: 200000,
          inputPerMillion: "6",
          outputPerMillion: "22.5",
          cachedInputPerMillion: "0.6",
        },
      ],
      timeWindows: [
        {
          name: "peak",
          days: ["mon", "tue", "wed", "thu", "fri"],
          from: "09:00",
          to: "12:00",
          timeZone: "Asia/Shanghai",
          excludeHolidays: "cn",
          multiplier: "2",
        },
      ],
    },
  ],
  withdrawn: [],
};

const estimate = (body: Record<string, unknown>) =>
  postJson(ctx.app, "/v1/estimates/api", { at: "2026-10-20", ...body });

describe("price entry v2, file → Postgres → snapshot → estimate → comparison → SDK", () => {
  beforeAll(async () => {
    const { prices } = await ctx.services.snapshot();
    const outcome = await storePriceSheet(
      ctx.database.handle.db,
      sheetFileToInput(priceSheetFile.parse(v2File)),
      prices,
    );
    expect(outcome.outcome).toBe("created");
    await ctx.services.reloadSnapshot();
  });

  it("GET /v1/prices returns every v2 field as stored", async () => {
    const res = await ctx.app.request(`/v1/prices?provider=anthropic&model=${MODEL}&at=2026-10-20`);
    const body = (await res.json()) as any;
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      priceSheetId: "anthropic-2026-10-01",
      cacheWrite1hPerMillion: "6",
      requestFeePer1K: "0.5",
      toolFees: [{ tool: "web-search", pricePer1K: "10" }],
      serviceTiers: [
        { tier: "batch", multiplier: "0.5" },
        { tier: "priority", multiplier: "2" },
        { tier: "flex", multiplier: null, inputPerMillion: "1.5", outputPerMillion: "7.5" },
      ],
      regions: [{ region: "us", multiplier: "1.1" }],
      tiers: [{ aboveInputTokens: 200000, inclusive: false, countsCachedTokens: true, inputPerMillion: "6" }],
      timeWindows: [
        { name: "peak", timeZone: "Asia/Shanghai", excludeHolidays: "cn", from: "09:00", to: "12:00" },
      ],
    });
  });

  it("an estimate with the tier mix, the hourly profile, region and fees, each worked by hand", async () => {
    // 1M input tokens, 1K tokens/request → 1,000 requests; all traffic in hour 02 UTC (10:00 Beijing).
    // October 2026: 17 peak weekdays (Oct 1–7 holidays), so the peak share = 17/31 of the traffic.
    // priority 10%: rate $3 × 2 = $6, peak ×2 = $12; standard 90%: $3, peak $6. Region ×1.1 on tokens.
    // tokens = 1.1 × (0.9 × (14/31 × 3 + 17/31 × 6) + 0.1 × (14/31 × 6 + 17/31 × 12))
    // fees   = 1,000 requests × $0.5/1K + 100 searches × $10/1K = $0.5 + $1 = $1.5
    const hourly = Array.from({ length: 24 }, (_, h) => (h === 2 ? "1" : "0"));
    const res = await estimate({
      workload: {
        inputTokensPerMonth: 1_000_000,
        outputTokensPerMonth: 0,
        inputTokensPerRequest: 1000,
        serviceTierMix: { priority: "0.1" },
        hourlyShareUtc: hourly,
        toolCallsPerMonth: { "web-search": 100 },
      },
      offerings: [{ provider: "anthropic", model: MODEL, region: "us" }],
    });
    expect(res.status).toBe(200);
    const e = ((await res.json()) as any).data[0];
    const { Decimal } = await import("../../api/domain/shared/decimal.js");
    const peak = new Decimal(17).div(31);
    const off = new Decimal(1).minus(peak);
    const std = off.times(3).plus(peak.times(6)).times("0.9");
    const pri = off.times(6).plus(peak.times(12)).times("0.1");
    expect(e.monthlyCost).toBe(std.plus(pri).times("1.1").plus("1.5").toString());
    expect(e.region).toBe("us");
    expect(e.lineItems.map((l: any) => l.description)).toContain(
      "Uncached input tokens, priority tier, peak hours, region us",
    );
    const sum = e.lineItems.reduce((s: any, l: any) => s.plus(l.cost), new Decimal(0));
    expect(sum.toString()).toBe(e.monthlyCost);
  });

  it("a comparison with the new workload fields: ranked, swept and as CSV; the SDK sees the same", async () => {
    const body = {
      workload: {
        inputTokensPerMonth: 2_000_000_000,
        outputTokensPerMonth: 500_000_000,
        reasoningOutputShare: "0.6",
        serviceTierMix: { batch: "0.2", priority: "0.1" },
        requestSizeMix: [
          { share: "0.9", inputTokensPerRequest: 2000 },
          { share: "0.1", inputTokensPerRequest: 300000 },
        ],
        toolCallsPerMonth: { "web-search": 20000 },
      },
      options: [
        { kind: "api", provider: "anthropic", model: MODEL, region: "us" },
        { kind: "api", provider: "anthropic", model: MODEL },
        {
          kind: "self-hosted",
          name: "llama",
          deployment: { model: "llama-3-70b", accelerator: "h100-sxm", acceleratorsPerReplica: 8 },
        },
      ],
      at: "2026-10-20",
      sweep: { points: 5 },
    };
    const res = await postJson(ctx.app, "/v1/comparisons", body);
    if (res.status !== 200) throw new Error(await res.text());
    const comparison = (await res.json()) as any;
    const byName = (name: string) => comparison.data.find((d: any) => d.name === name)?.estimate;
    const us = byName(`anthropic/${MODEL}@us`);
    const plain = byName(`anthropic/${MODEL}`);
    expect(us.region).toBe("us");
    expect(plain.region).toBe(null);
    // Region ×1.1 on tokens only: us − plain = 0.1 × (plain − fees); fees = requests + searches.
    const feeOf = (d: any) =>
      d.lineItems
        .filter((l: any) => l.unit !== "1M tokens")
        .reduce((s: number, l: any) => s + Number(l.cost), 0);
    expect(feeOf(us)).toBe(feeOf(plain));
    const descriptions = us.lineItems.map((l: any) => l.description);
    expect(descriptions).toContain("Output tokens via the batch API, peak hours, region us");
    expect(descriptions).toContain(
      "Reasoning output tokens, priority tier, peak hours, region us (tier: requests above 200000 input tokens)",
    );
    expect(descriptions).toContain("Calls of the web-search tool");
    expect(comparison.sweep.series.length).toBeGreaterThan(0);
    const csv = await ctx.app.request("/v1/comparisons", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/csv" },
      body: JSON.stringify(body),
    });
    expect(await csv.text()).toMatch(/reasoning-output-priority/);
    const client = createTcoClient({ baseUrl: "http://local", fetch: (r: Request) => ctx.app.fetch(r) });
    const viaSdk = unwrap(await client.POST("/v1/comparisons", { body: body as any }));
    expect(viaSdk).toEqual(comparison);
  });

  it("a tier, region or tool the price lacks → 422 naming the field", async () => {
    const base = { workload: { inputTokensPerMonth: 1000, outputTokensPerMonth: 0 } };
    const pointers = async (body: Record<string, unknown>) =>
      (((await (await estimate(body)).json()) as any).errors ?? []).map((e: any) => e.pointer);
    expect(
      await pointers({
        ...base,
        workload: { ...base.workload, serviceTierMix: { fast: "0.1" } },
        offerings: [{ provider: "anthropic", model: MODEL }],
      }),
    ).toEqual(["/workload/serviceTierMix/fast"]);
    expect(
      await pointers({ ...base, offerings: [{ provider: "anthropic", model: MODEL, region: "eu" }] }),
    ).toEqual(["/offerings/0/region"]);
    expect(
      await pointers({
        ...base,
        workload: { ...base.workload, toolCallsPerMonth: { "code-exec": 1 } },
        offerings: [{ provider: "anthropic", model: MODEL }],
      }),
    ).toEqual(["/workload/toolCallsPerMonth/code-exec"]);
    expect(
      await pointers({
        ...base,
        workload: { ...base.workload, batchShare: "0.3", serviceTierMix: { batch: "0.2" } },
        offerings: [{ provider: "anthropic", model: MODEL }],
      }),
    ).toEqual(["/workload/batchShare"]);
    // Gemini 1.5 Pro (Oct 2024) has no batch price: serviceTierMix.batch → 422; v1's batchShare keeps
    // v1's answer (full rates, with a warning).
    const gemini = { offerings: [{ provider: "google", model: "gemini-1.5-pro" }], at: "2024-11-01" };
    expect(
      await pointers({
        ...base,
        ...gemini,
        workload: { ...base.workload, serviceTierMix: { batch: "0.5" } },
      }),
    ).toEqual(["/workload/serviceTierMix/batch"]);
    const v1 = (await (
      await estimate({ ...base, ...gemini, workload: { ...base.workload, batchShare: "0.5" } })
    ).json()) as any;
    expect(v1.data[0].monthlyCost).toBe("0.00125");
    expect(v1.data[0].warnings.join(" ")).toMatch(/offers no batch discount for gemini-1.5-pro/);
    expect(
      await pointers({
        ...base,
        workload: { ...base.workload, hourlyShareUtc: Array(24).fill("0") },
        offerings: [{ provider: "anthropic", model: MODEL }],
      }),
    ).toEqual(["/workload/hourlyShareUtc"]);
    expect(
      await pointers({
        ...base,
        workload: { ...base.workload, serviceTierMix: { batch: "0.6", priority: "0.5" } },
        offerings: [{ provider: "anthropic", model: MODEL }],
      }),
    ).toEqual(["/workload/serviceTierMix"]);
  });

  it("a region the price lacks, in a comparison → 422 at that option's region", async () => {
    const res = await postJson(ctx.app, "/v1/comparisons", {
      at: "2026-10-20",
      workload: { inputTokensPerMonth: 1000, outputTokensPerMonth: 0 },
      options: [
        { kind: "api", provider: "anthropic", model: MODEL },
        { kind: "api", provider: "anthropic", model: MODEL, region: "eu" },
      ],
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).errors.map((e: any) => e.pointer)).toEqual(["/options/1/region"]);
  });
});

describe("POST /v1/price-sheets with v2 fields and withdrawals", () => {
  it("imports a withdrawal: the model is priced before its date and 422 after it", async () => {
    const withdrawal = {
      provider: "anthropic",
      effectiveFrom: "2026-11-01",
      currency: "USD",
      source: "test withdrawal",
      checked: false,
      prices: [],
      withdrawn: [MODEL],
    };
    const res = await postJson(ctx.app, "/v1/price-sheets", withdrawal, auth);
    expect(res.status).toBe(201);
    expect(((await res.json()) as any).withdrawn).toEqual([MODEL]);
    const body = (at: string) => ({
      workload: { inputTokensPerMonth: 1000, outputTokensPerMonth: 0 },
      offerings: [{ provider: "anthropic", model: MODEL }],
      at,
    });
    expect((await estimate(body("2026-10-31"))).status).toBe(200);
    const after = await estimate(body("2026-11-01"));
    expect(after.status).toBe(422);
    const problem = (await after.json()) as any;
    expect(problem.type).toMatch(/no-price-in-force/);
    expect(problem.detail).toMatch(/withdrew/);
  });

  it.each([
    [
      "a band threshold",
      { tiers: [{ aboveInputTokens: "lots", multiplier: "2" }] },
      "/prices/0/tiers/0/aboveInputTokens",
    ],
    [
      "a window time",
      {
        timeWindows: [
          { name: "p", days: ["mon"], from: "9am", to: "12:00", timeZone: "UTC", multiplier: "2" },
        ],
      },
      "/prices/0/timeWindows/0/from",
    ],
    [
      "a calendar",
      {
        timeWindows: [
          {
            name: "p",
            days: ["mon"],
            from: "09:00",
            to: "12:00",
            timeZone: "UTC",
            excludeHolidays: "narnia",
            multiplier: "2",
          },
        ],
      },
      "/prices/0/timeWindows/0/excludeHolidays",
    ],
    [
      "a time zone",
      {
        timeWindows: [
          {
            name: "p",
            days: ["mon"],
            from: "09:00",
            to: "12:00",
            timeZone: "Mars/Olympus_Mons",
            multiplier: "2",
          },
        ],
      },
      "/prices/0/timeWindows/0/timeZone",
    ],
  ])("refuses %s it cannot parse: 422 naming the row, nothing written", async (_what, fields, pointer) => {
    const sheet = {
      provider: "anthropic",
      effectiveFrom: "2026-12-01",
      currency: "USD",
      source: "bad test sheet",
      checked: false,
      prices: [{ model: MODEL, inputPerMillion: "3", outputPerMillion: "15", ...fields }],
    };
    const res = await postJson(ctx.app, "/v1/price-sheets", sheet, auth);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as any;
    expect(problem.errors.map((e: any) => e.pointer)).toContain(pointer);
    const stored = await ctx.database.handle.db
      .select()
      .from(priceSheets)
      .where(eq(priceSheets.id, "anthropic-2026-12-01"));
    expect(stored).toEqual([]);
  });
});
