import { describe, expect, it } from "vitest";
import type { BreakEven } from "../domain/comparison/break-even.js";
import { logSpacedVolumes, type Sweep, type SweepSeries } from "../domain/comparison/sweep.js";
import { type Decimal, dec } from "../domain/shared/decimal.js";
import { formatTokens } from "./format.js";
import { compactUsd, escapeXml, renderCostChartSvg } from "./render-svg.js";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * A small well-formedness checker: balanced tags (a stack), quoted attributes without `<`, no
 * duplicate attributes, every `&` an entity, one root. Returns the elements with their attributes
 * (unescaped) and direct text.
 */
function parseXml(xml: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let roots = 0;
  let i = 0;
  const checkEntities = (s: string, where: string) => {
    for (let k = s.indexOf("&"); k >= 0; k = s.indexOf("&", k + 1)) {
      if (!ENTITY.test(s.slice(k))) throw new Error(`bare & in ${where}: ${s.slice(k, k + 12)}`);
    }
  };
  while (i < xml.length) {
    if (xml.startsWith("<?", i)) {
      i = xml.indexOf("?>", i) + 2;
      continue;
    }
    if (xml.startsWith("<!--", i)) {
      i = xml.indexOf("-->", i) + 3;
      continue;
    }
    if (xml[i] === "<") {
      const end = xml.indexOf(">", i);
      if (end < 0) throw new Error("unterminated tag");
      const raw = xml.slice(i + 1, end);
      if (raw.startsWith("/")) {
        const name = raw.slice(1).trim();
        const open = stack.pop();
        if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      } else {
        const selfClosing = raw.endsWith("/");
        const body = selfClosing ? raw.slice(0, -1) : raw;
        const nameMatch = /^([A-Za-z_][\w:.-]*)/.exec(body);
        if (!nameMatch) throw new Error(`bad tag <${raw}>`);
        const name = nameMatch[1] as string;
        let rest = body.slice(name.length);
        const attrs: Record<string, string> = {};
        while (rest.trim()) {
          const m = /^\s+([A-Za-z_][\w:.-]*)="([^"<]*)"/.exec(rest);
          if (!m) throw new Error(`bad attributes in <${name}>: ${rest.slice(0, 40)}`);
          const key = m[1] as string;
          if (key in attrs) throw new Error(`duplicate attribute ${key}`);
          checkEntities(m[2] as string, `${name}@${key}`);
          attrs[key] = unescapeXml(m[2] as string);
          rest = rest.slice(m[0].length);
        }
        const element = { name, attrs, text: "" };
        elements.push(element);
        if (stack.length === 0) roots++;
        if (!selfClosing) stack.push(element);
      }
      i = end + 1;
      continue;
    }
    const next = xml.indexOf("<", i);
    const text = xml.slice(i, next < 0 ? xml.length : next);
    if (text.includes(">")) throw new Error("bare > in text");
    checkEntities(text, "text");
    const top = stack[stack.length - 1];
    if (top) top.text += unescapeXml(text);
    else if (text.trim()) throw new Error("text outside the root");
    i = next < 0 ? xml.length : next;
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return elements;
}

const volumes = logSpacedVolumes(dec(10_000_000), dec(1_000_000_000_000), 60);
const series = (
  name: string,
  kind: SweepSeries["kind"],
  cost: (v: Decimal) => Decimal,
  index = 0,
): SweepSeries => ({
  name,
  kind,
  index,
  costs: volumes.map(cost),
});
const sweep = (s: SweepSeries[]): Sweep => ({
  currency: "USD",
  from: volumes[0] as Decimal,
  to: volumes[volumes.length - 1] as Decimal,
  points: 60,
  volumes,
  series: s,
  assumptions: [],
});
const perReplica = dec(64_000_000_000);
const stepCost = (v: Decimal) => v.div(perReplica).ceil().clampedTo(1, Infinity).times(9593);

function breakEven(
  selfHosted: string,
  api: string,
  tokens: Decimal | null,
  apiCost: Decimal | null,
): BreakEven {
  return {
    selfHosted,
    api,
    currency: "USD",
    monthlyTokens: tokens,
    noBreakEven: tokens ? null : { kind: "api-free" },
    apiMonthlyCost: apiCost,
    selfHostedMonthlyCost: apiCost,
    replicas: tokens ? 1 : null,
    staysCheaper: tokens ? true : null,
    cheaperAtAllVolumesFrom: tokens,
    apiCostPerMillionTokens: dec(4),
    selfHostedCostPerMillionTokensAtFullUse: dec("0.15"),
    replicaMonthlyCost: dec(9593),
    fixedMonthlyCost: dec(0),
    tokensPerReplicaMonth: perReplica,
    breakEvenUtilization: null,
    breakEvenUtilizationCase: "api-free",
    utilizationCeiling: null,
  };
}

const nasty = `a<b & "c" 'd' >e`;
const input = () => ({
  sweep: sweep([
    series("openai/gpt-4o", "api", (v) => v.times("0.000004"), 0),
    series(nasty, "self-hosted", stepCost, 1),
    series("hybrid plan", "hybrid", (v) => stepCost(v).plus(v.times("0.0000001")), 2),
    series("free/api", "api", () => dec(0), 3),
  ]),
  breakEven: [
    breakEven(nasty, "openai/gpt-4o", dec(2_398_250_000), dec(9593)),
    breakEven(nasty, "free/api", null, null),
    breakEven(nasty, "far/away", dec("5e15"), dec(1e9)),
  ],
  subtitle: "Prices in force on 2024-11-01",
  workloadVolume: dec(2_500_000_000),
});

describe("renderCostChartSvg", () => {
  it("is well-formed XML with role, title and desc, 1200 × 700", () => {
    const svg = renderCostChartSvg(input());
    const elements = parseXml(svg);
    const root = elements[0] as XmlElement;
    expect(root.name).toBe("svg");
    expect(root.attrs.viewBox).toBe("0 0 1200 700");
    expect(root.attrs.role).toBe("img");
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(elements.find((e) => e.name === "title")?.text).toBe("Monthly cost by volume");
    const desc = elements.find((e) => e.name === "desc")?.text ?? "";
    expect(desc).toContain("4 options");
    expect(desc).toContain(nasty);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("draws one series path per option, with its name in a data attribute", () => {
    const elements = parseXml(renderCostChartSvg(input()));
    const paths = elements.filter((e) => e.name === "path" && "data-series" in e.attrs);
    expect(paths.map((p) => p.attrs["data-series"])).toEqual([
      "openai/gpt-4o",
      nasty,
      "hybrid plan",
      "free/api",
    ]);
    expect(paths.map((p) => p.attrs["data-kind"])).toEqual(["api", "self-hosted", "hybrid", "api"]);
    expect(new Set(paths.map((p) => p.attrs.stroke)).size).toBe(4);
    expect(paths[1]?.attrs["stroke-dasharray"]).toBeDefined();
    // A self-hosted curve is drawn as steps.
    expect(paths[1]?.attrs.d).toMatch(/H[\d.]+ V[\d.]+/);
  });

  it("marks the break-evens inside the range, numbered, and lists them in the legend", () => {
    const elements = parseXml(renderCostChartSvg(input()));
    const markers = elements.filter((e) => "data-break-even" in e.attrs);
    expect(markers).toHaveLength(1);
    expect(markers[0]?.attrs["data-self-hosted"]).toBe(nasty);
    expect(markers[0]?.attrs["data-monthly-tokens"]).toBe("2398250000");
    const legendEntry = elements.find((e) => e.attrs["data-legend-break-even"] === "1");
    expect(legendEntry).toBeDefined();
    const texts = elements.filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toContain("1. 2.4B tokens/month");
    expect(texts.some((t) => t.startsWith("2 pairs have no break-even"))).toBe(true);
    expect(texts).toContain("your workload: 2.5B");
  });

  it("escapes option names everywhere (they are user input)", () => {
    const svg = renderCostChartSvg(input());
    expect(svg).toContain(escapeXml(nasty));
    expect(escapeXml(nasty)).toBe("a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;e");
    expect(svg).not.toContain("a<b");
    expect(svg).not.toContain('"c"');
  });

  it("labels log axes with units and readable ticks", () => {
    const elements = parseXml(renderCostChartSvg(input()));
    const texts = elements.filter((e) => e.name === "text").map((e) => e.text);
    for (const tick of ["10M", "100M", "1B", "10B", "100B", "1T"]) expect(texts).toContain(tick);
    for (const tick of ["$10", "$100", "$1k", "$10k", "$100k", "$1M", "$10M"]) expect(texts).toContain(tick);
    expect(texts).toContain("Monthly volume (input + output tokens per month, log scale)");
    expect(texts).toContain("Monthly cost (USD per month, log scale)");
    expect(formatTokens(dec(250_000_000))).toBe("250M");
    expect(compactUsd(dec(1500))).toBe("$1.5k");
    expect(compactUsd(dec("0.01"))).toBe("$0.01");
  });

  it("is deterministic", () => {
    expect(renderCostChartSvg(input())).toBe(renderCostChartSvg(input()));
  });

  it("keeps 50 options and many break-evens inside the canvas, legend beside the plot", () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      series(
        `option ${i} with a very long name that will not fit in the legend column`,
        i % 2 ? "api" : "self-hosted",
        (v) => (i % 2 ? v.times(dec(i).div(1e6)) : stepCost(v).times(i + 1)),
        i,
      ),
    );
    const pairs = Array.from({ length: 200 }, (_, i) =>
      breakEven(`s${i}`, `a${i}`, dec(1e9 + i * 1e8), dec(1e4 + i * 10)),
    );
    const elements = parseXml(renderCostChartSvg({ sweep: sweep(many), breakEven: pairs }));
    expect(elements.filter((e) => e.name === "path" && "data-series" in e.attrs)).toHaveLength(50);
    expect(elements.filter((e) => "data-break-even" in e.attrs)).toHaveLength(200);
    for (const e of elements.filter((x) => x.name === "text" && !x.attrs.transform)) {
      const x = Number(e.attrs.x);
      const y = Number(e.attrs.y);
      expect(y).toBeLessThanOrEqual(700);
      expect(y).toBeGreaterThan(0);
      expect(x).toBeGreaterThanOrEqual(0);
      // Legend text starts right of the plot area; plot text stays left of it.
      if (x > 820) expect(x).toBeGreaterThanOrEqual(850);
      expect([...e.text].length * 9 * 0.62 + x).toBeLessThan(1200 + 1);
    }
    // Numbers that would collide are left off; the legend says how many went unnumbered.
    const numbered = elements.filter((e) => e.name === "rect" && e.attrs.rx === "3");
    expect(numbered.length).toBeLessThan(200);
    expect(elements.some((e) => e.name === "text" && /marked, unnumbered/.test(e.text))).toBe(true);
  });
});
