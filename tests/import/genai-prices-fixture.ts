/**
 * A small catalogue in genai-prices' format (the shape `@pydantic/genai-prices` bundles): every price
 * key family we map or ignore, tiers, start-date and time-of-day conditional prices, free and
 * input-only models, and match rules of every kind.
 */
import type { GpPackageSource, GpProvider } from "../../scripts/genai-prices/source-types.js";

export const fixtureSource = (version: string, publishedOn: string): GpPackageSource => ({
  package: "@pydantic/genai-prices",
  version,
  publishedOn,
  publishedAt: `${publishedOn}T10:00:00Z`,
  shasum: "0".repeat(40),
  license: "MIT",
});

export function fixtureProviders(): GpProvider[] {
  return [
    {
      id: "aws",
      name: "AWS Bedrock",
      pricing_urls: ["https://aws.amazon.com/bedrock/pricing/"],
      models: [
        {
          id: "global.acme.big-v1:0",
          name: "Acme Big",
          context_window: 1_000_000,
          match: { or: [{ ends_with: "acme.big-v1:0" }, { regex: "^acme\\.big-\\d{8}$" }] },
          prices: {
            input_mtok: { base: 3, tiers: [{ start: 200000, price: 6 }] },
            output_mtok: { base: 15, tiers: [{ start: 200000, price: 22.5 }] },
            cache_read_mtok: 0.3,
            cache_write_mtok: 3.75,
            cache_write_1h_mtok: 6,
            output_reasoning_mtok: 20,
            requests_kcount: 0.5,
            web_searches_kcount: 10,
            storage_searches_kcount: 2.5,
            input_audio_mtok: 4,
          },
        },
      ],
    },
    {
      id: "acme",
      name: "Acme AI",
      pricing_urls: ["https://acme.example/pricing"],
      models: [
        {
          id: "acme-chat",
          match: { or: [{ equals: "acme-chat" }, { starts_with: "acme-chat-2026" }] },
          prices: [
            { prices: { input_mtok: 10, output_mtok: 40, cache_read_mtok: 0.5 } },
            {
              constraint: { type: "start_date", start_date: "2026-06-10" },
              prices: { input_mtok: 2, output_mtok: 8, cache_read_mtok: 0.5 },
            },
          ],
        },
        {
          id: "acme-night",
          match: { equals: "acme-night" },
          prices: [
            { prices: { input_mtok: 0.5, output_mtok: 2 } },
            {
              constraint: { type: "time_of_date", start_time: "01:00:00Z", end_time: "04:00:00Z" },
              prices: { input_mtok: 1, output_mtok: 4 },
            },
          ],
        },
        { id: "acme-free:free", match: { equals: "acme-free:free" }, prices: {} },
        { id: "acme-embed", match: { contains: "acme-embed" }, prices: { input_mtok: 0.02 } },
        { id: "acme-whisper", match: { equals: "acme-whisper" }, prices: { audio_hours: 0.36 } },
        {
          id: "Acme-Mixed-Case",
          match: { or: [{ equals: "Acme-Mixed-Case" }, { equals: "models/acme-mixed" }] },
          prices: { input_mtok: 1, output_mtok: 2 },
        },
      ],
    },
    {
      id: "openai",
      name: "OpenAI",
      models: [
        {
          id: "gpt-4o-2024-08-06",
          match: { equals: "gpt-4o-2024-08-06" },
          prices: { input_mtok: 2.5, output_mtok: 10 },
        },
      ],
    },
  ];
}

export const fixtureCorrections = {
  about: "fixture corrections",
  corrections: [
    {
      provider: "acme",
      model: "acme-chat",
      kind: "set-prices",
      entry: "unconstrained",
      set: { cache_read_mtok: 2.5 },
      reason: "launch cached price was 2.5 (fixture)",
      source: "https://acme.example/launch",
    },
    {
      provider: "acme",
      model: "acme-chat",
      kind: "date-unconstrained",
      from: "2026-04-16",
      reason: "launch price in force from launch (fixture)",
      source: "https://acme.example/launch",
    },
    {
      provider: "acme",
      model: "acme-night",
      kind: "window-calendar",
      entry: "time_of_date:01:00:00Z-04:00:00Z",
      from: "09:00",
      to: "12:00",
      timeZone: "Asia/Shanghai",
      days: ["mon", "tue", "wed", "thu", "fri"],
      excludeHolidays: "cn",
      reason: "peak is weekdays on the Beijing calendar (fixture)",
      source: "https://acme.example/peak",
    },
  ],
};
