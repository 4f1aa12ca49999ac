import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../../bench/requests.js";
import { compareOptions } from "../routes/comparisons/comparisons.routes.js";
import { parsedSynchronously } from "./router.js";

describe("parsedSynchronously", () => {
  it("answers safeParseAsync with the same result as zod's own async parse, valid or not", async () => {
    const schema = parsedSynchronously(
      z.object({ share: z.string().refine((s) => Number(s) <= 1, "must be at most 1"), n: z.number().int() }),
    );
    const original = z.object({
      share: z.string().refine((s) => Number(s) <= 1, "must be at most 1"),
      n: z.number().int(),
    });
    for (const input of [{ share: "0.5", n: 2 }, { share: "2", n: 2 }, { share: "0.5", n: 1.5 }, {}]) {
      const ours = await schema.safeParseAsync(input);
      const theirs = await original.safeParseAsync(input);
      expect(ours.success).toBe(theirs.success);
      expect(ours.success ? ours.data : ours.error.issues).toEqual(
        theirs.success ? theirs.data : theirs.error.issues,
      );
    }
  });

  it("wraps a schema once, however many routes give it", async () => {
    const schema = z.object({ n: z.number() });
    const once = parsedSynchronously(schema).safeParseAsync;
    expect(parsedSynchronously(schema).safeParseAsync).toBe(once);
    expect((await schema.safeParseAsync({ n: 1 })).success).toBe(true);
  });

  it("still runs an async refinement, through zod's async parse", async () => {
    const schema = parsedSynchronously(z.string().refine(async (s) => s.length > 2, "too short"));
    expect((await schema.safeParseAsync("abcd")).success).toBe(true);
    const short = await schema.safeParseAsync("ab");
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe("too short");
  });

  it("is what a route's body schema uses: the comparison body parses to the same Decimals", async () => {
    const schema = compareOptions.request.body.content["application/json"].schema;
    expect(Object.hasOwn(schema, "safeParseAsync")).toBe(true);
    const viaRoute = await schema.safeParseAsync(JSON.parse(TARGETS.comparisons.body as string));
    expect(viaRoute.success).toBe(true);
    expect(String(viaRoute.data?.workload.cachedInputShare)).toBe("0.25");
  });
});
