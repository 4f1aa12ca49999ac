/**
 * Compile-time tests of the SDK's types, checked by `npm run typecheck` (never run). Every
 * `@ts-expect-error` line must fail to type-check — if one compiled, tsc would report the unused
 * directive — and every other line must compile.
 */
import {
  type ApiEstimate,
  type ApiEstimateRequest,
  type Comparison,
  type ComparisonRequest,
  createTcoClient,
  Decimal,
  type Deployment,
  decimalFields,
  iterateLineItems,
  type LineItem,
  type Problem,
  sumLineItems,
  type TcoClient,
  toDecimal,
  unwrap,
  type Workload,
} from "../../sdk/index.js";

declare const client: TcoClient;
const workload: Workload = { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: "500000" };

export async function requestBodies(): Promise<void> {
  // Correct bodies compile: decimals as strings or numbers, token counts as integers or digit strings.
  const ok = await client.POST("/v1/estimates/api", {
    body: {
      workload: { ...workload, cachedInputShare: "0.25", batchShare: 0, peakToAverage: "1.5" },
      offerings: [{ provider: "openai", model: "gpt-4o" }],
      at: "2024-11-01",
    },
  });
  const estimates: ApiEstimate[] | undefined = ok.data?.data;
  const problem: Problem | undefined = ok.error;
  void estimates;
  void problem;

  // @ts-expect-error offerings must be an array of { provider, model }
  await client.POST("/v1/estimates/api", { body: { workload, offerings: "x" } });
  await client.POST("/v1/estimates/api", {
    // @ts-expect-error token counts are numbers or digit strings, not booleans
    body: { workload: { inputTokensPerMonth: true, outputTokensPerMonth: 1 }, offerings: [] },
  });
  // @ts-expect-error the workload is required
  await client.POST("/v1/estimates/api", { body: { offerings: [{ provider: "openai", model: "gpt-4o" }] } });
  // @ts-expect-error an offering needs a model
  await client.POST("/v1/estimates/api", { body: { workload, offerings: [{ provider: "openai" }] } });
  // @ts-expect-error the body is required
  await client.POST("/v1/estimates/api", {});
  // @ts-expect-error unknown path
  await client.GET("/v1/nope", {});
  // @ts-expect-error the estimates endpoint is POST-only
  await client.GET("/v1/estimates/api", {});
  // @ts-expect-error the admin import needs a body
  await client.POST("/v1/price-sheets");

  const typedRequest: ApiEstimateRequest = {
    workload,
    offerings: [{ provider: "google", model: "gemini-1.5-pro" }],
  };
  // @ts-expect-error `at` is a date string
  const badAt: ApiEstimateRequest = { ...typedRequest, at: 20241101 };
  void badAt;
}

export async function parameters(): Promise<void> {
  await client.GET("/v1/models/{modelId}", { params: { path: { modelId: "llama-3-70b" } } });
  // @ts-expect-error the path parameter is required
  await client.GET("/v1/models/{modelId}", {});
  // @ts-expect-error the path parameter is named modelId
  await client.GET("/v1/models/{modelId}", { params: { path: { id: "llama-3-70b" } } });

  await client.GET("/v1/models", { params: { query: { openWeights: "true", minContextWindow: 32000 } } });
  // @ts-expect-error openWeights is "true" | "false"
  await client.GET("/v1/models", { params: { query: { openWeights: "yes" } } });
  // @ts-expect-error unknown query parameter
  await client.GET("/v1/prices", { params: { query: { date: "2024-11-01" } } });
}

export async function responses(): Promise<void> {
  const { data, error } = await client.GET("/v1/price-sheets/{id}", {
    params: { path: { id: "google-2024-10-01" } },
  });
  if (data) {
    const rate: string = data.prices[0]?.inputPerMillion ?? "0";
    // @ts-expect-error rates are decimal strings, not numbers
    const asNumber: number = data.prices[0]?.inputPerMillion ?? 0;
    void rate;
    void asNumber;
  }
  if (error) {
    const status: number = error.status;
    const pointer: string | undefined = error.errors?.[0]?.pointer;
    // @ts-expect-error a problem has no `message`
    void error.message;
    void status;
    void pointer;
  }

  const sheet = unwrap(await client.GET("/v1/price-sheets/{id}", { params: { path: { id: "x" } } }));
  const id: string = sheet.id;
  // @ts-expect-error unwrap returns the success body, which has no `status` field
  void sheet.status;
  void id;
}

export function helpers(estimate: ApiEstimate, items: LineItem[]): void {
  const exact = decimalFields(estimate, ["monthlyCost", "costPerMillionTokens"]);
  const monthly: Decimal = exact.monthlyCost;
  const blended: Decimal | null = exact.costPerMillionTokens;
  const provider: string = exact.provider;
  // @ts-expect-error only decimal-string fields can be converted
  decimalFields(estimate, ["lineItems"]);
  // @ts-expect-error a nullable decimal stays nullable
  const notNull: Decimal = exact.costPerMillionTokens;

  const total: Decimal = sumLineItems(items).plus(toDecimal("0.1"));
  const maybe: Decimal | null = toDecimal(estimate.costPerMillionTokens);
  for (const row of iterateLineItems([estimate])) {
    const option: string = row.option;
    const cost: string = row.cost;
    void option;
    void cost;
  }
  void [monthly, blended, provider, notNull, total, maybe, new Decimal(1)];
}

export async function comparisons(): Promise<void> {
  const body: ComparisonRequest = {
    workload,
    options: [{ kind: "api", provider: "openai", model: "gpt-4o" }],
  };
  const badKind: ComparisonRequest = {
    workload,
    // @ts-expect-error an option's kind is "api", "self-hosted" or "hybrid"
    options: [{ kind: "cloud", provider: "openai", model: "gpt-4o" }],
  };
  const json = await client.POST("/v1/comparisons", { body });
  const ranked: Comparison["data"] | undefined = json.data?.data;
  // @ts-expect-error the default (JSON) result is not a string
  const notText: string | undefined = json.data;
  const csv = await client.POST("/v1/comparisons", {
    body,
    parseAs: "text",
    headers: { accept: "text/csv" },
  });
  const text: string | undefined = csv.data;
  void [badKind, ranked, notText, text];
}

export function componentTypes(): void {
  const deployment: Deployment = { model: "llama-3-70b", accelerator: "h100-sxm" };
  // @ts-expect-error a deployment names its model
  const noModel: Deployment = { accelerator: "h100-sxm" };
  void [deployment, noModel];
}

export function clientOptions(): void {
  createTcoClient({ baseUrl: "http://127.0.0.1:3000", token: "t", headers: { "x-request-id": "1" } });
  createTcoClient({ baseUrl: "http://local", fetch: (request) => fetch(request) });
  // @ts-expect-error baseUrl is required
  createTcoClient({ token: "t" });
}
