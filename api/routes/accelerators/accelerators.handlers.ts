import type { RouteHandler } from "@hono/zod-openapi";
import { describeSource } from "../../catalog/hardware-records.js";
import type { AppBindings } from "../../http/types.js";
import type * as routes from "./accelerators.routes.js";

export const listAccelerators: RouteHandler<typeof routes.listAccelerators, AppBindings> = async (c) => {
  const { hardware } = await c.var.services.snapshot();
  const data = hardware.acceleratorEntries.map((a) => ({
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    consumer: a.consumer,
    memoryGB: a.memoryGB,
    memoryBandwidthGBps: a.memoryBandwidthGBps,
    bf16DenseTflops: a.bf16DenseTflops,
    fp8DenseTflops: a.fp8DenseTflops,
    fp4DenseTflops: a.fp4DenseTflops ?? null,
    int8DenseTops: a.int8DenseTops,
    tdpWatts: a.tdpWatts,
    specsSource: describeSource(a.specs),
    purchasePrices: a.purchasePrices.map((p) => ({ ...p, note: p.note ?? null })),
    rentPrices: a.rentPrices.map((r) => ({ ...r, note: r.note ?? null })),
    currency: "USD",
  }));
  return c.json({ data }, 200);
};
