/**
 * Model-id match rules as pydantic/genai-prices writes them (`MatchLogic`): an imported model is found by
 * any id its provider's API accepts — dated snapshots, `-latest`, `models/…`, Bedrock ids — through rules
 * kept as rules (prefix, suffix, substring, regex, and/or) rather than expanded by hand. Matching is
 * case-insensitive except for `regex`, which is applied as written (as genai-prices does).
 */

export type MatchLogic =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchLogic[] }
  | { and: MatchLogic[] };

/** One provider's rule for one model, in the source's order (the first matching rule wins). */
export interface MatchRuleRecord {
  providerId: string;
  modelId: string;
  position: number;
  match: MatchLogic;
}

const regexCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

/** Whether `id` (any spelling) satisfies the rule; `lower` is `id.toLowerCase()`, computed once. */
export function matchesRule(rule: MatchLogic, id: string, lower = id.toLowerCase()): boolean {
  if ("or" in rule) return rule.or.some((r) => matchesRule(r, id, lower));
  if ("and" in rule) return rule.and.every((r) => matchesRule(r, id, lower));
  if ("equals" in rule) return lower === rule.equals.toLowerCase();
  if ("starts_with" in rule) return lower.startsWith(rule.starts_with.toLowerCase());
  if ("ends_with" in rule) return lower.endsWith(rule.ends_with.toLowerCase());
  if ("contains" in rule) return lower.includes(rule.contains.toLowerCase());
  return compiled(rule.regex).test(id);
}

/** The exact ids a rule names (`equals` leaves reachable through `or` only), lower-cased. */
export function equalsLeaves(rule: MatchLogic): string[] {
  if ("equals" in rule) return [rule.equals.toLowerCase()];
  if ("or" in rule) return rule.or.flatMap(equalsLeaves);
  return [];
}

/** True when the rule is nothing but exact ids, so a hash look-up decides it. */
export function isExactOnly(rule: MatchLogic): boolean {
  if ("equals" in rule) return true;
  if ("or" in rule) return rule.or.every(isExactOnly);
  return false;
}

const DATED_SUFFIX = /(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

/**
 * `claude-x-20250929` → `claude-x-2025-09-29`: genai-prices retries a miss with the date spelt with
 * dashes, so ids written either way resolve. Returns the input when nothing changes.
 */
export function dashDatedSuffix(id: string): string {
  return id.replace(DATED_SUFFIX, (whole, dash: string, y: string, m: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
      ? `${dash}${y}-${m}-${d}`
      : whole;
  });
}

/**
 * One provider's rules, indexed: exact-only rules through a map, the others scanned in order, so a
 * look-up costs a hash probe plus the (few) pattern rules that come before the exact hit.
 */
export class ProviderMatchRules {
  private readonly exact = new Map<string, MatchRuleRecord>();
  private readonly patterns: MatchRuleRecord[] = [];

  constructor(rules: readonly MatchRuleRecord[]) {
    const sorted = [...rules].sort((a, b) => a.position - b.position);
    for (const rule of sorted) {
      if (isExactOnly(rule.match)) {
        for (const leaf of equalsLeaves(rule.match)) if (!this.exact.has(leaf)) this.exact.set(leaf, rule);
      } else {
        this.patterns.push(rule);
      }
    }
  }

  /** The model id the first matching rule names (also trying the dashed-date spelling), if any. */
  find(id: string): string | undefined {
    const trimmed = id.trim();
    const hit = this.findExactly(trimmed);
    if (hit !== undefined) return hit;
    const dashed = dashDatedSuffix(trimmed);
    return dashed === trimmed ? undefined : this.findExactly(dashed);
  }

  private findExactly(id: string): string | undefined {
    const lower = id.toLowerCase();
    const exact = this.exact.get(lower);
    for (const rule of this.patterns) {
      if (exact && rule.position > exact.position) break;
      if (matchesRule(rule.match, id, lower)) return rule.modelId;
    }
    return exact?.modelId;
  }
}
