import type { RouteHandler } from "@hono/zod-openapi";
import type { AppBindings } from "../../http/types.js";
import type * as routes from "./providers.routes.js";

export const listProviders: RouteHandler<typeof routes.listProviders, AppBindings> = async (c) => {
  const { prices } = await c.var.services.snapshot();
  const data = [...prices.providers.values()].map((p) => {
    const sheets = prices.sheetsByProvider.get(p.id) ?? [];
    const latest = sheets.at(-1);
    const lastCheckedOn = sheets.reduce<string | null>(
      (max, s) => (max && max >= s.checkedOn ? max : s.checkedOn),
      null,
    );
    return {
      ...p,
      latestSheetId: latest?.id ?? null,
      latestEffectiveFrom: latest?.effectiveFrom ?? null,
      lastCheckedOn,
      sheetCount: sheets.length,
    };
  });
  return c.json({ data }, 200);
};
