/**
 * The price-sheet file schema, v2: every field of DESIGN §4 "Price entry" parses; a v1 entry is valid as
 * it is and reads with v1's meaning; malformed steps are refused at the field.
 */
import { describe, expect, it } from "vitest";
import { priceSheetFile } from "./schema.js";

const sheet = (prices: unknown[], extra: Record<string, unknown> = {}) => ({
  provider: "deepseek",
  effectiveFrom: "2026-08-16",
  currency: "USD",
  source: "https://api-docs.deepseek.com/quick_start/pricing",
  checkedOn: "2026-11-30",
  checked: true,
  prices,
  ...extra,
});

const issuesOf = (data: unknown) =>
  (priceSheetFile.safeParse(data).error?.issues ?? []).map((i) => `${i.path.join("/")}: ${i.message}`);

describe("price sheet file schema v2", () => {
  it("reads a v1 entry with v1 meaning: band > threshold counting cached tokens, nothing else priced", () => {
    const parsed = priceSheetFile.parse(
      sheet([
        {
          model: "gemini-1.5-pro",
          inputPerMillion: "1.25",
          outputPerMillion: "5.00",
          cachedInputPerMillion: null,
          cacheWritePerMillion: null,
          batchDiscount: null,
          tiers: [{ aboveInputTokens: 128000, inputPerMillion: "2.50", outputPerMillion: "10.00" }],
        },
      ]),
    );
    const price = parsed.prices[0];
    expect(price?.tiers[0]).toMatchObject({ inclusive: false, countsCachedTokens: true, multiplier: null });
    expect(price).toMatchObject({
      cacheWrite1hPerMillion: null,
      reasoningOutputPerMillion: null,
      requestFeePer1K: null,
      toolFees: [],
      serviceTiers: [],
      regions: [],
      timeWindows: [],
    });
    expect(parsed.withdrawn).toEqual([]);
  });

  it("parses every v2 field of the design's example", () => {
    const parsed = priceSheetFile.parse(
      sheet(
        [
          {
            model: "claude-sonnet-4-5",
            inputPerMillion: "3",
            outputPerMillion: "15",
            cachedInputPerMillion: "0.30",
            cacheWritePerMillion: "3.75",
            cacheWrite1hPerMillion: "6",
            reasoningOutputPerMillion: null,
            requestFeePer1K: null,
            toolFees: [{ tool: "web-search", pricePer1K: "10" }],
            serviceTiers: [
              { tier: "priority", multiplier: "2" },
              { tier: "flex", inputPerMillion: "1.5", outputPerMillion: "7.5" },
            ],
            regions: [{ region: "us", multiplier: "1.1" }],
            tiers: [
              {
                aboveInputTokens: 200000,
                inclusive: false,
                countsCachedTokens: true,
                inputPerMillion: "6",
                outputPerMillion: "22.5",
                cachedInputPerMillion: "0.6",
                cacheWritePerMillion: "7.5",
              },
            ],
            timeWindows: [
              {
                name: "peak",
                days: ["mon", "tue", "wed", "thu", "fri"],
                from: "01:00",
                to: "04:00",
                timeZone: "UTC",
                excludeHolidays: "cn",
                multiplier: "2",
              },
            ],
          },
        ],
        { withdrawn: ["deepseek-chat"] },
      ),
    );
    expect(parsed.prices[0]?.serviceTiers[1]).toMatchObject({
      tier: "flex",
      multiplier: null,
      inputPerMillion: "1.5",
    });
    expect(parsed.prices[0]?.timeWindows[0]).toMatchObject({ timeZone: "UTC", excludeHolidays: "cn" });
    expect(parsed.withdrawn).toEqual(["deepseek-chat"]);
  });

  it("a sheet may only withdraw", () => {
    expect(issuesOf(sheet([], { withdrawn: ["deepseek-chat"] }))).toEqual([]);
    expect(issuesOf(sheet([]))).toEqual(["prices: a sheet prices or withdraws at least one model"]);
  });

  it.each([
    [
      { tiers: [{ aboveInputTokens: 100, multiplier: "2", inputPerMillion: "1" }] },
      "prices/0/tiers/0/multiplier",
    ],
    [{ tiers: [{ aboveInputTokens: 100, inputPerMillion: "1" }] }, "prices/0/tiers/0/outputPerMillion"],
    [{ tiers: [{ aboveInputTokens: "100k", multiplier: "2" }] }, "prices/0/tiers/0/aboveInputTokens"],
    [{ serviceTiers: [{ tier: "turbo", multiplier: "2" }] }, "prices/0/serviceTiers/0/tier"],
    [{ serviceTiers: [{ tier: "priority" }] }, "prices/0/serviceTiers/0/multiplier"],
    [
      { batchDiscount: "0.5", serviceTiers: [{ tier: "batch", multiplier: "0.5" }] },
      "prices/0/batchDiscount",
    ],
    [
      {
        regions: [
          { region: "us", multiplier: "1.1" },
          { region: "us", multiplier: "1.2" },
        ],
      },
      "prices/0/regions/1",
    ],
    [
      {
        timeWindows: [
          { name: "p", days: ["mon"], from: "25:00", to: "04:00", timeZone: "UTC", multiplier: "2" },
        ],
      },
      "prices/0/timeWindows/0/from",
    ],
    [
      {
        timeWindows: [
          { name: "p", days: ["mon"], from: "01:00", to: "04:00", timeZone: "Mars/Olympus", multiplier: "2" },
        ],
      },
      "prices/0/timeWindows/0/timeZone",
    ],
    [
      {
        timeWindows: [
          {
            name: "p",
            days: ["mon"],
            from: "01:00",
            to: "04:00",
            timeZone: "UTC",
            excludeHolidays: "atlantis",
            multiplier: "2",
          },
        ],
      },
      "prices/0/timeWindows/0/excludeHolidays",
    ],
    [
      {
        timeWindows: [
          { name: "p", days: ["someday"], from: "01:00", to: "04:00", timeZone: "UTC", multiplier: "2" },
        ],
      },
      "prices/0/timeWindows/0/days/0",
    ],
    [{ toolFees: [{ tool: "web-search", pricePer1K: "-1" }] }, "prices/0/toolFees/0/pricePer1K"],
  ])("refuses a malformed step at its field (%j)", (fields, path) => {
    const issues = issuesOf(sheet([{ model: "m", inputPerMillion: "1", outputPerMillion: "2", ...fields }]));
    expect(issues.some((i) => i.startsWith(`${path}:`))).toBe(true);
  });

  it("refuses a model both priced and withdrawn", () => {
    const issues = issuesOf(
      sheet([{ model: "m", inputPerMillion: "1", outputPerMillion: "2" }], { withdrawn: ["m"] }),
    );
    expect(issues).toEqual(["withdrawn/0: 'm' is both priced and withdrawn"]);
  });
});
