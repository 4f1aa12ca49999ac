/**
 * A comparison's cost curves as an SVG chart (`Accept: image/svg+xml`): monthly cost against monthly
 * volume for every option, break-even points marked.
 *
 * - 1200 × 700 viewBox; plot area on the left, legend in its own column on the right (never over
 *   the curves).
 * - Both axes are logarithmic: API fees grow linearly with volume and self-hosting steps from a few
 *   thousand dollars up, so over the sweep's four decades the costs span several orders of magnitude;
 *   on log–log axes every API is a straight line of slope 1 (its price per token is its height) and
 *   the replica steps stay visible at every scale. Axis titles say "log scale"; ticks at powers of ten
 *   ("10M", "1B" tokens/month; "$1k", "$100k"), with 2× and 5× ticks added when a range spans less
 *   than two decades. A zero cost (a free API) is drawn on the bottom edge.
 * - One `<path data-series="name" data-kind="…">` per option: colours from a colour-blind-safe
 *   palette (Okabe–Ito, then Tableau), the kind in the dash (API solid, self-hosted dashed, hybrid
 *   dotted); self-hosted curves drawn as steps (the cost jumps with whole replicas).
 * - Break-even points inside the plotted range: a circle `data-break-even` at (volume, API cost),
 *   numbered; the legend lists each number with its pair and volume. Labels are nudged apart so they
 *   do not overlap; pairs outside the range or that never break even are counted in the legend.
 * - The workload's own volume, when given, is a vertical dashed line.
 * - Accessibility: `role="img"`, `<title>` and `<desc>` (series and break-evens in words),
 *   `aria-labelledby`. Every text and attribute is XML-escaped: option names are user input.
 * - Deterministic: the same input gives the same bytes (pixel coordinates are plain numbers derived
 *   at the very end from the Decimals with Math.log10, printed with one decimal).
 */

import type { BreakEven } from "../domain/comparison/break-even.js";
import type { Sweep, SweepSeries } from "../domain/comparison/sweep.js";
import { Decimal } from "../domain/shared/decimal.js";
import { formatTokens, formatUsd } from "./format.js";

/** What the chart shows. */
export interface CostChartInput {
  sweep: Sweep;
  /** Break-evens to mark (those inside the sweep's range get a marker). */
  breakEven?: readonly BreakEven[];
  /** Default "Monthly cost by volume". */
  title?: string;
  /** A line under the title, e.g. "Prices in force on 2024-11-01". */
  subtitle?: string;
  /** The workload's own monthly volume, marked with a vertical line. */
  workloadVolume?: Decimal;
}

const WIDTH = 1200;
const HEIGHT = 700;
const PLOT = { left: 100, right: 820, top: 92, bottom: 610 };
const LEGEND = { left: 850, right: 1185, top: 92, bottom: 688 };
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Okabe–Ito (colour-blind safe), then Tableau 10 for more series. */
const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#8C564B",
  "#7F7F7F",
  "#BCBD22",
  "#17BECF",
  "#9467BD",
];
const DASH: Record<SweepSeries["kind"], string | null> = {
  api: null,
  "self-hosted": "9 5",
  hybrid: "2 4",
};

/** Escape text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Shorten to `max` characters with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}

const num = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, "");

/** "$0.01", "$1", "$1k", "$250k", "$1M": tick labels for money. */
export function compactUsd(value: Decimal): string {
  return `$${formatTokens(value)}`;
}

interface LogAxis {
  lo: number;
  hi: number;
  ticks: Decimal[];
}

/** A log axis covering [min, max] (positive), with decade ticks (and 2×, 5× on short ranges). */
function logAxis(min: Decimal, max: Decimal, snapToDecades: boolean): LogAxis {
  const lgMin = Decimal.log10(min);
  const lgMax = Decimal.log10(max);
  const lo = snapToDecades ? lgMin.floor() : lgMin;
  let hi = snapToDecades ? lgMax.ceil() : lgMax;
  if (hi.lte(lo)) hi = lo.plus(1);
  const ticks: Decimal[] = [];
  const short = hi.minus(lo).lt(2);
  for (let e = lo.floor().toNumber(); e <= hi.ceil().toNumber(); e++) {
    for (const m of short ? [1, 2, 5] : [1]) {
      const t = new Decimal(m).times(new Decimal(10).pow(e));
      const lg = Decimal.log10(t);
      if (lg.gte(lo) && lg.lte(hi)) ticks.push(t);
    }
  }
  return { lo: lo.toNumber(), hi: hi.toNumber(), ticks };
}

/** Render the chart (see the module comment). */
export function renderCostChartSvg(input: CostChartInput): string {
  const { sweep } = input;
  const title = input.title ?? "Monthly cost by volume";
  const volumes = sweep.volumes;
  const breakEvens = input.breakEven ?? [];
  const firstVolume = volumes[0] ?? sweep.from;
  const lastVolume = volumes[volumes.length - 1] ?? sweep.to;
  const inRange = breakEvensInRange(breakEvens, firstVolume, lastVolume);
  const scales = chartScales(sweep, inRange, firstVolume, lastVolume);
  const wv = input.workloadVolume;
  const workloadVolume = wv?.gte(firstVolume) && wv.lte(lastVolume) ? wv : null;
  const legendBlock = legend(sweep, inRange, breakEvens.length - inRange.length);

  const out: string[] = [
    ...chartHeader(input, title, firstVolume, lastVolume),
    ...axesLayer(scales, sweep.currency),
  ];
  // Break-even numbers keep clear of the workload label.
  const reserved: Box[] = [];
  if (workloadVolume) {
    out.push(workloadMarker(workloadVolume, scales));
    reserved.push({ x: scales.px(workloadVolume) + 4, y: PLOT.top + 2, w: 150, h: 18 });
  }
  out.push(...seriesLayer(sweep, scales));
  out.push(...breakEvenLayer(inRange, legendBlock.listed, scales, reserved));
  out.push(legendBlock.svg);
  out.push("</g>");
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

/** A label's rectangle in pixels. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The chart's two log axes and the pixel position of a volume (`px`) and of a monthly cost (`py`). */
interface ChartScales {
  x: LogAxis;
  y: LogAxis;
  px: (v: Decimal) => number;
  py: (c: Decimal) => number;
}

/** The break-evens that get a marker: those with a volume and an API cost, the volume in [first, last]. */
function breakEvensInRange(breakEvens: readonly BreakEven[], first: Decimal, last: Decimal): BreakEven[] {
  return breakEvens.filter(
    (b) => b.monthlyTokens && b.apiMonthlyCost && b.monthlyTokens.gte(first) && b.monthlyTokens.lte(last),
  );
}

/** Axes spanning the sweep's volumes and every positive cost drawn (the curves and the marked break-evens). */
function chartScales(sweep: Sweep, marked: readonly BreakEven[], first: Decimal, last: Decimal): ChartScales {
  const x = logAxis(first, last, false);
  const positives: Decimal[] = [];
  for (const s of sweep.series) for (const c of s.costs) if (c.gt(0)) positives.push(c);
  for (const b of marked) if (b.apiMonthlyCost?.gt(0)) positives.push(b.apiMonthlyCost);
  const yMin = positives.length ? Decimal.min(...positives) : new Decimal(1);
  const yMax = positives.length ? Decimal.max(...positives) : new Decimal(10);
  const y = logAxis(yMin, yMax, true);
  // Pixels are plain numbers, derived at the very end (Math.log10 of the Decimal's nearest double).
  const px = (v: Decimal) =>
    PLOT.left + ((Math.log10(v.toNumber()) - x.lo) / (x.hi - x.lo)) * (PLOT.right - PLOT.left);
  const py = (c: Decimal) =>
    c.lte(0)
      ? PLOT.bottom
      : PLOT.bottom - ((Math.log10(c.toNumber()) - y.lo) / (y.hi - y.lo)) * (PLOT.bottom - PLOT.top);
  return { x, y, px, py };
}

/** The root element, `<title>`, `<desc>`, background, the opening of the text group and the visible titles. */
function chartHeader(input: CostChartInput, title: string, first: Decimal, last: Decimal): string[] {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">`,
  );
  out.push(`<title id="chart-title">${escapeXml(title)}</title>`);
  out.push(`<desc id="chart-desc">${escapeXml(describe(input, first, last))}</desc>`);
  out.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  out.push(`<g font-family="${escapeXml(FONT)}" fill="#1a1a1a">`);
  out.push(`<text x="${PLOT.left}" y="38" font-size="22" font-weight="600">${escapeXml(title)}</text>`);
  if (input.subtitle) {
    out.push(
      `<text x="${PLOT.left}" y="62" font-size="14" fill="#555555">${escapeXml(input.subtitle)}</text>`,
    );
  }
  return out;
}

/** Grid, ticks and axis titles of both axes, and the plot frame. */
function axesLayer(scales: ChartScales, currency: string): string[] {
  const { x, y, px, py } = scales;
  const out: string[] = [];
  out.push(`<g data-axis="x" font-size="13" fill="#444444" text-anchor="middle">`);
  for (const t of x.ticks) {
    const xp = num(px(t));
    out.push(
      `<line x1="${xp}" y1="${PLOT.top}" x2="${xp}" y2="${PLOT.bottom}" stroke="#e3e3e3" stroke-width="1"/>`,
    );
    out.push(`<line x1="${xp}" y1="${PLOT.bottom}" x2="${xp}" y2="${PLOT.bottom + 6}" stroke="#666666"/>`);
    out.push(`<text x="${xp}" y="${PLOT.bottom + 24}">${escapeXml(formatTokens(t))}</text>`);
  }
  out.push(
    `<text x="${num((PLOT.left + PLOT.right) / 2)}" y="${PLOT.bottom + 56}" font-size="14" fill="#1a1a1a">Monthly volume (input + output tokens per month, log scale)</text>`,
  );
  out.push("</g>");
  out.push(`<g data-axis="y" font-size="13" fill="#444444" text-anchor="end">`);
  for (const t of y.ticks) {
    const yp = num(py(t));
    out.push(
      `<line x1="${PLOT.left}" y1="${yp}" x2="${PLOT.right}" y2="${yp}" stroke="#e3e3e3" stroke-width="1"/>`,
    );
    out.push(`<line x1="${PLOT.left - 6}" y1="${yp}" x2="${PLOT.left}" y2="${yp}" stroke="#666666"/>`);
    out.push(`<text x="${PLOT.left - 10}" y="${num(py(t) + 4.5)}">${escapeXml(compactUsd(t))}</text>`);
  }
  const yMid = num((PLOT.top + PLOT.bottom) / 2);
  out.push(
    `<text x="28" y="${yMid}" font-size="14" fill="#1a1a1a" text-anchor="middle" transform="rotate(-90 28 ${yMid})">Monthly cost (${escapeXml(currency)} per month, log scale)</text>`,
  );
  out.push("</g>");
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#999999"/>`,
  );
  return out;
}

/** The workload's own volume: a vertical dashed line, labelled. */
function workloadMarker(volume: Decimal, scales: ChartScales): string {
  const xp = num(scales.px(volume));
  return (
    `<g data-workload-volume="${escapeXml(volume.toString())}"><line x1="${xp}" y1="${PLOT.top}" x2="${xp}" y2="${PLOT.bottom}" stroke="#555555" stroke-width="1.5" stroke-dasharray="4 4"/>` +
    `<text x="${num(scales.px(volume) + 6)}" y="${PLOT.top + 16}" font-size="12" fill="#555555">your workload: ${escapeXml(formatTokens(volume))}</text></g>`
  );
}

/** One path per option; self-hosted curves as steps. */
function seriesLayer(sweep: Sweep, scales: ChartScales): string[] {
  const { px, py } = scales;
  const out: string[] = [];
  out.push(`<g data-layer="series" fill="none" stroke-width="2.5" stroke-linejoin="round">`);
  sweep.series.forEach((s, i) => {
    const points = s.costs.map((c, k) => [px(sweep.volumes[k] as Decimal), py(c)] as const);
    const d: string[] = [];
    points.forEach(([xp, yp], k) => {
      if (k === 0) d.push(`M${num(xp)} ${num(yp)}`);
      else if (s.kind === "self-hosted") d.push(`H${num(xp)} V${num(yp)}`);
      else d.push(`L${num(xp)} ${num(yp)}`);
    });
    const dash = DASH[s.kind];
    out.push(
      `<path data-series="${escapeXml(s.name)}" data-kind="${s.kind}" data-index="${s.index}" d="${d.join(" ")}" stroke="${colour(i)}"${dash ? ` stroke-dasharray="${dash}"` : ""}><title>${escapeXml(`${s.name} (${s.kind})`)}</title></path>`,
    );
  });
  out.push("</g>");
  return out;
}

/**
 * Break-even markers, numbered; labels nudged apart. Only the first `numbered` (those the legend
 * lists) get a number; `reserved` are boxes the numbers keep clear of.
 */
function breakEvenLayer(
  marked: readonly BreakEven[],
  numbered: number,
  scales: ChartScales,
  reserved: readonly Box[],
): string[] {
  const { px, py } = scales;
  const placed: Box[] = [...reserved];
  const out: string[] = [];
  out.push(`<g data-layer="break-even" font-size="12" font-weight="600">`);
  marked.forEach((b, i) => {
    const n = i + 1;
    const cx = px(b.monthlyTokens as Decimal);
    const cy = py(b.apiMonthlyCost as Decimal);
    const marker = `<circle cx="${num(cx)}" cy="${num(cy)}" r="6" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/>`;
    const open = `<g data-break-even="${n}" data-self-hosted="${escapeXml(b.selfHosted)}" data-api="${escapeXml(b.api)}" data-monthly-tokens="${escapeXml((b.monthlyTokens as Decimal).toString())}"><title>${escapeXml(breakEvenText(b))}</title>`;
    const label = String(n);
    const w = 8 * label.length + 6;
    const h = 16;
    // Only points the legend lists get a number, and only where it overlaps no other number:
    // a crowded point keeps its circle and its tooltip.
    const box = n <= numbered ? freeLabelBox(cx, cy, w, h, placed) : null;
    if (!box) {
      out.push(`${open}${marker}</g>`);
      return;
    }
    placed.push(box);
    out.push(
      open +
        marker +
        `<rect x="${num(box.x)}" y="${num(box.y)}" width="${w}" height="${h}" rx="3" fill="#ffffff" fill-opacity="0.85" stroke="#1a1a1a" stroke-width="0.75"/>` +
        `<text x="${num(box.x + w / 2)}" y="${num(box.y + 12)}" text-anchor="middle">${label}</text></g>`,
    );
  });
  out.push("</g>");
  return out;
}

/**
 * The first of eight places around the point (cx, cy) where a w × h label lies inside the plot and
 * overlaps none of `placed`; null when there is none.
 */
function freeLabelBox(cx: number, cy: number, w: number, h: number, placed: readonly Box[]): Box | null {
  const offsets = [
    [9, -22],
    [9, 6],
    [-9 - w, -22],
    [-9 - w, 6],
    [9, -40],
    [9, 24],
    [-9 - w, -40],
    [-9 - w, 24],
  ] as const;
  for (const [dx, dy] of offsets) {
    const candidate = { x: cx + dx, y: cy + dy, w, h };
    const inside =
      candidate.x >= PLOT.left &&
      candidate.x + w <= PLOT.right &&
      candidate.y >= PLOT.top &&
      candidate.y + h <= PLOT.bottom;
    if (inside && !placed.some((p) => overlaps(p, candidate))) return candidate;
  }
  return null;
}

function colour(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}

function overlaps(a: Box, b: Box) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function breakEvenText(b: BreakEven): string {
  return `${b.selfHosted} is cheaper than ${b.api} from ${formatTokens(b.monthlyTokens as Decimal)} tokens/month (${formatUsd(b.apiMonthlyCost as Decimal)} a month on the API there)${b.staysCheaper === false ? ", with setbacks at later replica steps" : ""}`;
}

/**
 * The legend column: options, then numbered break-evens (two lines each — volume, then the pair —
 * when there is room, else one), shrinking the line height and font to fit; what does not fit is
 * counted.
 */
function legend(
  sweep: Sweep,
  marked: readonly BreakEven[],
  unmarked: number,
): { svg: string; listed: number } {
  const available = LEGEND.bottom - LEGEND.top - 8;
  const linesFor = (perBreakEven: number) =>
    2 +
    sweep.series.length +
    (marked.length ? 1.4 + perBreakEven * marked.length : 0) +
    (unmarked > 0 ? 1.4 : 0);
  const twoLines = available / linesFor(2) >= 15;
  const lines = linesFor(twoLines ? 2 : 1);
  const lineHeight = Math.max(11, Math.min(20, Math.floor(available / lines)));
  const fontSize = Math.max(9, Math.min(13, lineHeight - 5));
  const charWidth = fontSize * 0.62;
  const width = LEGEND.right - LEGEND.left;
  const maxLines = Math.floor(available / lineHeight);
  const out: string[] = [`<g data-layer="legend" font-size="${fontSize}">`];
  let row = 0;
  let shownBreakEvens = 0;
  const yAt = (r: number) => LEGEND.top + 12 + r * lineHeight;
  out.push(
    `<text x="${LEGEND.left}" y="${num(yAt(row++))}" font-weight="600">Options (cheapest first)</text>`,
  );
  // Key to the dash styles: a short sample of each, labelled.
  const keyY = yAt(row++);
  let keyX = LEGEND.left;
  const key: string[] = [];
  for (const kind of ["api", "self-hosted", "hybrid"] as const) {
    const dash = DASH[kind];
    const text = kind === "api" ? "API" : kind;
    key.push(
      `<line x1="${num(keyX)}" y1="${num(keyY - fontSize * 0.35)}" x2="${num(keyX + 20)}" y2="${num(keyY - fontSize * 0.35)}" stroke="#555555" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>` +
        `<text x="${num(keyX + 25)}" y="${num(keyY)}" fill="#555555">${text}</text>`,
    );
    keyX += 25 + text.length * fontSize * 0.55 + 14;
  }
  out.push(`<g data-legend-key="line styles">${key.join("")}</g>`);
  sweep.series.forEach((s, i) => {
    const yLine = yAt(row);
    const dash = DASH[s.kind];
    out.push(
      `<g data-legend-series="${escapeXml(s.name)}"><title>${escapeXml(`${s.name} (${s.kind})`)}</title>` +
        `<line x1="${LEGEND.left}" y1="${num(yLine - fontSize * 0.35)}" x2="${LEGEND.left + 28}" y2="${num(yLine - fontSize * 0.35)}" stroke="${colour(i)}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ""}/>` +
        `<text x="${LEGEND.left + 36}" y="${num(yLine)}">${escapeXml(truncate(s.name, Math.floor((width - 36) / charWidth)))}</text></g>`,
    );
    row++;
  });
  if (marked.length) {
    row += 0.4;
    out.push(
      `<text x="${LEGEND.left}" y="${num(yAt(row++))}" font-weight="600">Break-even: self-hosting cheaper from</text>`,
    );
    const perEntry = twoLines ? 2 : 1;
    const reserve = unmarked > 0 ? 1.4 : 0;
    let shown = 0;
    for (const b of marked) {
      const last = shown === marked.length - 1;
      // Keep a line for "+ k more" unless this is the last entry.
      if (row + perEntry + reserve + (last ? 0 : 1) > maxLines) break;
      const n = shown + 1;
      const volume = `${n}. ${formatTokens(b.monthlyTokens as Decimal)} tokens/month`;
      const pair = `${b.selfHosted} vs ${b.api}`;
      const body = twoLines
        ? `<text x="${LEGEND.left}" y="${num(yAt(row))}" font-weight="600">${escapeXml(volume)}</text>` +
          `<text x="${LEGEND.left + 16}" y="${num(yAt(row + 1))}">${escapeXml(truncate(pair, Math.floor((width - 16) / charWidth)))}</text>`
        : `<text x="${LEGEND.left}" y="${num(yAt(row))}">${escapeXml(truncate(`${volume}: ${pair}`, Math.floor(width / charWidth)))}</text>`;
      out.push(`<g data-legend-break-even="${n}"><title>${escapeXml(breakEvenText(b))}</title>${body}</g>`);
      row += perEntry;
      shown++;
    }
    shownBreakEvens = shown;
    if (shown < marked.length) {
      const more = marked.length - shown;
      out.push(
        `<text x="${LEGEND.left}" y="${num(yAt(row++))}" fill="#555555">${shown ? `+ ${more} more` : `${more} points`} marked, unnumbered (see breakEven in the JSON)</text>`,
      );
    }
  }
  if (unmarked > 0) {
    out.push(
      `<text x="${LEGEND.left}" y="${num(yAt(row + 0.4))}" fill="#555555">${escapeXml(truncate(`${unmarked} pair${unmarked === 1 ? " has" : "s have"} no break-even on this chart`, Math.floor(width / charWidth)))}</text>`,
    );
  }
  out.push("</g>");
  return { svg: out.join("\n"), listed: shownBreakEvens };
}

/** The chart in words, for `<desc>`. */
function describe(input: CostChartInput, first: Decimal, last: Decimal): string {
  const { sweep } = input;
  const parts = [
    `Monthly cost in ${sweep.currency} of ${sweep.series.length} option${sweep.series.length === 1 ? "" : "s"} against monthly volume from ${formatTokens(first)} to ${formatTokens(last)} tokens (input + output), both axes logarithmic.`,
  ];
  for (const s of sweep.series) {
    const a = s.costs[0];
    const b = s.costs[s.costs.length - 1];
    if (a && b) parts.push(`${s.name} (${s.kind}): ${formatUsd(a)} to ${formatUsd(b)} a month.`);
  }
  if (sweep.series.some((s) => s.costs.some((c) => c.lte(0))))
    parts.push("A cost of 0 is drawn on the bottom edge.");
  for (const b of input.breakEven ?? []) {
    parts.push(
      b.monthlyTokens ? `${breakEvenText(b)}.` : `${b.selfHosted} never becomes cheaper than ${b.api}.`,
    );
  }
  return parts.join(" ");
}
