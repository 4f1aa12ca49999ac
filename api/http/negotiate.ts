/**
 * Content negotiation for result formats: the first supported media type in the `Accept` header by
 * quality (ties keep header order); `*\/*` or no header means JSON; nothing acceptable → 406 problem.
 */
import { ApiError } from "./problem.js";

export type ResultFormat = "json" | "csv" | "svg";

const FORMATS: [string, ResultFormat][] = [
  ["application/json", "json"],
  ["text/csv", "csv"],
  ["image/svg+xml", "svg"],
];

export function negotiateFormat(accept: string | undefined): ResultFormat {
  if (!accept?.trim()) return "json";
  const ranges = accept
    .split(",")
    .map((part, order) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((r) => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    if (range.type === "*/*" || range.type === "application/*") return "json";
    const exact = FORMATS.find(([media]) => media === range.type);
    if (exact) return exact[1];
    if (range.type === "text/*") return "csv";
    if (range.type === "image/*") return "svg";
  }
  throw new ApiError(
    406,
    "not-acceptable",
    `Cannot produce ${accept}; this operation offers application/json, text/csv and image/svg+xml.`,
  );
}
