/**
 * zod schemas of the self-hosting catalogue files in `pricing-data/`: accelerators (specs, dated
 * purchase and rent reference prices), whole-server power facts, TCO defaults and published throughput
 * benchmarks. Every figure carries its source and the date it was taken (`checkedOn`), and whether it
 * was confirmed on a primary page (`checked`).
 *
 * Default prices: in `purchasePrices` and `rentPrices` the FIRST entry is the catalogue default the
 * engine uses when the caller gives no price; the rest are alternatives. The lists may be
 * empty (no sourced price): the engine then asks the caller for a price instead of inventing one.
 */
import { z } from "zod";
import { decimalString, isoDate, slug, sourced } from "./schema.js";

/** A positive decimal string (zero is not a meaningful spec or price). */
const positiveDecimal = decimalString.refine((v) => Number(v) > 0, "must be greater than zero");

/** Numeric precisions the engine understands for weights and for the KV cache. */
export const precision = z.enum(["bf16", "fp16", "fp8", "int8", "int4", "fp4"]);
export type Precision = z.infer<typeof precision>;

const sourceBlock = z.object(sourced);

export const purchasePrice = z.object({
  /** Price per accelerator in USD. For server prices this is the server price ÷ accelerators in it. */
  pricePerAccelerator: positiveDecimal,
  /** What the price buys: a share of a whole server (host, network included), the bare card, or a whole system. */
  basis: z.enum(["server-share", "card-only", "whole-system"]),
  /** Date the price applies to (quote, list or dataset date); null when the source gives none. */
  date: isoDate.nullable(),
  ...sourced,
});
export type PurchasePriceEntry = z.infer<typeof purchasePrice>;

export const rentPrice = z.object({
  /** USD per accelerator-hour. */
  pricePerHour: positiveDecimal,
  provider: z.string().min(1),
  /**
   * on-demand, a commitment / marketplace term, or `cost-to-own`: not an offer but an owner's all-in cost
   * per hour (SemiAnalysis TCO), listed where no public rent exists.
   */
  term: z.enum(["on-demand", "1-year", "3-year", "spot", "marketplace", "cost-to-own"]),
  date: isoDate,
  ...sourced,
});
export type RentPriceEntry = z.infer<typeof rentPrice>;

export const accelerator = z.object({
  id: slug,
  name: z.string().min(1),
  vendor: z.string().min(1),
  /** Consumer / desktop hardware (GPT4All-class local use): local batch-1 defaults apply when bought. */
  consumer: z.boolean(),
  /** Memory usable by the accelerator, GB = 1e9 bytes. */
  memoryGB: positiveDecimal,
  /** Peak memory bandwidth, GB/s = 1e9 bytes per second. */
  memoryBandwidthGBps: positiveDecimal,
  /** Dense (no sparsity) BF16 tensor TFLOPS; null when no source gives one. */
  bf16DenseTflops: positiveDecimal.nullable(),
  /** Dense FP8 tensor TFLOPS; null when the device has no FP8 tensor path (or no source). */
  fp8DenseTflops: positiveDecimal.nullable(),
  /** Dense FP4 tensor TFLOPS (NVFP4/MXFP4) where published; absent/null = no FP4 math (4-bit runs weight-only). */
  fp4DenseTflops: positiveDecimal.nullable().optional(),
  /** Dense INT8 tensor TOPS where given. */
  int8DenseTops: positiveDecimal.nullable(),
  /** Board power (TDP) per accelerator, watts. */
  tdpWatts: positiveDecimal,
  /**
   * Wall power per accelerator for the whole box where a source gives one (consumer systems); null =
   * use `tdpWatts × serverPowerFactor` from defaults.json.
   */
  systemPower: z.object({ wattsPerAccelerator: positiveDecimal, ...sourced }).nullable(),
  /** Source of the spec figures above (memory, bandwidth, TFLOPS, TDP). */
  specs: sourceBlock,
  /** Reference purchase prices; the first entry is the default. */
  purchasePrices: z.array(purchasePrice),
  /** Reference rental prices per accelerator-hour; the first entry is the default. */
  rentPrices: z.array(rentPrice),
});
export type AcceleratorEntry = z.infer<typeof accelerator>;

export const acceleratorFile = z.object({
  about: z.string().min(1),
  accelerators: z.array(accelerator).min(1),
});
export type AcceleratorFile = z.infer<typeof acceleratorFile>;

export const server = z.object({
  id: slug,
  name: z.string().min(1),
  accelerator: slug,
  acceleratorCount: z.number().int().positive(),
  /** Rated maximum system power, watts. */
  maxPowerWatts: positiveDecimal,
  ...sourced,
});
export type ServerEntry = z.infer<typeof server>;

export const serverFile = z.object({
  about: z.string().min(1),
  servers: z.array(server).min(1),
  /** Average draw as a share of rated server power (Epoch AI's assumption). */
  averageDrawFactor: z.object({ value: positiveDecimal, ...sourced }),
});
export type ServerFile = z.infer<typeof serverFile>;

/** One sourced default value. */
export const sourcedValue = z.object({
  value: decimalString,
  unit: z.string().min(1),
  ...sourced,
});
export type SourcedValue = z.infer<typeof sourcedValue>;

export const defaultsFile = z.object({
  about: z.string().min(1),
  /** Default electricity price, USD/kWh. */
  pricePerKwh: sourcedValue,
  /** Other sourced electricity prices, for reference (not used by the engine). */
  pricePerKwhHistory: z.array(
    z.object({ year: z.number().int(), value: decimalString, unit: z.string(), ...sourced }),
  ),
  pue: sourcedValue,
  lifetimeYears: sourcedValue,
  residualValueShare: sourcedValue,
  costOfCapital: sourcedValue,
  maintenanceShare: sourcedValue,
  facilitiesPerServerMonth: sourcedValue,
  /** Accelerators per server, for facilities per replica (a replica of 16 GPUs is two servers). */
  acceleratorsPerServer: sourcedValue,
  operationsFte: sourcedValue,
  costPerFteMonth: sourcedValue,
  maxUtilization: sourcedValue,
  loadFactor: sourcedValue,
  memoryMargin: sourcedValue,
  /** Server wall power ÷ (accelerators × accelerator TDP), when the caller gives no watts. */
  serverPowerFactor: sourcedValue,
  /** Largest number of sequences decoded together in the roofline estimate. */
  maxConcurrentSequences: sourcedValue,
  /** Input tokens per request assumed when the workload gives none (roofline shape). */
  inputTokensPerRequest: sourcedValue,
});
export type DefaultsFile = z.infer<typeof defaultsFile>;

export const throughputBenchmark = z
  .object({
    id: slug,
    /** Our model id this measurement stands for, or null when none of ours matches. */
    model: slug.nullable(),
    /** The exact model measured (`Llama-2-70b-chat-hf`, `Llama 3.1 70B`). */
    measuredModel: z.string().min(1),
    /** Model family, informational and for family-level matching (`llama-3`, `mixtral`). */
    family: z.string().min(1),
    accelerator: slug,
    count: z.number().int().positive(),
    precision,
    /** KV-cache precision when the source states it. */
    kvCachePrecision: precision.nullable(),
    /** Mean input / output tokens per request (0 input = generation without prompt; a dataset's mean may be fractional); null when not stated. */
    inputTokens: z.number().nonnegative().nullable(),
    outputTokens: z.number().positive().nullable(),
    /** Tokens per second of the whole group of `count` accelerators. */
    tokensPerSecond: positiveDecimal,
    /** Which tokens the figure counts: generated (output) tokens only, or input + output. */
    counts: z.enum(["output", "total"]),
    /** offline / max-throughput = saturated; server = under a latency bound; batch-1 = one user (local). */
    scenario: z.enum(["offline", "server", "max-throughput", "batch-1"]),
    /** Serving software and version. */
    engine: z.string().min(1),
    /** Date of the measurement's publication; null when the stored source carries none (the note says so). */
    date: isoDate.nullable(),
    /**
     * Decode speed per user the measurement was taken at (tokens/s), where the source states it
     * (InferenceX Pareto points, MLPerf server TPOT). Such a measurement is used only for a request
     * asking for that interactivity.
     */
    outputTokensPerSecondPerUser: positiveDecimal.optional(),
    ...sourced,
  })
  .refine((b) => (b.inputTokens == null) === (b.outputTokens == null), {
    message: "inputTokens and outputTokens are both given or both null",
    path: ["outputTokens"],
  });
export type ThroughputBenchmarkEntry = z.infer<typeof throughputBenchmark>;

export const throughputBenchmarkFile = z.object({
  about: z.string().min(1),
  benchmarks: z.array(throughputBenchmark).min(1),
});
export type ThroughputBenchmarkFile = z.infer<typeof throughputBenchmarkFile>;
