/**
 * The words of a break-even: its `reason`, `summary` and `breakEvenUtilizationNote`, made from the
 * figures the domain returns (api/domain/comparison/break-even.ts).
 */
import type { BreakEven, NoBreakEven, ReplicaLoad } from "../domain/comparison/break-even.js";
import type { Decimal } from "../domain/shared/decimal.js";
import { formatPercent, formatTokens, formatUsd, formatUsdRate } from "./format.js";

const WHY_NEVER = {
  "costlier-at-full-use": "at full use a replica costs at least as much per token as the API.",
  parity:
    "at full use a replica saves less than 1/1000 of one token's API price per month: the costs are at parity.",
  "no-crossing-found": "no crossing was found where the step costs say one must be.",
} as const;

function neverCheaper(b: BreakEven, why: keyof typeof WHY_NEVER, load: ReplicaLoad): string {
  const counted = load.countedShare
    ? `, throughput counting output tokens, ${load.countedShare.times(100).toSignificantDigits(4)} % of the volume`
    : "";
  const operations = b.fixedMonthlyCost.gt(0)
    ? `; ${formatUsd(b.fixedMonthlyCost)}/month of operations comes on top`
    : "";
  return (
    `${b.selfHosted} never becomes cheaper than ${b.api}: ${WHY_NEVER[why]} Each replica costs ${formatUsd(b.replicaMonthlyCost)}/month and ` +
    `carries at most ${formatTokens(b.tokensPerReplicaMonth as Decimal)} tokens/month at this workload's mix ` +
    `(maxUtilization ${load.maxUtilization}, peak-to-average ${load.peakToAverage}${counted}), ` +
    `i.e. ${formatUsdRate(b.selfHostedCostPerMillionTokensAtFullUse as Decimal)} per 1M tokens at full use, against ${b.api}'s ` +
    `${formatUsdRate(b.apiCostPerMillionTokens)} per 1M tokens${operations}.`
  );
}

function noBreakEvenReason(b: BreakEven, why: NoBreakEven): string {
  switch (why.kind) {
    case "no-tokens":
      return "The workload has no tokens, so it has no input/output mix to scale: no break-even volume.";
    case "api-free":
      return `${b.api} charges nothing at this workload's mix, so self-hosting can never be cheaper.`;
    case "beyond-volume":
      return `${b.selfHosted} would only become cheaper than ${b.api} beyond ${formatTokens(why.monthlyTokens)} tokens/month.`;
    case "beyond-replicas":
      return (
        `${b.selfHosted} would only become cheaper than ${b.api} beyond ${formatTokens(why.replicas)} replicas: ` +
        `a replica saves ${formatUsd(why.savingPerReplicaMonth)}/month at full use against ${formatUsd(b.fixedMonthlyCost)}/month of fixed operations.`
      );
    default:
      return neverCheaper(b, why.kind, why.load);
  }
}

/** Why there is no break-even (null when there is one). */
export function breakEvenReason(b: BreakEven): string | null {
  return b.noBreakEven ? noBreakEvenReason(b, b.noBreakEven) : null;
}

/** One sentence: where self-hosting becomes cheaper and whether it stays so, or why it never does. */
export function breakEvenSummary(b: BreakEven): string {
  if (b.noBreakEven || !b.monthlyTokens) return breakEvenReason(b) ?? "";
  const replicas = b.replicas as number;
  const stays = b.staysCheaper
    ? "and stays cheaper at every larger volume"
    : b.cheaperAtAllVolumesFrom
      ? `but loses again at the start of some later replica steps; it is cheaper at every volume from ${formatTokens(b.cheaperAtAllVolumesFrom)} tokens/month`
      : "but loses again at larger volumes, for good";
  return (
    `${b.selfHosted} is cheaper than ${b.api} from ${formatTokens(b.monthlyTokens)} tokens/month, where ` +
    `${replicas} replica${replicas === 1 ? "" : "s"} at ${formatUsd(b.selfHostedMonthlyCost as Decimal)} a month first undercut${replicas === 1 ? "s" : ""} the API, ${stays}.`
  );
}

/** What the break-even utilisation means for one replica. */
export function breakEvenUtilizationNote(b: BreakEven): string {
  const shown = b.breakEvenUtilization ? formatPercent(b.breakEvenUtilization, 3) : "";
  switch (b.breakEvenUtilizationCase) {
    case "no-tokens":
      return "No mix to price: the workload has no tokens.";
    case "api-free":
      return "The API is free at this mix: no utilisation breaks even.";
    case "no-counted-tokens":
      return "The throughput counts output tokens and the workload has none: a replica is never busy.";
    case "above-full-use":
      return `${shown}: above 100 % — even fully busy, one replica (${formatUsd(b.replicaMonthlyCost.plus(b.fixedMonthlyCost))}/month with operations) costs more than ${b.api} charges for the tokens it can serve.`;
    case "above-ceiling":
      return `${shown}: above the planning ceiling maxUtilization / peak-to-average = ${formatPercent(b.utilizationCeiling as Decimal, 3)}, so one replica sized for this workload's peaks does not get there.`;
    case "within-ceiling":
      return `${shown}: one replica busy this share of the time on average costs the same as ${b.api} for the same tokens; busier, it is cheaper.`;
  }
}
